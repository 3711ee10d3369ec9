import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

/**
 * EnvGuard: Install 'envguard' Command in PATH and its Uninstall twin, in the real host, with HOME a
 * folder of the test's own (os.homedir() reads HOME: the extension runs in this process). The launcher
 * is then run as a child process, as a shell would.
 */
describe("the 'envguard' command in PATH", () => {
  before(activateExtension);

  (process.platform === 'win32' ? it.skip : it)('Install links ~/.local/bin/envguard to a launcher that runs the bundled CLI; Uninstall removes it', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'envguard-home-'));
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      await vscode.commands.executeCommand('envguard.installCli');
      const entry = path.join(home, '.local', 'bin', 'envguard');
      assert.ok(lstatSync(entry).isSymbolicLink(), `${entry} is a link`);
      const env = { PATH: '/usr/bin:/bin', HOME: home };
      const version = spawnSync(entry, ['--version'], { encoding: 'utf8', env });
      assert.equal(version.status, 0, version.stderr);
      const expected = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { version: string }).version;
      assert.equal(version.stdout, `${expected}\n`);
      const project = path.join(home, 'project');
      mkdirSync(project);
      writeFileSync(path.join(project, '.env'), 'PORT=3000\n');
      const scan = spawnSync(entry, ['scan', project], { encoding: 'utf8', env });
      assert.equal(scan.status, 0, scan.stderr + scan.stdout);

      await vscode.commands.executeCommand('envguard.uninstallCli');
      assert.ok(!existsSync(entry) && !lstatExists(entry), 'the link is gone');
    } finally {
      process.env.HOME = saved;
      rmSync(home, { recursive: true, force: true });
    }
  });
});

function lstatExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
