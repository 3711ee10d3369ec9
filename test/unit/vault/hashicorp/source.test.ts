import assert from 'node:assert/strict';
import { parseReference, type VaultReference } from '../../../../src/core/references';
import { resolveReferences } from '../../../../src/core/resolve';
import { VaultTestServer } from '../../../servers/vault/server';
import { fake } from '../../support/fakes';
import { openVault, useVaultServer, vaultEnv, vaultSource } from './helpers';

function ref(text: string): VaultReference {
  const parsed = parseReference(text);
  assert.ok(parsed, text);
  return parsed;
}

function outcome(results: readonly { ok: boolean; value?: string; reason?: string }[]): string[] {
  return results.map((r) => (r.ok ? r.value! : `! ${r.reason!}`));
}

describe('HashiCorp Vault resolution', () => {
  const ctx = useVaultServer();
  const password = fake.password('hc-src');
  const token = fake.githubToken('hc-src');

  it('resolves each reference form, on KV v2 and KV v1 mounts (the version looked up), one read per path and version', async () => {
    const vault = await openVault(ctx.server);
    await vault.setMany([{ name: 'envguard/shop/production#DB_PASSWORD', value: password }, { name: 'envguard/shop/production#GITHUB_TOKEN', value: token }]);
    await vault.set('envguard/shop/production#DB_PASSWORD', 'rotated');
    ctx.server.mount('kv1', { version: 1 });
    await (await openVault(ctx.server, { mount: 'kv1' })).set('legacy/app#API_KEY', 'v1-value');
    const before = ctx.server.requests.length;
    const source = vaultSource(ctx.server);
    const results = await source.resolve([
      ref('ref+vault://secret/envguard/shop/production#/DB_PASSWORD'),
      ref('ref+vault://secret/envguard/shop/production#GITHUB_TOKEN'),
      ref('ref+vault://secret/envguard/shop/production/GITHUB_TOKEN'),
      ref('vault://secret/envguard/shop/production#DB_PASSWORD'),
      ref('ref+vault://secret/envguard/shop/production?version=1#/DB_PASSWORD'),
      ref('vault://secret/envguard/shop/production?version=1#GITHUB_TOKEN'),
      ref('ref+vault://kv1/legacy/app#/API_KEY'),
      ref('vault://kv1/legacy/app#API_KEY'),
    ]);
    assert.deepEqual(outcome(results), ['rotated', token, token, 'rotated', password, token, 'v1-value', 'v1-value']);
    const requests = ctx.server.requests.slice(before);
    assert.deepEqual(requests.filter((r) => !r.path.startsWith('sys/') && !r.path.startsWith('auth/')).map((r) => r.path).sort(), ['kv1/legacy/app', 'secret/data/envguard/shop/production', 'secret/data/envguard/shop/production']);
    assert.equal(requests.filter((r) => r.path.startsWith('sys/internal/ui/mounts/')).length, 2, 'one mount lookup per mount');
  });

  it('says why a reference fails, per reference, with paths and keys and never a value', async () => {
    const vault = await openVault(ctx.server);
    await vault.set('envguard/shop/production#DB_PASSWORD', password);
    await vault.delete('envguard/shop/production#DB_PASSWORD');
    await vault.set('envguard/shop/dev#A', password);
    const results = await vaultSource(ctx.server).resolve([
      ref('ref+vault://secret/envguard/shop/dev#/MISSING'),
      ref('ref+vault://secret/envguard/nothing#/A'),
      ref('ref+vault://secret/envguard/shop/production#/DB_PASSWORD'),
      ref('ref+vault://secret/data/envguard/shop/dev#/A'),
      ref('ref+vault://nomount/app#/A'),
      ref('ref+vault://secret/envguard/shop/dev#/A'),
    ]);
    const reasons = outcome(results);
    assert.match(reasons[0]!, /secret\/envguard\/shop\/dev in HashiCorp Vault .* has no key MISSING/);
    assert.match(reasons[1]!, /has nothing at secret\/envguard\/nothing$/);
    assert.match(reasons[2]!, /version 1 of secret\/envguard\/shop\/production .* was deleted/);
    assert.match(reasons[3]!, /data\/ is inserted after the mount, as vals does: write the path without data\//);
    assert.match(reasons[4]!, /no mount holds that path, or your token's policies grant nothing inside it/);
    assert.equal(reasons[5], password);
    for (const reason of reasons.slice(0, 5)) assert.ok(!reason.includes(password), reason);
  });

  it('keeps values in memory for the cache time only, and follows a rotation after it', async () => {
    const vault = await openVault(ctx.server);
    await vault.set('envguard/shop/dev#A', 'first');
    let clock = 1_000;
    const source = vaultSource(ctx.server, { cacheTtlMs: 5_000, now: () => clock });
    const r = [ref('ref+vault://secret/envguard/shop/dev#/A')];
    assert.deepEqual(outcome(await source.resolve(r)), ['first']);
    const count = ctx.server.requests.length;
    assert.deepEqual(outcome(await source.resolve(r)), ['first']);
    assert.equal(ctx.server.requests.length, count, 'no request while cached');
    await vault.set('envguard/shop/dev#A', 'second');
    clock += 5_001;
    assert.deepEqual(outcome(await source.resolve(r)), ['second']);
  });

  it('asks to confirm the address once, before any token is sent; a refusal sends nothing', async () => {
    await (await openVault(ctx.server)).set('envguard/shop/dev#A', 'a');
    const asked: string[] = [];
    const refusing = vaultSource(ctx.server, { confirmVault: (address) => { asked.push(address); return Promise.resolve(false); } });
    const before = ctx.server.requests.length;
    const [refused] = await refusing.resolve([ref('ref+vault://secret/envguard/shop/dev#/A')]);
    assert.equal(refused?.ok, false);
    assert.deepEqual(refused && !refused.ok ? refused.remedy : undefined, { kind: 'confirm-vault', vault: `hashicorp-vault:${ctx.server.address}` });
    assert.equal(ctx.server.requests.length, before, 'no request (so no token) before the user said yes');
    const confirming = vaultSource(ctx.server, { confirmVault: (address) => { asked.push(address); return Promise.resolve(true); } });
    assert.deepEqual(outcome(await confirming.resolve([ref('ref+vault://secret/envguard/shop/dev#/A')])), ['a']);
    assert.deepEqual(outcome(await confirming.resolve([ref('vault://secret/envguard/shop/dev#A')])), ['a']);
    assert.deepEqual(asked, [ctx.server.address, ctx.server.address], 'asked once per source');
  });

  it('never takes the address from a reference: ?address=https://evil is refused, and the evil server sees nothing', async () => {
    const evil = await VaultTestServer.start();
    try {
      await (await openVault(ctx.server)).set('envguard/shop/dev#A', 'a');
      const hostile = `ref+vault://secret/envguard/shop/dev?address=${evil.address}#/A`;
      assert.equal(parseReference(hostile), undefined);
      const { values, failures } = await resolveReferences(
        [{ key: 'A', value: hostile, origin: '.env:1' }, { key: 'B', value: `vault://secret/envguard/shop/dev?token_env=EVIL_TOKEN#A`, origin: '.env:2' }],
        [vaultSource(ctx.server)],
      );
      assert.equal(values.size, 0);
      assert.equal(failures.length, 2);
      for (const failure of failures) assert.match(failure.message, /would choose where your Vault token goes/);
      assert.equal(evil.requests.length, 0, 'the evil server saw no request');
      // A vals host:port in the path is not an address either.
      assert.equal(parseReference(`ref+vault://127.0.0.1:${evil.port}/secret/x#/A`), undefined);
    } finally {
      await evil.close();
    }
  });

  it('without VAULT_ADDR every reference fails with what to set, and nothing is sent', async () => {
    const source = vaultSource(ctx.server, { env: { VAULT_TOKEN: ctx.server.rootToken } });
    const results = await source.resolve([ref('ref+vault://secret/app#/A'), ref('vault://secret/app#B')]);
    for (const r of outcome(results)) assert.match(r, /no Vault address: set VAULT_ADDR/);
    assert.equal(ctx.server.requests.length, 0);
  });

  it('a sealed Vault fails every reference with what to do', async () => {
    await (await openVault(ctx.server)).set('envguard/shop/dev#A', 'a');
    ctx.server.seal();
    const results = outcome(await vaultSource(ctx.server, { env: vaultEnv(ctx.server) }).resolve([ref('ref+vault://secret/envguard/shop/dev#/A')]));
    assert.match(results[0]!, /is sealed: .*operator unseals/);
  });
});
