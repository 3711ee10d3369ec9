import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fake } from '../support/fakes';
import { parseStore } from '../../../src/core/vault/local/store-format';
import { assertVaultError, freshHome, openTestVault, readStoreJson, removeTempDirs, storeFile } from './helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock the test moves: deletion dates and purges follow it, not the machine's. */
function testClock(start = Date.parse('2026-03-01T10:00:00Z')): { now: () => Date; advanceDays: (days: number) => void } {
  let time = start;
  return { now: () => new Date(time), advanceDays: (days) => { time += days * DAY_MS; } };
}

describe('local vault: soft delete (recoverable for 30 days, as Key Vault)', () => {
  after(removeTempDirs);

  it('keeps a deleted secret, every version, until it is recovered', async () => {
    const clock = testClock();
    const home = freshHome();
    const vault = await openTestVault(home, { now: clock.now });
    const first = await vault.set('shop/default/DB', fake.password('v1'), { owner: 'p-0123456789abcdef' });
    await vault.set('shop/default/DB', fake.password('v2'));
    await vault.delete('shop/default/DB');
    assert.equal(await vault.info('shop/default/DB'), undefined);
    assert.deepEqual((await vault.list()).map((i) => i.name), []);
    await assertVaultError(vault.get('shop/default/DB'), 'deleted', /recover/, /2026-03-31/);
    const deleted = await vault.listDeleted();
    assert.deepEqual(deleted.map((d) => [d.name, d.deletedOn.toISOString(), d.purgeOn.toISOString()]), [['shop/default/DB', '2026-03-01T10:00:00.000Z', '2026-03-31T10:00:00.000Z']]);
    // The store still holds only ciphertext, and an older EnvGuard must refuse it (format 4).
    const onDisk = fs.readFileSync(storeFile(home), 'utf8');
    assert.ok(!onDisk.includes(fake.password('v1')) && !onDisk.includes(fake.password('v2')));
    assert.equal(readStoreJson(home).formatVersion, 4);

    clock.advanceDays(29);
    await vault.set('OTHER', fake.password('other')); // a write before the 30 days purges nothing
    await vault.recover('shop/default/DB', { owner: 'p-0123456789abcdef' });
    assert.equal((await vault.get('shop/default/DB')).value, fake.password('v2'));
    assert.equal((await vault.get('shop/default/DB', first.version)).value, fake.password('v1'));
    assert.equal((await vault.versions('shop/default/DB')).length, 2);
    assert.equal((await vault.info('shop/default/DB'))?.owner, 'p-0123456789abcdef');
    assert.deepEqual(await vault.listDeleted(), []);
    // No deleted secret left: the store is written as format 3 again, which older EnvGuards read.
    assert.equal(readStoreJson(home).formatVersion, 3);
  });

  it('purges a deleted secret at the first write after 30 days', async () => {
    const clock = testClock();
    const home = freshHome();
    const vault = await openTestVault(home, { now: clock.now });
    await vault.set('OLD', fake.password('old'));
    await vault.delete('OLD');
    clock.advanceDays(30);
    // Reads never purge: it is still listed until a write.
    assert.equal((await vault.listDeleted()).length, 1);
    await vault.set('NEW', fake.password('new'));
    assert.deepEqual(await vault.listDeleted(), []);
    await assertVaultError(vault.recover('OLD'), 'not-found', /no deleted secret OLD/);
    assert.ok(!Object.keys(readStoreJson(home).secrets).includes('OLD'));
  });

  it('refuses to set a deleted name (recover or purge first), as Key Vault does; purge frees it', async () => {
    const vault = await openTestVault(freshHome(), { now: testClock().now });
    await vault.set('NAME', fake.password('a'));
    await vault.delete('NAME');
    await assertVaultError(vault.set('NAME', fake.password('b')), 'deleted', /envguard vault recover NAME/, /envguard vault purge NAME/, /nothing was written/);
    await assertVaultError(vault.purge('MISSING'), 'not-found', /no deleted secret MISSING/);
    await vault.purge('NAME');
    await vault.set('NAME', fake.password('b'));
    assert.equal((await vault.versions('NAME')).length, 1);
    await assertVaultError(vault.purge('NAME'), 'not-found', /is not deleted/);
  });

  it('recovers a secret only for its own project', async () => {
    const vault = await openTestVault(freshHome());
    await vault.set('OWNED', fake.password('owned'), { owner: 'p-aaaaaaaaaaaaaaaa' });
    await vault.delete('OWNED');
    await assertVaultError(vault.recover('OWNED', { owner: 'p-bbbbbbbbbbbbbbbb' }), 'forbidden', /another project/);
    // Asked by no project (a process speaking to the key agent without naming one): an owned secret stays deleted.
    await assertVaultError(vault.recover('OWNED'), 'forbidden', /another project/);
    assert.equal((await vault.listDeleted()).length, 1);
    await vault.recover('OWNED', { owner: 'p-aaaaaaaaaaaaaaaa' });
    assert.equal((await vault.get('OWNED')).value, fake.password('owned'));
  });

  it('authenticates the deletion date: a deleted secret made live again by editing the store is refused', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('A', fake.password('a'));
    await vault.delete('A');
    const store = readStoreJson(home) as unknown as { formatVersion: number; secrets: Record<string, { deletedOn?: string }> };
    delete store.secrets.A!.deletedOn;
    fs.writeFileSync(storeFile(home), JSON.stringify(store));
    const reopened = await openTestVault(home);
    await assertVaultError(reopened.get('A'), 'corrupt', /altered outside EnvGuard/);
  });

  it('an EnvGuard that knows format 4 reads it; a newer format is refused with a clear message', () => {
    const base = { format: 'envguard-local-vault', keyId: '0123456789abcdef', generation: 1, indexMac: 'A'.repeat(43) + '=', secrets: {} };
    assert.doesNotThrow(() => parseStore(JSON.stringify({ ...base, formatVersion: 4 })));
    assert.throws(() => parseStore(JSON.stringify({ ...base, formatVersion: 5 })), /written by a newer EnvGuard \(format version 5\); update EnvGuard/);
  });
});
