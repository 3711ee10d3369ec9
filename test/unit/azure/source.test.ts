import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { parseReference, type VaultReference } from '../../../src/core/references';
import { AzureSecretSource, normalizeVaultUrl, VaultUrlError } from '../../../src/core/vault/azure';
import { testClientOptions, testCredential } from '../../servers/keyvault/client-options';
import { countingCredential, openTestKeyVault, useKeyVaultServer } from './helpers';

function ref(text: string): VaultReference {
  const parsed = parseReference(text);
  assert.ok(parsed, text);
  return parsed;
}

describe('Azure Key Vault resolution', () => {
  const ctx = useKeyVaultServer();

  it('resolves many references in parallel with one token per vault, and each distinct secret once', async () => {
    const vault = openTestKeyVault(ctx.server, 'app');
    for (let i = 0; i < 20; i++) await vault.set(`S${i}`, `value-${i}`);
    const before = ctx.server.requests.length;
    const credential = countingCredential(testCredential(ctx.server));
    const source = new AzureSecretSource({ credential: () => credential, clientOptions: testClientOptions() });
    const refs = [...Array.from({ length: 20 }, (_, i) => ref(`@Microsoft.KeyVault(SecretUri=${ctx.server.vaultUrl('app')}/secrets/S${i})`)), ref(`@Microsoft.KeyVault(SecretUri=${ctx.server.vaultUrl('app')}/secrets/S0)`)];
    const results = await source.resolve(refs);
    assert.deepEqual(results.map((r) => (r.ok ? r.value : r.reason)), [...Array.from({ length: 20 }, (_, i) => `value-${i}`), 'value-0']);
    const gets = ctx.server.requests.slice(before).filter((r) => r.authorized && r.method === 'GET');
    assert.equal(gets.length, 20, 'S0 read once although referenced twice');
  });

  it('serves a second resolution from memory until the cache expires', async () => {
    await openTestKeyVault(ctx.server, 'app').set('C', 'cached');
    let clock = 1_000;
    const source = new AzureSecretSource({ credential: () => testCredential(ctx.server), clientOptions: testClientOptions(), cacheTtlMs: 5_000, now: () => clock });
    const r = [ref(`@Microsoft.KeyVault(SecretUri=${ctx.server.vaultUrl('app')}/secrets/C)`)];
    assert.deepEqual(await source.resolve(r), [{ ok: true, value: 'cached' }]);
    const count = ctx.server.requests.length;
    assert.deepEqual(await source.resolve(r), [{ ok: true, value: 'cached' }]);
    assert.equal(ctx.server.requests.length, count, 'no request while cached');
    clock += 5_001;
    await openTestKeyVault(ctx.server, 'app').set('C', 'rotated');
    assert.deepEqual(await source.resolve(r), [{ ok: true, value: 'rotated' }], 'after expiry, the versionless reference follows the rotation');
  });

  it('refuses a host outside the allow-list before any request or token', async () => {
    const credential = countingCredential(testCredential(ctx.server));
    const source = new AzureSecretSource({ credential: () => credential, clientOptions: testClientOptions() });
    const [result] = await source.resolve([ref('@Microsoft.KeyVault(SecretUri=https://attacker.example.com/secrets/DB-PASSWORD)')]);
    assert.equal(result?.ok, false);
    assert.match(result && !result.ok ? result.reason : '', /attacker\.example\.com is not a Key Vault host/);
    assert.equal(credential.calls, 0);
    assert.equal(ctx.server.requests.length, 0);
    // A host the user allowed (a private endpoint) is accepted.
    assert.equal(normalizeVaultUrl('https://kv.internal.contoso.com', ['kv.internal.contoso.com']), 'https://kv.internal.contoso.com');
    assert.throws(() => normalizeVaultUrl('https://kv.internal.contoso.com'), VaultUrlError);
    assert.throws(() => normalizeVaultUrl('http://myvault.vault.azure.net'), /https/);
    assert.equal(normalizeVaultUrl('MyVault'), 'https://myvault.vault.azure.net');
    assert.equal(normalizeVaultUrl('https://myvault.vault.usgovcloudapi.net/'), 'https://myvault.vault.usgovcloudapi.net');
  });

  it('says why a reference fails: missing secret, wrong credentials, vault down', async () => {
    const missing = new AzureSecretSource({ credential: () => testCredential(ctx.server), clientOptions: testClientOptions() });
    const [notFound] = await missing.resolve([ref(`@Microsoft.KeyVault(SecretUri=${ctx.server.vaultUrl('app')}/secrets/NOPE)`)]);
    assert.match(notFound && !notFound.ok ? notFound.reason : '', /has no secret named NOPE/);

    const wrong = new ClientSecretCredential('72f988bf-0000-4000-8000-0000000e2e57', 'envguard-test-client', 'not-the-secret', { authorityHost: ctx.server.authorityHost, disableInstanceDiscovery: true, additionalPolicies: testClientOptions().additionalPolicies! });
    const unauthenticated = new AzureSecretSource({ credential: () => wrong, clientOptions: testClientOptions() });
    const [denied] = await unauthenticated.resolve([ref(`@Microsoft.KeyVault(SecretUri=${ctx.server.vaultUrl('app')}/secrets/X)`)]);
    assert.match(denied && !denied.ok ? denied.reason : '', /Microsoft Entra ID refused the sign-in: the client secret is wrong \(AADSTS7000215, invalid_client\)/);
    assert.ok(!(denied && !denied.ok ? denied.reason : '').includes('not-the-secret'));

    const down = new AzureSecretSource({ credential: () => testCredential(ctx.server), clientOptions: testClientOptions() });
    // Nothing listens on port 1: the token comes from the server, the vault connection is refused.
    const [unreachable] = await down.resolve([ref('@Microsoft.KeyVault(SecretUri=https://app.vault.azure.net:1/secrets/X)')]);
    assert.match(unreachable && !unreachable.ok ? unreachable.reason : '', /cannot be reached \(ECONNREFUSED\)/);
  });
});
