import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';
import { hasTmux, Terminals, waitUntil } from '../gate/support';
import { openLocalVault } from '../../../src/core/vault/local';
import { ProjectRegistry } from '../../../src/core/project/registry';
import { exportLocalVault } from '../../../src/core/vault/local/transfer';

const EXPORT_PASSPHRASE = 'moving to the new laptop';

/**
 * `envguard vault export FILE` / `vault import FILE` for an automation vault, typed at a real terminal
 * (tmux): the passphrase twice for the export, once for the import (a wrong one asked again), the
 * values resolved by `envguard run` on the other "machine" (another vault folder), never shown.
 */
describe('envguard vault export / import (automation vault, real pty through tmux)', function () {
  this.timeout(120_000);
  let parent: string;
  let project: { dir: string; cleanup: () => void };
  let terminals: Terminals[] = [];
  const token = fake.githubToken('transfer');
  const password = fake.password('transfer');
  const homeA = () => path.join(parent, 'machine-a');
  const homeB = () => path.join(parent, 'machine-b');
  const env = (home: string) => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'automation' });

  before(function () {
    if (process.platform !== 'linux' || !hasTmux()) {
      console.log('      (skipped: needs Linux and tmux)');
      this.skip();
    }
  });
  beforeEach(() => {
    parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-transfer-')));
    project = makeProject({ '.envguard.json': '{ "project": "shop" }\n', '.env': `API_TOKEN=${token}\nDB_PASSWORD=${password}\nPORT=3000\n` });
  });
  afterEach(async () => {
    for (const t of terminals) t.close();
    terminals = [];
    await waitUntil(() => { try { project.cleanup(); return true; } catch { return false; } }, 15_000, 'the project folder removed');
    rmSync(parent, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  function terminalFor(home: string): { t: Terminals; target: string } {
    const t = new Terminals(project.dir, { ...env(home), PATH: process.env.PATH ?? '' });
    terminals.push(t);
    return { t, target: t.open() };
  }

  /** Migrates the project into machine A's vault, then starts `vault export` to backup.age in a terminal of A. */
  async function startExport(): Promise<{ a: { t: Terminals; target: string }; file: string }> {
    const migrated = await runCli(['migrate', '--yes'], { cwd: project.dir, env: env(homeA()) });
    assert.equal(migrated.code, 0, migrated.stderr);
    const file = path.join(parent, 'backup.age');
    const a = terminalFor(homeA());
    a.t.runEnvguard(a.target, `vault export ${file}`, 'EXPORT');
    return { a, file };
  }

  it('exports every secret at the terminal (mode 0600, no value or name readable), and imports it into another vault whose run gets the values', async () => {
    const { a, file } = await startExport();
    await a.t.waitFor(a.target, /Export passphrase \(typed input is hidden\): *$/m);
    a.t.type(a.target, 'short');
    await a.t.waitFor(a.target, /That is too short: a passphrase has at least 8 characters\.\nExport passphrase/);
    a.t.type(a.target, EXPORT_PASSPHRASE);
    await a.t.waitFor(a.target, /Type it again: *$/m);
    a.t.type(a.target, EXPORT_PASSPHRASE);
    let screen = await a.t.waitFor(a.target, /EXPORT=\d+/, 60_000);
    assert.match(screen, /EXPORT=0/, screen);
    assert.match(screen, /Exported 2 secrets \(2 versions\) to .*backup\.age, sealed under the passphrase you chose/);
    assert.ok(!screen.includes(token) && !screen.includes(password) && !screen.includes(EXPORT_PASSPHRASE));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const sealed = readFileSync(file);
    assert.equal(sealed.subarray(0, 22).toString(), 'age-encryption.org/v1\n');
    for (const text of [token, password, 'API_TOKEN', 'shop/']) assert.ok(!sealed.includes(text), `${text} is not readable in the file`);

    // Another machine: a fresh vault folder; the wrong passphrase is asked again, then the right one.
    const b = terminalFor(homeB());
    b.t.runEnvguard(b.target, `vault import ${file}`, 'IMPORT');
    await b.t.waitFor(b.target, /Passphrase of .*backup\.age \(typed input is hidden\): *$/m);
    b.t.type(b.target, 'not the right passphrase');
    await b.t.waitFor(b.target, /That passphrase does not open .*backup\.age\.\nPassphrase of/, 60_000);
    b.t.type(b.target, EXPORT_PASSPHRASE);
    screen = await b.t.waitFor(b.target, /IMPORT=\d+/, 60_000);
    assert.match(screen, /IMPORT=0/, screen);
    assert.match(screen, /added +shop\/default\/API_TOKEN +\(1 version added\)/);
    assert.match(screen, /added +shop\/default\/DB_PASSWORD/);
    assert.ok(!screen.includes(token) && !screen.includes(password));

    // The project came along with no folder (a confirmed place is always this machine's user's act): until linked, nothing resolves.
    assert.match(screen, /Project shop is new on this machine: in its folder, run envguard project link/);
    const unlinked = await runCli(['run', '--', process.execPath, '-e', '0'], { cwd: project.dir, env: env(homeB()) });
    assert.notEqual(unlinked.code, 0);
    assert.match(unlinked.stderr, /is not a confirmed place of that project/);
    const link = await runCli(['project', 'link', '--yes'], { cwd: project.dir, env: env(homeB()) });
    assert.equal(link.code, 0, link.stderr);
    const script = 'process.stdout.write(String(process.env.API_TOKEN === process.env.EXPECTED))';
    const run = await runCli(['run', '--', process.execPath, '-e', script], { cwd: project.dir, env: { ...env(homeB()), EXPECTED: token } });
    assert.equal(run.stdout, 'true', run.stderr);

    // Again: nothing changes, said per secret, in JSON too.
    b.t.runEnvguard(b.target, `vault import ${file} --format json`, 'AGAIN');
    await b.t.waitFor(b.target, /Passphrase of .*backup\.age/);
    b.t.type(b.target, EXPORT_PASSPHRASE);
    screen = await b.t.waitFor(b.target, /AGAIN=\d+/, 60_000);
    assert.match(screen, /AGAIN=0/, screen);
    assert.match(screen, /"result": "unchanged"/);
  });

  it('is interchangeable with the age tool: `age -d` opens an export, and a file `age -p` sealed imports (skipped, saying so, without age)', async function () {
    if (spawnSync('age', ['--version']).status !== 0) {
      console.log('      (skipped: the age tool is not installed; .ci/run installs it)');
      this.skip();
    }
    const { a, file } = await startExport();
    await a.t.chooseExportPassphrase(a.target, EXPORT_PASSPHRASE);
    await a.t.waitFor(a.target, /EXPORT=0/, 60_000);

    // age asks at the terminal too; what it opens goes through a pipe, never into a file.
    const summary = path.join(parent, 'summary.txt');
    const summarise = 'let t="";process.stdin.on("data",d=>t+=d).on("end",()=>{const x=JSON.parse(t);process.stdout.write(x.format+" "+x.secrets.map(s=>s.name+"="+(s.versions[0].value===process.env.EXPECTED)).join(","))})';
    a.t.type(a.target, `clear; age -d ${file} | EXPECTED=${token} node -e '${summarise}' > ${summary}; echo "AGE=$?"`);
    await a.t.waitFor(a.target, /Enter passphrase: *$/m, 30_000);
    a.t.type(a.target, EXPORT_PASSPHRASE);
    let screen = await a.t.waitFor(a.target, /AGE=\d+/, 60_000);
    assert.match(screen, /AGE=0/, screen);
    assert.equal(readFileSync(summary, 'utf8'), 'envguard-vault-export shop/default/API_TOKEN=true,shop/default/DB_PASSWORD=false');

    // The other way: an export written by hand and sealed by `age -p` imports.
    const resealed = path.join(parent, 'by-age.age');
    const handmade = JSON.stringify({ format: 'envguard-vault-export', formatVersion: 1, exportedOn: '2026-11-30T10:00:00.000Z', projects: [], secrets: [{ name: 'HANDMADE', versions: [{ version: 'a'.repeat(32), createdOn: '2026-11-30T10:00:00.000Z', enabled: true, tags: {}, value: password }] }] });
    a.t.type(a.target, `clear; printf '%s' '${handmade}' | age -p -o ${resealed}; echo "SEAL=$?"`);
    await a.t.waitFor(a.target, /Enter passphrase.*: *$/m, 30_000);
    a.t.type(a.target, 'sealed by age itself');
    await a.t.waitFor(a.target, /Confirm passphrase: *$/m, 30_000);
    a.t.type(a.target, 'sealed by age itself');
    screen = await a.t.waitFor(a.target, /SEAL=\d+/, 60_000);
    assert.match(screen, /SEAL=0/, screen);

    const b = terminalFor(homeB());
    b.t.runEnvguard(b.target, `vault import ${resealed}`, 'IMPORT');
    await b.t.waitFor(b.target, /Passphrase of .*by-age\.age/);
    b.t.type(b.target, 'sealed by age itself');
    const imported = await b.t.waitFor(b.target, /IMPORT=\d+/, 60_000);
    assert.match(imported, /IMPORT=0/, imported);
    assert.match(imported, /added +HANDMADE +\(1 version added\)/);
    const listed = await runCli(['vault', 'list', '--format', 'json'], { cwd: parent, env: env(homeB()) });
    assert.deepEqual((JSON.parse(listed.stdout) as { secrets: { name: string; version: string }[] }).secrets.map((x) => [x.name, x.version]), [['HANDMADE', 'a'.repeat(32)]]);
  });

  it('refuses without a terminal, over an existing file, for a remote vault, and for a file that is not an export: nothing written, no value shown', async () => {
    const migrated = await runCli(['migrate', '--yes'], { cwd: project.dir, env: env(homeA()) });
    assert.equal(migrated.code, 0, migrated.stderr);
    const file = path.join(parent, 'backup.age');
    const piped = await runCli(['vault', 'export', file], { cwd: project.dir, env: env(homeA()), input: `${EXPORT_PASSPHRASE}\n${EXPORT_PASSPHRASE}\n` });
    assert.equal(piped.code, 2);
    assert.match(piped.stderr, /the export's passphrase is typed at a terminal, and this command has none/);
    assert.throws(() => statSync(file), /ENOENT/);

    writeFileSync(file, 'kept');
    const exists = await runCli(['vault', 'export', file], { cwd: project.dir, env: env(homeA()) });
    assert.equal(exists.code, 2);
    assert.match(exists.stderr, /backup\.age exists: choose another file, or pass --force/);
    assert.equal(readFileSync(file, 'utf8'), 'kept');

    const remote = await runCli(['vault', 'export', path.join(parent, 'x.age'), '--vault', 'hashicorp-vault:https://127.0.0.1:1'], { cwd: project.dir, env: { ...env(homeA()), VAULT_ADDR: 'https://127.0.0.1:1', VAULT_TOKEN: 'not-used' } });
    assert.equal(remote.code, 2);
    assert.match(remote.stderr, /'vault export' moves the local vault/);

    const missing = await runCli(['vault', 'import', path.join(parent, 'nothing.age')], { cwd: project.dir, env: env(homeA()) });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nothing\.age/);
    const noFolder = await runCli(['vault', 'export', path.join(parent, 'no', 'such', 'x.age')], { cwd: project.dir, env: env(homeA()) });
    assert.equal(noFolder.code, 2);
    assert.match(noFolder.stderr, /the folder of .* does not exist/);
    writeFileSync(path.join(parent, 'notes.txt'), `API_TOKEN=${token}\n`);
    const notExport = await runCli(['vault', 'import', path.join(parent, 'notes.txt')], { cwd: project.dir, env: env(homeA()) });
    assert.equal(notExport.code, 2);
    assert.match(notExport.stderr, /notes\.txt is not an EnvGuard export: an export is an age-encrypted file/);
    const notAnExport = await runCli(['vault', 'import', file], { cwd: project.dir, env: env(homeA()) });
    assert.equal(notAnExport.code, 2);
    assert.match(notAnExport.stderr, /backup\.age is not an EnvGuard export/, 'the file written above is "kept", not an export');
    // A real export, sealed in this process: without a terminal its passphrase cannot be typed, so nothing is read from it.
    const vault = await openLocalVault({ home: homeA(), keyStore: 'automation', env: {} });
    const real = path.join(parent, 'real.age');
    writeFileSync(real, (await exportLocalVault(vault, await ProjectRegistry.open(homeA()), EXPORT_PASSPHRASE, 10)).sealed);
    const noTerminal = await runCli(['vault', 'import', real], { cwd: project.dir, env: env(homeB()) });
    assert.equal(noTerminal.code, 2);
    assert.match(noTerminal.stderr, /the passphrase of .*real\.age is typed at a terminal, and this command has none/);
    const device = await runCli(['vault', 'import', '/dev/zero'], { cwd: project.dir, env: env(homeB()) });
    assert.equal(device.code, 2);
    assert.match(device.stderr, /\/dev\/zero is not a regular file/);
    for (const r of [piped, exists, remote, missing, noFolder, notExport, notAnExport, noTerminal, device]) assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
  });
});
