import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readReleaseLog } from '../../../src/core/gate';
import { gateKey } from '../../../src/core/gate/derived-keys';
import { readWrappedKey, unwrapKey } from '../../../src/core/vault/local/wrapped-key';
import { DB_PASSWORD, hasTmux, PASSPHRASE, protectedVault, runAsAgent, Terminals, waitUntil, type ProtectedVault } from './support';

const EXPORT_PASSPHRASE = 'a passphrase for the file';

/**
 * `vault export` / `vault import` of a passphrase vault: the key agent seals and opens the file, and
 * asks a human every time (it carries every value out, or in). An agent that holds a terminal can
 * choose an export passphrase, but cannot approve: it does not know the vault's.
 */
describe('gate: vault export and import through the key agent, approved at a terminal', function () {
  this.timeout(120_000);
  let vault: ProtectedVault;
  let terminals: Terminals;
  const start = (target: string, args: string): string => terminals.start(target, args);
  const chooseExportPassphrase = (target: string): Promise<void> => terminals.chooseExportPassphrase(target, EXPORT_PASSPHRASE);

  before(async function () {
    if (process.platform !== 'linux' || !hasTmux()) this.skip();
    vault = await protectedVault({ '.env': `DB_PASSWORD=${DB_PASSWORD}\nPORT=3000\n` });
    await vault.unlock();
    terminals = new Terminals(vault.project, { ...vault.env, PATH: process.env.PATH ?? '' });
  });
  after(async () => {
    terminals?.close();
    // The terminals' shells may still write their history into the project as tmux ends them.
    if (vault) await waitUntil(async () => { try { await vault.cleanup(); return true; } catch { return false; } }, 15_000, 'the test folders removed');
  });

  it('an agent at a terminal chooses an export passphrase, then types "y" at the approval: refused, no file', async () => {
    const file = path.join(path.dirname(vault.home), 'by-agent.age');
    const terminal = terminals.open();
    const marker = start(terminal, `vault export ${file}`);
    await chooseExportPassphrase(terminal);
    for (let i = 1; i <= 3; i++) {
      await waitUntil(() => (terminals.screen(terminal).match(/Passphrase: *$/gm) ?? []).length >= i, 30_000, `approval prompt ${i}`);
      terminals.type(terminal, 'y');
    }
    const screen = await terminals.waitFor(terminal, new RegExp(`${marker}=\\d+`));
    assert.match(screen, /EnvGuard: approve to EXPORT every value, into a file sealed under the passphrase just chosen, 1 secret/);
    assert.match(screen, new RegExp(`${marker}=2`));
    assert.match(screen, /the passphrase was wrong 3 times/);
    assert.equal(existsSync(file), false, 'nothing was written');
    // Without a terminal at all, an agent is not even asked for a passphrase.
    const headless = await runAsAgent(['vault', 'export', file], { cwd: vault.project, env: vault.env });
    assert.equal(headless.code, 2);
    assert.match(headless.stderr, /typed at a terminal, and this command has none/);
    assert.ok(!screen.includes(DB_PASSWORD) && !headless.stderr.includes(DB_PASSWORD));
  });

  it('under a recognised AI agent (CLAUDECODE in its terminal) an export is refused before anyone is asked, and the refusal is logged', async () => {
    const file = path.join(path.dirname(vault.home), 'under-agent.age');
    const agentTerminals = new Terminals(vault.project, { ...vault.env, PATH: process.env.PATH ?? '', CLAUDECODE: '1' });
    try {
      const terminal = agentTerminals.open();
      agentTerminals.runEnvguard(terminal, `vault export ${file}`, 'UNDER');
      await agentTerminals.chooseExportPassphrase(terminal, EXPORT_PASSPHRASE);
      const screen = await agentTerminals.waitFor(terminal, /UNDER=\d+/, 30_000);
      assert.match(screen, /UNDER=2/);
      assert.match(screen, /a vault export was asked from under the AI agent Claude Code: an export moves every value at once, so only you run it/);
      assert.doesNotMatch(screen, /approve to EXPORT/, 'nobody was asked');
      assert.equal(existsSync(file), false);
    } finally {
      agentTerminals.close();
    }
    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const { records } = await readReleaseLog(vault.home, gateKey(key, 'release log'));
    assert.ok(records.some((r) => r.event === 'refused' && r.requester?.purpose === 'export' && r.requester.agent === 'Claude Code'));
  });

  it('the human approves with the vault\'s passphrase: the file is written (0600), the release is logged as an export, and importing it back changes nothing', async () => {
    const file = path.join(path.dirname(vault.home), 'backup.age');
    const terminal = terminals.open();
    let marker = start(terminal, `vault export ${file}`);
    await chooseExportPassphrase(terminal);
    await terminals.waitFor(terminal, /Passphrase: *$/m, 30_000);
    terminals.type(terminal, PASSPHRASE);
    let screen = await terminals.waitFor(terminal, new RegExp(`${marker}=\\d+`), 60_000);
    assert.match(screen, new RegExp(`${marker}=0`), screen);
    assert.match(screen, /Exported 1 secret \(1 version\)/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!readFileSync(file).includes(DB_PASSWORD));

    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const { records } = await readReleaseLog(vault.home, gateKey(key, 'release log'));
    const exported = records.filter((r) => r.event === 'released' && r.requester?.purpose === 'export');
    assert.equal(exported.length, 1);
    assert.deepEqual(exported[0]!.names?.map((n) => n.split('/').at(-1)), ['DB_PASSWORD']);
    assert.ok(!JSON.stringify(records).includes(DB_PASSWORD) && !JSON.stringify(records).includes(EXPORT_PASSPHRASE));

    marker = start(terminal, `vault import ${file}`);
    await terminals.waitFor(terminal, /Passphrase of .*backup\.age \(typed input is hidden\): *$/m);
    terminals.type(terminal, EXPORT_PASSPHRASE);
    screen = await terminals.waitFor(terminal, /approve to import .*\n(?:.*\n)*?.*Passphrase: *$/m, 60_000);
    terminals.type(terminal, PASSPHRASE);
    screen = await terminals.waitFor(terminal, new RegExp(`${marker}=\\d+`), 60_000);
    assert.match(screen, new RegExp(`${marker}=0`), screen);
    assert.match(screen, /unchanged +[a-z0-9-]+\/default\/DB_PASSWORD/);
    assert.ok(!screen.includes(DB_PASSWORD));

    // Three wrong passphrases: the command opens the file itself, so the key agent is never asked (no record, no prompt).
    const before = (await readReleaseLog(vault.home, gateKey(key, 'release log'))).records.length;
    marker = start(terminal, `vault import ${file}`);
    for (let i = 1; i <= 3; i++) {
      await waitUntil(() => (terminals.screen(terminal).match(/Passphrase of .*backup\.age \(typed input is hidden\): *$/gm) ?? []).length >= i, 30_000, `file passphrase prompt ${i}`);
      terminals.type(terminal, 'not the file passphrase');
    }
    screen = await terminals.waitFor(terminal, new RegExp(`${marker}=\\d+`), 60_000);
    assert.match(screen, new RegExp(`${marker}=2`));
    assert.match(screen, /the passphrase does not open .*backup\.age/);
    assert.doesNotMatch(screen, /approve to import/);
    assert.equal((await readReleaseLog(vault.home, gateKey(key, 'release log'))).records.length, before);

    // An agent at the terminal knows the file's passphrase (it chose it) but types "y" at the approval: nothing is written.
    marker = start(terminal, `vault import ${file}`);
    await terminals.waitFor(terminal, /Passphrase of .*backup\.age \(typed input is hidden\): *$/m);
    terminals.type(terminal, EXPORT_PASSPHRASE);
    for (let i = 1; i <= 3; i++) {
      await waitUntil(() => (terminals.screen(terminal).match(/^Passphrase: *$/gm) ?? []).length >= i, 30_000, `approval prompt ${i}`);
      terminals.type(terminal, 'y');
    }
    screen = await terminals.waitFor(terminal, new RegExp(`${marker}=\\d+`), 60_000);
    assert.match(screen, new RegExp(`${marker}=2`));
    assert.match(screen, /the passphrase was wrong 3 times/);
    const after = (await readReleaseLog(vault.home, gateKey(key, 'release log'))).records;
    assert.equal(after.filter((r) => r.event === 'imported').length, 1, 'only the approved import is recorded');
  });
});
