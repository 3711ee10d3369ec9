import * as assert from 'node:assert/strict';
import { openLocalVault } from '../../../src/core/vault/local/local-vault';
import { readWrappedKey, unwrapKey } from '../../../src/core/vault/local/wrapped-key';
import { DB_PASSWORD, PASSPHRASE, protectedVault, runAsAgent, type ProtectedVault } from './support';

/**
 * Soft delete of a passphrase vault, through the key agent: list --deleted and recover are answered
 * by the unlocked agent (they release no value); a purge destroys, so it needs a human, as a delete does.
 */
describe('gate: deleted secrets of a passphrase vault, through the key agent', function () {
  this.timeout(60_000);
  let vault: ProtectedVault;
  let name: string;

  before(async function () {
    if (process.platform !== 'linux') this.skip();
    vault = await protectedVault();
    // Deleted as the agent would after a human approved it: by the vault itself, with the key.
    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const local = await openLocalVault({ home: vault.home, env: {}, key });
    name = (await local.list()).find((s) => s.name.endsWith('/DB_PASSWORD'))!.name;
    await local.delete(name);
  });
  after(async () => { await vault?.cleanup(); });

  it('lists the deleted secret, refuses a purge without a human, and recovers it for its project', async () => {
    await vault.unlock();
    const listed = await runAsAgent(['vault', 'list', '--deleted', '--format', 'json'], { cwd: vault.project, env: vault.env });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual((JSON.parse(listed.stdout) as { deleted: { name: string }[] }).deleted.map((d) => d.name), [name]);

    const purge = await runAsAgent(['vault', 'purge', name, '--yes'], { cwd: vault.project, env: vault.env });
    assert.notEqual(purge.code, 0, 'a purge without a human to approve it must be refused');
    assert.match(purge.stderr, /No human can be asked/);

    const recover = await runAsAgent(['vault', 'recover', name], { cwd: vault.project, env: vault.env });
    assert.equal(recover.code, 0, recover.stderr);
    const live = await runAsAgent(['vault', 'list', '--format', 'json'], { cwd: vault.project, env: vault.env });
    assert.match(live.stdout, new RegExp(`"${name.replace(/[/.]/g, '\\$&')}"`));
    for (const r of [listed, purge, recover, live]) assert.ok(!r.stdout.includes(DB_PASSWORD) && !r.stderr.includes(DB_PASSWORD));
  });
});
