import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isOnPath } from '../../core/ai-ignore/apply';
import { installLauncher, isOnPathList, launcherPlace, refreshLauncher, uninstallLauncher, type LauncherPlace } from '../cli-launcher';
import { messageOf } from '../log';
import type { Services } from '../services';

/**
 * EnvGuard: Install 'envguard' Command in PATH, as VS Code's own "Install 'code' command": a launcher
 * of the CLI this extension ships, in a folder of the user's (cli-launcher.ts). Putting it in
 * /usr/local/bin would need the OS's elevation prompt, which is not done: ~/.local/bin needs none.
 * A file there that EnvGuard did not write is replaced only after the user's yes.
 */
export function installCli(services: Services) {
  return async (): Promise<void> => {
    const place = placeOf(services);
    const cli = path.join(services.extension.path, 'dist', 'cli.js');
    let outcome = await installLauncher(place, process.platform, process.execPath, cli);
    if (outcome.outcome === 'foreign') {
      const replace = 'Replace';
      const answer = await vscode.window.showWarningMessage(
        `${outcome.entry} exists and was not installed by EnvGuard. Replace it with EnvGuard's launcher?`,
        { modal: true, detail: 'It may be another program called envguard, or the CLI installed with npm. Cancel keeps it as it is.' },
        replace,
      );
      if (answer !== replace) {
        services.log.info(`Install 'envguard' command: ${outcome.entry} is not EnvGuard's; left as it is`);
        return;
      }
      outcome = await installLauncher(place, process.platform, process.execPath, cli, true);
      if (outcome.outcome !== 'installed') return;
    }
    services.log.info(`Install 'envguard' command: ${place.entry} runs ${cli} with ${process.execPath}`);
    const notes: string[] = [];
    if (outcome.createdBinDir) notes.push(`${place.binDir} was created.`);
    if (!isOnPathList(place.binDir, process.env['PATH'] ?? process.env['Path'], process.platform)) {
      notes.push(process.platform === 'win32'
        ? `Add ${place.binDir} to your user Path (Settings → "Edit environment variables for your account"), then open a new terminal.`
        : `${place.binDir} is not on your PATH: add \`export PATH="$HOME/.local/bin:$PATH"\` to your shell's profile (~/.profile, ~/.zshrc), then open a new terminal.`);
    }
    const other = await otherEnvguard(place);
    if (other) notes.push(`Another envguard is on your PATH (${other}): the folder that comes first in PATH wins.`);
    void vscode.window.showInformationMessage(`EnvGuard: 'envguard' is installed in ${place.binDir}. ${notes.join(' ')}`.trim());
  };
}

/** EnvGuard: Uninstall 'envguard' Command from PATH: removes only what Install wrote. */
export function uninstallCli(services: Services) {
  return async (): Promise<void> => {
    const place = placeOf(services);
    const result = await uninstallLauncher(place);
    services.log.info(`Uninstall 'envguard' command: ${place.entry}: ${result}`);
    void vscode.window.showInformationMessage(
      result === 'removed' ? `EnvGuard: 'envguard' was removed from ${place.binDir}.`
        : result === 'foreign' ? `EnvGuard: ${place.entry} was not installed by EnvGuard, so it is left as it is.`
          : `EnvGuard: there is no 'envguard' command of EnvGuard's in ${place.binDir}.`,
    );
  };
}

/** At startup (after the first scan): an installed launcher is pointed at this version of the extension. */
export async function refreshInstalledCli(services: Services): Promise<void> {
  try {
    const cli = path.join(services.extension.path, 'dist', 'cli.js');
    if (await refreshLauncher(placeOf(services), process.platform, process.execPath, cli)) services.log.info(`The 'envguard' command now runs ${cli}`);
  } catch (error) {
    services.log.warn(`The 'envguard' command in PATH could not be brought up to date: ${messageOf(error)}`);
  }
}

function placeOf(services: Services): LauncherPlace {
  return launcherPlace({ platform: process.platform, home: os.homedir(), storageDir: services.extension.storageDir, localAppData: process.env['LOCALAPPDATA'] });
}

/** An `envguard` on PATH outside the launcher's folder (npm's, another program): its folder, else undefined. */
async function otherEnvguard(place: LauncherPlace): Promise<string | undefined> {
  const folders = (process.env['PATH'] ?? process.env['Path'] ?? '').split(path.delimiter).filter((folder) => folder !== '' && path.resolve(folder) !== path.resolve(place.binDir));
  for (const folder of folders) {
    if (await isOnPath('envguard', { PATH: folder, PATHEXT: process.env['PATHEXT'] })) return folder;
  }
  return undefined;
}
