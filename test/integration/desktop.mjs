// Desktop VS Code for the integration suites, where one can be had: `@vscode/test-electron` downloads
// the stable build into .vscode-test/ (once), and on Linux without a display an Xvfb server gives it
// one. Where neither is possible the reason is returned, and the caller reports the desktop session
// as skipped with it: never a silent pass.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The first line of an error: the download's reason (ENOTFOUND update.code.visualstudio.com, here). */
const reasonOf = (error) => String(error?.message ?? error).split('\n')[0];

/**
 * Resolves to `{ executable, env, stop }` for a desktop VS Code ready to run tests, or to
 * `{ skipped: reason }`.
 */
export async function desktopVsCode(root) {
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  let executable;
  try {
    executable = await downloadAndUnzipVSCode({ version: 'stable', cachePath: path.join(root, '.vscode-test'), timeout: 20_000 });
  } catch (error) {
    return { skipped: `no desktop VS Code could be downloaded (${reasonOf(error)})` };
  }
  if (process.platform !== 'linux' || process.env.DISPLAY) return { executable, env: {}, stop: () => undefined };
  if (spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error) return { skipped: 'desktop VS Code needs a display: no DISPLAY and no Xvfb (apt-get install xvfb)' };
  const display = `:${90 + (process.pid % 100)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x720x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await delay(1000);
  if (xvfb.exitCode !== null) return { skipped: `Xvfb could not start on display ${display} (exit ${xvfb.exitCode})` };
  return { executable, env: { DISPLAY: display }, stop: () => xvfb.kill() };
}
