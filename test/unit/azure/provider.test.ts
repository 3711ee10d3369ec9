import assert from 'node:assert/strict';
import { VaultError } from '../../../src/core/vault/types';
import { openTestKeyVault, useKeyVaultServer } from './helpers';

describe('Azure Key Vault provider: the real SDK against the test server', () => {
  const ctx = useKeyVaultServer();

  it('writes, reads back, versions, lists (across pages) and deletes, with one token', async () => {
    const vault = openTestKeyVault(ctx.server);
    const first = await vault.set('DB-PASSWORD', 'one', { tags: { 'envguard-source-file': '.env', 'envguard-source-key': 'DB_PASSWORD' } });
    const second = await vault.set('DB-PASSWORD', 'two');
    assert.match(first.version, /^[0-9a-f]{32}$/);
    assert.notEqual(first.version, second.version);
    assert.equal((await vault.get('DB-PASSWORD')).value, 'two');
    assert.equal((await vault.get('DB-PASSWORD', first.version)).value, 'one');
    assert.deepEqual((await vault.get('DB-PASSWORD', first.version)).info.tags, { 'envguard-source-file': '.env', 'envguard-source-key': 'DB_PASSWORD' });
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) await vault.set(name, `value-${name}`);
    assert.deepEqual((await vault.list()).map((s) => s.name), ['A', 'B', 'C', 'D', 'DB-PASSWORD', 'E', 'F', 'G']); // 3 pages of 3
    assert.equal(await vault.info('nope'), undefined);
    await vault.delete('A');
    assert.equal(await vault.info('A'), undefined);
    assert.equal(ctx.server.tokensIssued.get('envguard-test-client'), 1, 'one token for every call on one vault');
    assert.ok(ctx.server.requests.some((r) => !r.authorized), 'the challenge flow ran');
  });

  it('formats App Service references (versionless by default, pinned on request) and vals references', () => {
    const vault = openTestKeyVault(ctx.server, 'myvault');
    const url = ctx.server.vaultUrl('myvault');
    assert.equal(vault.formatReference('API-KEY'), `@Microsoft.KeyVault(SecretUri=${url}/secrets/API-KEY)`);
    assert.equal(vault.formatReference('API-KEY', 'abc'), `@Microsoft.KeyVault(SecretUri=${url}/secrets/API-KEY/abc)`);
    assert.equal(openTestKeyVault(ctx.server, 'myvault', { referenceStyle: 'vals' }).formatReference('API-KEY'), `ref+azurekeyvault://myvault.vault.azure.net:${ctx.server.port}/API-KEY`);
    assert.deepEqual(vault.ownsReference({ kind: 'azure-keyvault', syntax: 'app-service-uri', vaultUrl: url.toUpperCase().replace('HTTPS', 'https'), host: `myvault.vault.azure.net`, secretName: 'X', version: 'v1' }), { name: 'X', version: 'v1' });
    assert.equal(vault.ownsReference({ kind: 'azure-keyvault', syntax: 'app-service-uri', vaultUrl: ctx.server.vaultUrl('other'), host: 'other.vault.azure.net', secretName: 'X' }), undefined);
  });

  it('refuses a value over 25 KB before sending it', async () => {
    const vault = openTestKeyVault(ctx.server);
    await assert.rejects(vault.set('BIG', 'x'.repeat(25 * 1024 + 1)), (e: VaultError) => e.code === 'too-large' && /25 KB/.test(e.message));
    assert.ok(!ctx.server.requests.some((r) => r.method === 'PUT'));
  });

  it('explains a missing permission with the role to ask for', async () => {
    const vault = openTestKeyVault(ctx.server);
    await vault.set('S', 'v');
    ctx.server.roles.set('envguard-test:envguard-test-client', 'user');
    await assert.rejects(vault.set('S', 'w'), (e: VaultError) => e.code === 'forbidden' && e.message.includes('Key Vault Secrets Officer'));
    assert.equal((await vault.get('S')).value, 'v');
    ctx.server.roles.set('envguard-test:envguard-test-client', 'none');
    await assert.rejects(vault.get('S'), (e: VaultError) => e.code === 'forbidden' && e.message.includes('Key Vault Secrets User'));
  });

  it('explains a missing secret, and a soft-deleted name with a way out; recovery brings it back', async () => {
    const vault = openTestKeyVault(ctx.server);
    await assert.rejects(vault.get('GONE'), (e: VaultError) => e.code === 'not-found' && e.message.includes('has no secret named GONE'));
    await vault.set('OLD', 'old-value');
    await vault.delete('OLD');
    await assert.rejects(vault.set('OLD', 'new'), (e: VaultError) => e.code === 'deleted' && /recover it/.test(e.message) && /another name/.test(e.message));
    await vault.recover('OLD');
    assert.equal((await vault.get('OLD')).value, 'old-value');
  });

  it('retries throttling (the SDK waits for Retry-After), server errors and dropped connections', async () => {
    const vault = openTestKeyVault(ctx.server);
    await vault.set('R', 'r');
    ctx.server.fail({ status: 429, retryAfterSeconds: 1 });
    const before = ctx.server.requests.length;
    assert.equal((await vault.get('R')).value, 'r');
    // No clock here (timings are never asserted): the throttled read was sent again, once.
    assert.equal(ctx.server.requests.slice(before).filter((r) => r.path.startsWith('/secrets/R')).length, 2, 'the throttled read was retried');
    ctx.server.fail({ status: 500 }, 2);
    assert.equal((await vault.get('R')).value, 'r');
    ctx.server.fail({ drop: true });
    assert.equal((await vault.get('R')).value, 'r');
  });

  it('gives up with a clear message when the faults persist', async () => {
    const vault = openTestKeyVault(ctx.server);
    await vault.set('P', 'p');
    ctx.server.fail({ status: 429, retryAfterSeconds: 0 }, 10);
    await assert.rejects(vault.get('P'), (e: VaultError) => e.code === 'throttled' && /throttling/.test(e.message));
    ctx.server.clearFaults();
    ctx.server.fail({ status: 503 }, 10);
    await assert.rejects(vault.get('P'), (e: VaultError) => e.code === 'unreachable' && /503/.test(e.message));
    ctx.server.clearFaults();
    ctx.server.fail({ drop: true }, 10);
    await assert.rejects(vault.get('P'), (e: VaultError) => e.code === 'unreachable');
    ctx.server.clearFaults();
  });

  it('times out with a clear message', async () => {
    const vault = openTestKeyVault(ctx.server, 'slow', { timeoutMs: 400 });
    ctx.server.latencyMs = 2000;
    await assert.rejects(vault.get('X'), (e: VaultError) => e.code === 'timeout' && /did not answer in time/.test(e.message));
  });
});
