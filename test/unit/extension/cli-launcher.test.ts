/**
 * The `envguard` launcher the extension puts on PATH (src/extension/cli-launcher.ts, no vscode), on real
 * folders: the launcher runs the built CLI as a child process, a file that is not EnvGuard's is never
 * replaced without a yes nor removed, and a launcher whose extension moved says what to do.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { entryOwner, installLauncher, isOnPathList, launcherPlace, launcherText, LAUNCHER_MARK, refreshLauncher, uninstallLauncher } from '../../../src/extension/cli-launcher';
import { CLI } from '../support/cli';

const root = path.resolve(__dirname, '..', '..', '..');
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const homes: string[] = [];
after(() => homes.forEach((home) => rmSync(home, { recursive: true, force: true })));

function newHome(): { home: string; storageDir: string } {
  const home = mkdtempSync(path.join(tmpdir(), 'envguard-home-'));
  homes.push(home);
  return { home, storageDir: path.join(home, 'storage') };
}

const posix = process.platform !== 'win32';

describe('the envguard launcher on PATH (extension)', function () {
  this.timeout(60_000);

  (posix ? it : it.skip)('links ~/.local/bin/envguard (created) to a launcher that runs the bundled CLI with the given runtime', async () => {
    const { home, storageDir } = newHome();
    const place = launcherPlace({ platform: process.platform, home, storageDir });
    assert.equal(place.entry, path.join(home, '.local', 'bin', 'envguard'));
    const outcome = await installLauncher(place, process.platform, process.execPath, CLI);
    assert.deepEqual(outcome, { outcome: 'installed', createdBinDir: true });
    assert.ok(lstatSync(place.entry).isSymbolicLink());
    assert.equal(await entryOwner(place), 'ours');

    const run = spawnSync(place.entry, ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: home } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${version}\n`);
    // A real command through the launcher, on a real folder: the runtime's switch is not taken for an argument.
    const project = path.join(home, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, '.env'), 'PORT=3000\n');
    const scan = spawnSync(place.entry, ['scan', project], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: home } });
    assert.equal(scan.status, 0, scan.stderr + scan.stdout);

    // Installing again brings ours up to date; uninstalling removes the link and the launcher.
    assert.equal((await installLauncher(place, process.platform, process.execPath, CLI)).outcome, 'installed');
    assert.equal(await uninstallLauncher(place), 'removed');
    assert.ok(!existsSync(place.entry) && !existsSync(place.launcher));
    assert.equal(await uninstallLauncher(place), 'none');
  });

  (posix ? it : it.skip)('never replaces an envguard that is not its own without a yes, and never removes it', async () => {
    const { home, storageDir } = newHome();
    const place = launcherPlace({ platform: process.platform, home, storageDir });
    mkdirSync(place.binDir, { recursive: true });
    writeFileSync(place.entry, '#!/bin/sh\necho npm-installed\n', { mode: 0o755 });
    assert.equal(await entryOwner(place), 'foreign');
    assert.deepEqual(await installLauncher(place, process.platform, process.execPath, CLI), { outcome: 'foreign', entry: place.entry });
    assert.equal(await uninstallLauncher(place), 'foreign');
    assert.equal(readFileSync(place.entry, 'utf8'), '#!/bin/sh\necho npm-installed\n');
    // The user said Replace.
    assert.equal((await installLauncher(place, process.platform, process.execPath, CLI, true)).outcome, 'installed');
    assert.equal(await entryOwner(place), 'ours');
  });

  (posix ? it : it.skip)('says what to do when the extension it points to is gone', async () => {
    const { home, storageDir } = newHome();
    const place = launcherPlace({ platform: process.platform, home, storageDir });
    await installLauncher(place, process.platform, process.execPath, path.join(home, "gone's", 'dist', 'cli.js'));
    const run = spawnSync(place.entry, ['--version'], { encoding: 'utf8' });
    assert.equal(run.status, 127);
    assert.match(run.stderr, /gone's\/dist\/cli\.js: the EnvGuard extension is no longer there .*Install 'envguard' Command in PATH/);
  });

  (posix ? it : it.skip)('after an update, an installed launcher is pointed at the extension\'s new folder; none is not created', async () => {
    const { home, storageDir } = newHome();
    const place = launcherPlace({ platform: process.platform, home, storageDir });
    assert.equal(await refreshLauncher(place, process.platform, process.execPath, CLI), false);
    assert.ok(!existsSync(place.entry));
    await installLauncher(place, process.platform, process.execPath, path.join(home, 'envguard.envguard-0.0.9', 'dist', 'cli.js'));
    assert.equal(await refreshLauncher(place, process.platform, process.execPath, CLI), true);
    assert.equal(spawnSync(place.entry, ['--version'], { encoding: 'utf8' }).stdout, `${version}\n`);
    assert.equal(await refreshLauncher(place, process.platform, process.execPath, CLI), false);
  });

  it('writes a .cmd in a per-user folder on Windows, recognised by its mark', () => {
    const place = launcherPlace({ platform: 'win32', home: 'C:\\Users\\ada', storageDir: 'C:\\storage', localAppData: 'C:\\Users\\ada\\AppData\\Local' });
    assert.equal(place.entry, 'C:\\Users\\ada\\AppData\\Local\\Programs\\EnvGuard\\bin\\envguard.cmd');
    const text = launcherText('win32', 'C:\\Program Files\\Code\\Code.exe', 'C:\\ext\\dist\\cli.js');
    assert.ok(text.includes(LAUNCHER_MARK));
    assert.match(text, /set ELECTRON_RUN_AS_NODE=1\r\n"C:\\Program Files\\Code\\Code\.exe" "C:\\ext\\dist\\cli\.js" --ms-enable-electron-run-as-node %\*\r\n/);
    // A profile path with % or & is neither expanded nor split by cmd: quoted, % doubled, never in the unquoted echo.
    const odd = launcherText('win32', 'C:\\Code\\Code.exe', 'C:\\Users\\A&B\\100%USERNAME%\\cli.js');
    assert.ok(odd.includes('"C:\\Users\\A&B\\100%%USERNAME%%\\cli.js" --ms-enable'), odd);
    assert.ok(!/echo [^\r\n]*A&B/.test(odd), odd);
  });

  it('knows whether a folder is on PATH', () => {
    assert.ok(isOnPathList('/home/ada/.local/bin', '/usr/bin:/home/ada/.local/bin/', 'linux'));
    assert.ok(!isOnPathList('/home/ada/.local/bin', '/usr/bin:/bin', 'linux'));
    assert.ok(isOnPathList('C:\\Users\\Ada\\bin', 'C:\\Windows;c:\\users\\ada\\bin', 'win32'));
  });

  it('the CLI takes the runtime switch of VS Code\'s launcher as no argument, and does not pass ELECTRON_RUN_AS_NODE on', () => {
    const project = newHome().home;
    writeFileSync(path.join(project, '.env'), 'PORT=3000\n');
    const run = spawnSync(process.execPath, [CLI, '--ms-enable-electron-run-as-node', 'run', '--', process.execPath, '-e', 'console.log(process.env.ELECTRON_RUN_AS_NODE ?? "unset")'], {
      encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, ELECTRON_RUN_AS_NODE: '1', ENVGUARD_HOME: newHome().home, ENVGUARD_KEY_STORE: 'automation' }, cwd: project,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'unset\n');
  });
});
