import * as assert from 'node:assert/strict';
import { parseReference } from '../../../src/core/references';
import { localNameRules, VaultError } from '../../../src/core/vault';
import { freshHome, openTestVault, removeTempDirs } from './helpers';

const invalidName = (error: unknown): boolean => error instanceof VaultError && error.code === 'invalid-name';

describe('local vault names and references', () => {
  after(removeTempDirs);

  it('accepts paths of [A-Za-z0-9_.-] segments up to 512 characters, case-sensitively; one segment as before projects', () => {
    for (const name of ['A', 'DATABASE_URL', 'api.key-2', '_', 'x'.repeat(512), '__proto__', 'shop/production/DB_PASSWORD', 'shop/default/services/api/KEY', `shop/default/${'a'.repeat(32)}`]) assert.ok(localNameRules.isValid(name), name);
    for (const name of ['', 'x'.repeat(513), 'A B', 'é', 'A=B', 'A\nB', '/A', 'A/', 'A//B', 'A/./B', 'A/../B', `A/${'0123456789abcdef'.repeat(2)}`]) assert.ok(!localNameRules.isValid(name), JSON.stringify(name));
    assert.ok(localNameRules.same('A', 'A'));
    assert.ok(!localNameRules.same('Token', 'TOKEN'));
  });

  it('composes a name of project, environment, qualifiers and key, with an optional prefix', () => {
    assert.equal(localNameRules.compose(['shop', 'production', 'DATABASE_URL']), 'shop/production/DATABASE_URL');
    assert.equal(localNameRules.compose(['shop', 'default', 'services', 'my api', 'KEY']), 'shop/default/services/my-api/KEY');
    assert.equal(localNameRules.compose(['shop', 'default', '..', 'KEY']), 'shop/default/_/KEY');
    assert.equal(localNameRules.compose(['shop', 'production', 'API_KEY'], 'team.'), 'team.shop/production/API_KEY');
  });

  it('rejects a composed name the vault cannot hold, naming the prefix', () => {
    assert.throws(() => localNameRules.compose(['shop', 'KEY'], 'my app/'), (error: unknown) => invalidName(error) && /prefix "my app\/"/.test((error as Error).message));
    assert.throws(() => localNameRules.compose(['shop', 'default', 'K'.repeat(510)]), invalidName);
  });

  it('formats and owns envguard://local references, round-tripping through the parser', async () => {
    const vault = await openTestVault(freshHome());
    const version = '0123456789abcdef0123456789abcdef';
    assert.equal(vault.formatReference('API_KEY'), 'envguard://local/API_KEY');
    assert.equal(vault.formatReference('API_KEY', version), `envguard://local/API_KEY/${version}`, 'a one-segment name keeps the form it had before projects');
    assert.equal(vault.formatReference('shop/production/API_KEY', version), `envguard://local/shop/production/API_KEY@${version}`);
    const hexKey = `shop/default/${'a'.repeat(32)}`;
    for (const [name, v] of [['shop/production/API_KEY', version], ['shop/production/API_KEY', undefined], [hexKey, undefined], [hexKey, version]] as const) {
      const parsed = parseReference(vault.formatReference(name, v));
      assert.ok(parsed, `${name} ${v ?? ''}`);
      assert.deepEqual(vault.ownsReference(parsed), v ? { name, version: v } : { name }, 'unambiguous even when a key looks like a version id');
    }
    const versionless = parseReference(vault.formatReference('API_KEY'));
    const versioned = parseReference(vault.formatReference('api.key-2', version));
    assert.ok(versionless && versioned);
    assert.deepEqual(vault.ownsReference(versionless), { name: 'API_KEY' });
    assert.deepEqual(vault.ownsReference(versioned), { name: 'api.key-2', version });
    const azure = parseReference('@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/API-KEY)');
    assert.ok(azure);
    assert.equal(vault.ownsReference(azure), undefined);
  });

  it('refuses invalid names in every operation', async () => {
    const vault = await openTestVault(freshHome());
    await assert.rejects(vault.set('A B', 'x'), invalidName);
    await assert.rejects(vault.get('A//B'), invalidName);
    await assert.rejects(vault.info(''), invalidName);
    await assert.rejects(vault.delete('é'), invalidName);
  });
});
