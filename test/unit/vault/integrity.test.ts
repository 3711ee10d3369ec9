import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { generateKey } from '../../../src/core/vault/local/crypto';
import { fake } from '../support/fakes';
import { allFiles, assertVaultError, freshHome, counterFile, keyFile, openTestVault, readStoreJson, removeTempDirs, storeFile, writeStoreJson, type StoreJson } from './helpers';

/** The encrypted part of a stored version. */
const CIPHER_FIELDS = ['iv', 'authTag', 'ciphertext'] as const;

function versionOf(store: StoreJson, name: string, index = 0): Record<string, unknown> {
  const entry = store.secrets[name]?.versions[index];
  assert.ok(entry, `${name}[${index}] in the store`);
  return entry;
}

function escape(text: string): RegExp {
  return new RegExp(text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
}

describe('local vault integrity', () => {
  after(removeTempDirs);

  it('detects a tampered ciphertext instead of returning a wrong value', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('API_KEY', fake.openAiKey('tamper'));
    const store = readStoreJson(home);
    const entry = versionOf(store, 'API_KEY');
    const bytes = Buffer.from(entry.ciphertext as string, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    entry.ciphertext = bytes.toString('base64');
    writeStoreJson(home, store);
    await assertVaultError(vault.get('API_KEY'), 'corrupt', escape(storeFile(home)), /API_KEY/, /authentication/);
  });

  it('binds each ciphertext to its name: swapping two secrets fails authentication', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('ALPHA', fake.password('alpha'));
    await vault.set('BETA', fake.password('beta'));
    const store = readStoreJson(home);
    const alpha = versionOf(store, 'ALPHA');
    const beta = versionOf(store, 'BETA');
    for (const field of CIPHER_FIELDS) [alpha[field], beta[field]] = [beta[field], alpha[field]];
    writeStoreJson(home, store);
    await assertVaultError(vault.get('ALPHA'), 'corrupt', /ALPHA/);
    await assertVaultError(vault.get('BETA'), 'corrupt', /BETA/);
  });

  it('binds each ciphertext to its name even when the whole entry moves', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('ALPHA', fake.password('alpha'));
    await vault.set('BETA', fake.password('beta'));
    const store = readStoreJson(home);
    [store.secrets.ALPHA, store.secrets.BETA] = [store.secrets.BETA!, store.secrets.ALPHA!];
    writeStoreJson(home, store);
    await assertVaultError(vault.get('ALPHA'), 'corrupt');
    await assertVaultError(vault.get('BETA'), 'corrupt');
  });

  it('binds each ciphertext to its version: swapping versions fails authentication', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    const old = await vault.set('TOKEN', fake.githubToken('old'));
    await vault.set('TOKEN', fake.githubToken('new'));
    const store = readStoreJson(home);
    const first = versionOf(store, 'TOKEN', 0);
    const second = versionOf(store, 'TOKEN', 1);
    for (const field of CIPHER_FIELDS) [first[field], second[field]] = [second[field], first[field]];
    writeStoreJson(home, store);
    await assertVaultError(vault.get('TOKEN'), 'corrupt');
    await assertVaultError(vault.get('TOKEN', old.version), 'corrupt');
  });

  it('reports a wrong key clearly, and writes nothing with it', async () => {
    const home = freshHome();
    await (await openTestVault(home)).set('SECRET', fake.password('wrong-key'));
    fs.writeFileSync(keyFile(home), `${generateKey().toString('base64')}\n`, { mode: 0o600 });
    const before = fs.readFileSync(storeFile(home));
    const vault = await openTestVault(home);
    await assertVaultError(vault.get('SECRET'), 'corrupt', /is not the one/, /key id/, escape(keyFile(home)));
    await assertVaultError(vault.set('OTHER', fake.password('other')), 'corrupt', /is not the one/);
    assert.deepEqual(fs.readFileSync(storeFile(home)), before);
  });

  it('reports a missing key and where it looked, instead of making a new one', async () => {
    const home = freshHome();
    await (await openTestVault(home)).set('SECRET', fake.password('missing-key'));
    fs.rmSync(keyFile(home));
    const vault = await openTestVault(home);
    await assertVaultError(vault.get('SECRET'), 'corrupt', /holds 1 secret but its key is missing/, escape(keyFile(home)));
    await assertVaultError(vault.set('OTHER', fake.password('other')), 'corrupt', /key is missing/);
    assert.equal(fs.existsSync(keyFile(home)), false);
  });

  it('reports a damaged key file', async () => {
    const home = freshHome();
    await (await openTestVault(home)).set('SECRET', fake.password('damaged-key'));
    fs.writeFileSync(keyFile(home), 'not a key\n');
    await assertVaultError((await openTestVault(home)).get('SECRET'), 'corrupt', escape(keyFile(home)), /damaged/);
  });

  it('a vault emptied of secrets may start over with a new key', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await vault.set('TEMP', fake.password('temp'));
    await vault.delete('TEMP');
    await vault.purge('TEMP'); // a deleted secret is still held (recoverable): only a purge empties the vault
    fs.rmSync(keyFile(home));
    const fresh = await openTestVault(home);
    await fresh.set('NEW', fake.password('new'));
    assert.equal((await fresh.get('NEW')).value, fake.password('new'));
  });

  for (const [label, content, reason] of [
    ['invalid JSON', '{"format": "envguard-local-vault", "secr', /not valid JSON/],
    ['a foreign JSON file', '{"hello": "world"}', /not an EnvGuard local vault store/],
    ['a newer format', JSON.stringify({ format: 'envguard-local-vault', formatVersion: 99, keyId: '0123456789abcdef', secrets: {} }), /newer EnvGuard/],
    ['a malformed entry', JSON.stringify({ format: 'envguard-local-vault', formatVersion: 1, keyId: '0123456789abcdef', secrets: { A: [{ version: 'x' }] } }), /secret A, entry 1/],
  ] as const) {
    it(`reports ${label} as corrupt naming the file, and never overwrites it`, async () => {
      const home = freshHome();
      const vault = await openTestVault(home);
      await vault.set('EXISTING', fake.password('corrupt'));
      fs.writeFileSync(storeFile(home), content);
      await assertVaultError(vault.get('EXISTING'), 'corrupt', escape(storeFile(home)), reason);
      await assertVaultError(vault.list(), 'corrupt');
      await assertVaultError(vault.set('NEW', fake.password('new')), 'corrupt');
      await assertVaultError(vault.delete('EXISTING'), 'corrupt');
      assert.equal(fs.readFileSync(storeFile(home), 'utf8'), content);
      assert.deepEqual(allFiles(home).sort(), [keyFile(home), storeFile(home), counterFile(home)].sort());
    });
  }
});
