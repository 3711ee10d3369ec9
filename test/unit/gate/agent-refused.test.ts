import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readReleaseLog } from '../../../src/core/gate';
import { gateKey } from '../../../src/core/gate/derived-keys';
import { readWrappedKey, unwrapKey } from '../../../src/core/vault/local/wrapped-key';
import { DB_PASSWORD, PASSPHRASE, protectedVault, runAsAgent, type ProtectedVault } from './support';

/**
 * An AI agent as it runs commands: no terminal, a session of its own, pipes (and it answers "y" on
 * stdin to anything). It gets no value, a refusal that says how a human approves, and a non-zero
 * exit within a bounded time; the refusal is recorded; and nothing it can read on disk holds the key.
 */
describe('gate: an agent without a terminal', function () {
  this.timeout(60_000);
  let vault: ProtectedVault;

  before(async function () {
    if (process.platform !== 'linux') this.skip();
    vault = await protectedVault();
  });
  after(async () => { await vault?.cleanup(); });

  it('is refused when the vault is locked, and told how a human unlocks it', async () => {
    const result = await runAsAgent(['run', '--', 'printenv', 'DB_PASSWORD'], { cwd: vault.project, env: vault.env });
    assert.equal(result.code, 3, result.stderr);
    assert.ok(!result.stdout.includes(DB_PASSWORD) && !result.stderr.includes(DB_PASSWORD));
    assert.match(result.stderr, /locked, and this command has no terminal to ask for your passphrase/);
    assert.match(result.stderr, /envguard unlock/);
    assert.ok(result.ms < 15_000, `refused after ${result.ms} ms`);
  });

  it('is refused when the vault is unlocked: no channel reaches a human from it; the denial is recorded without the value', async () => {
    await vault.unlock();
    const result = await runAsAgent(['run', '--', 'printenv', 'DB_PASSWORD'], { cwd: vault.project, env: vault.env });
    assert.equal(result.code, 3, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /no secret was released: No human can be asked to approve it/);
    assert.match(result.stderr, /held back: DB_PASSWORD/);
    assert.ok(!result.stderr.includes(DB_PASSWORD));
    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const { records, broken } = await readReleaseLog(vault.home, gateKey(key, 'release log'));
    assert.equal(broken, undefined);
    const denied = records.filter((r) => r.event === 'denied');
    assert.equal(denied.length, 1);
    assert.equal(denied[0]!.names?.length, 1);
    assert.match(denied[0]!.names[0]!, /\/default\/DB_PASSWORD$/);
    assert.match(denied[0]!.requester!.command, /run -- printenv DB_PASSWORD/);
    assert.ok(!readFileSync(path.join(vault.home, 'releases.jsonl'), 'utf8').includes(DB_PASSWORD));
  });

  it('the record of a denial answers no guess: a command line holding the value and one holding a wrong guess are recorded alike', async () => {
    await vault.unlock();
    const wrong = DB_PASSWORD.slice(0, -4) + [...DB_PASSWORD.slice(-4)].reverse().join('') + 'Q';
    for (const guess of [DB_PASSWORD, wrong]) {
      const result = await runAsAgent(['run', '--', 'true', guess], { cwd: vault.project, env: vault.env });
      assert.equal(result.code, 3, result.stderr);
    }
    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const commands = (await readReleaseLog(vault.home, gateKey(key, 'release log'))).records.filter((r) => r.event === 'denied').slice(-2).map((r) => r.requester!.command);
    assert.equal(commands.length, 2);
    assert.equal(commands[0], commands[1], 'the same record whether the guess was right');
    assert.ok(!commands.some((c) => c.includes(DB_PASSWORD) || c.includes(wrong)));
  });

  it('a comparison with a given value is answered only a few times per secret (no guessing through match)', async () => {
    await vault.unlock();
    const name = (await vault.client.request<{ infos: { name: string }[] }>({ op: 'list' })).infos[0]!.name;
    const checks = Array.from({ length: 17 }, (_, i) => ({ name, value: `guess-${i}` }));
    await assert.rejects(vault.client.request({ op: 'match', checks }), /compared with a given value .* no more comparisons/);
  });

  it('dumping the vault with a file of references is refused the same way', async () => {
    const result = await runAsAgent(['run', '--env-file', '.env', '--', 'env'], { cwd: vault.project, env: vault.env });
    assert.equal(result.code, 3);
    assert.ok(!result.stdout.includes(DB_PASSWORD));
  });

  it('reading every file of the vault folder gives no key: the key rests wrapped, and "y" or nothing does not unwrap it', async () => {
    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const forms = [key.toString('base64'), key.toString('hex'), key.toString('base64url'), key.toString('latin1')];
    for (const name of readdirSync(vault.home)) {
      const file = path.join(vault.home, name);
      if (!statSync(file).isFile()) continue;
      const bytes = readFileSync(file);
      assert.ok(!bytes.includes(key), `${name} holds the raw key`);
      for (const form of forms) assert.ok(!bytes.includes(Buffer.from(form, 'latin1')), `${name} holds the key as text`);
    }
    assert.equal(readdirSync(vault.home).includes('vault.key'), false, 'no plain key file');
    for (const guess of ['y', 'yes', '', 'password']) assert.equal(await unwrapKey((await readWrappedKey(vault.home))!, guess), undefined);
  });
});
