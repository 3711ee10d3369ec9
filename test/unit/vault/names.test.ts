import * as assert from 'node:assert/strict';
import { parseReference } from '../../../src/core/references';
import { localNameRules, VaultError } from '../../../src/core/vault';
import { freshHome, openTestVault, removeTempDirs } from './helpers';

const invalidName = (error: unknown): boolean => error instanceof VaultError && error.code === 'invalid-name';

describe('local vault names and references', () => {
  after(removeTempDirs);

  it('accepts 1 to 256 of [A-Za-z0-9_.-], case-sensitively', () => {
    for (const name of ['A', 'DATABASE_URL', 'api.key-2', '_', 'x'.repeat(256), '__proto__']) assert.ok(localNameRules.isValid(name), name);
    for (const name of ['', 'x'.repeat(257), 'A B', 'A/B', 'é', 'A=B', 'A\nB']) assert.ok(!localNameRules.isValid(name), JSON.stringify(name));
    assert.ok(localNameRules.same('A', 'A'));
    assert.ok(!localNameRules.same('Token', 'TOKEN'));
  });

  it('maps an env key to itself, or to prefix + key', () => {
    assert.equal(localNameRules.toSecretName('DATABASE_URL'), 'DATABASE_URL');
    assert.equal(localNameRules.toSecretName('API_KEY', 'myapp.prod-'), 'myapp.prod-API_KEY');
  });

  it('rejects a prefix with characters a name cannot hold, and names over 256 characters', () => {
    assert.throws(() => localNameRules.toSecretName('KEY', 'my app/'), (error: unknown) => invalidName(error) && /prefix "my app\/"/.test((error as Error).message));
    assert.throws(() => localNameRules.toSecretName('K'.repeat(250), 'prefix_'), invalidName);
  });

  it('formats and owns envguard://local references, round-tripping through the parser', async () => {
    const vault = await openTestVault(freshHome());
    const version = '0123456789abcdef0123456789abcdef';
    assert.equal(vault.formatReference('API_KEY'), 'envguard://local/API_KEY');
    assert.equal(vault.formatReference('API_KEY', version), `envguard://local/API_KEY/${version}`);
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
    await assert.rejects(vault.get('A/B'), invalidName);
    await assert.rejects(vault.info(''), invalidName);
    await assert.rejects(vault.delete('é'), invalidName);
  });
});
