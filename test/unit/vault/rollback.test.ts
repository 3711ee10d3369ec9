import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fake } from '../support/fakes';
import { assertVaultError, counterFile, freshHome, openTestVault, readStoreJson, removeTempDirs, storeFile, writeStoreJson } from './helpers';

/**
 * The hardening issue's item 8: a store whose index was changed, or an older copy of the whole store,
 * must not serve old values silently. Each of these returned the previous value before the index
 * was authenticated and a generation counter was kept beside the store.
 */
describe('local vault: rollback is detected', () => {
  after(removeTempDirs);

  async function twoVersions(): Promise<{ home: string; vault: Awaited<ReturnType<typeof openTestVault>> }> {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('API_TOKEN', fake.githubToken('v1'));
    await vault.set('API_TOKEN', fake.githubToken('v2'));
    return { home, vault };
  }

  it('the newest version deleted from the store: refused, not the older value', async () => {
    const { home, vault } = await twoVersions();
    const store = readStoreJson(home);
    store.secrets.API_TOKEN!.versions.pop();
    writeStoreJson(home, store);
    const error = await assertVaultError(vault.get('API_TOKEN'), 'corrupt', /was altered outside EnvGuard/, /index fails authentication/);
    assert.ok(!error.message.includes(fake.githubToken('v1')));
    await assertVaultError(vault.list(), 'corrupt');
    await assertVaultError(vault.set('OTHER', 'x'), 'corrupt');
  });

  it('versions reversed: refused', async () => {
    const { home, vault } = await twoVersions();
    const store = readStoreJson(home);
    store.secrets.API_TOKEN!.versions.reverse();
    writeStoreJson(home, store);
    await assertVaultError(vault.get('API_TOKEN'), 'corrupt', /index fails authentication/);
  });

  it('a version disabled or an owner changed by hand: refused', async () => {
    const { home, vault } = await twoVersions();
    const store = readStoreJson(home);
    store.secrets.API_TOKEN!.versions[1]!.enabled = false;
    writeStoreJson(home, store);
    await assertVaultError(vault.get('API_TOKEN'), 'corrupt', /index fails authentication/);
  });

  it('the whole store put back from an older copy: refused, naming both generations', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('API_TOKEN', fake.githubToken('v1'));
    const yesterday = fs.readFileSync(storeFile(home));
    await vault.set('API_TOKEN', fake.githubToken('v2'));
    fs.writeFileSync(storeFile(home), yesterday);
    const reopened = await openTestVault(home);
    await assertVaultError(reopened.get('API_TOKEN'), 'corrupt', /older than the last one this vault wrote \(generation 1, expected 2 or later\)/);
    await assertVaultError(reopened.set('API_TOKEN', 'x'), 'corrupt');
  });

  it('a store made to look older than the index check (format 2, without a MAC): refused once the vault counts', async () => {
    const { home, vault } = await twoVersions();
    const store = readStoreJson(home) as unknown as Record<string, unknown>;
    const legacy = { format: store.format, formatVersion: 2, keyId: store.keyId, secrets: store.secrets };
    fs.writeFileSync(storeFile(home), JSON.stringify(legacy));
    await assertVaultError(vault.get('API_TOKEN'), 'corrupt', /older than the last one this vault wrote/);
  });

  it('the store deleted: refused while the counter says it was written; moving both away starts an empty vault', async () => {
    const { home, vault } = await twoVersions();
    fs.rmSync(storeFile(home));
    await assertVaultError(vault.get('API_TOKEN'), 'corrupt', /is missing, but this vault wrote 2 versions of it/);
    fs.rmSync(counterFile(home));
    await assertVaultError(vault.get('API_TOKEN'), 'not-found');
  });

  it('a store written before the index was authenticated is read, and authenticated on its next write', async () => {
    const { home, vault } = await twoVersions();
    const store = readStoreJson(home) as unknown as Record<string, unknown>;
    fs.writeFileSync(storeFile(home), JSON.stringify({ format: store.format, formatVersion: 2, keyId: store.keyId, secrets: store.secrets }));
    fs.rmSync(counterFile(home)); // as a vault of the previous version has none
    assert.equal((await vault.get('API_TOKEN')).value, fake.githubToken('v2'));
    await vault.set('NEXT', fake.password('next'));
    const upgraded = readStoreJson(home) as unknown as { formatVersion: number; generation: number; indexMac: string };
    assert.deepEqual([upgraded.formatVersion, upgraded.generation, typeof upgraded.indexMac], [3, 1, 'string']);
    assert.equal((JSON.parse(fs.readFileSync(counterFile(home), 'utf8')) as { generation: number }).generation, 1);
  });
});
