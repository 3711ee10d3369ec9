import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseReference } from '../../../../src/core/references';
import { HashiCorpVault, hashiCorpNameRules } from '../../../../src/core/vault/hashicorp';
import { VaultError } from '../../../../src/core/vault/types';
import { fake } from '../../support/fakes';
import { emptyHome, openVault, useVaultServer, vaultEnv } from './helpers';

const TAGS = { 'envguard-project': 'shop', 'envguard-environment': 'production', 'envguard-source-file': '.env.production', 'envguard-source-key': 'DB_PASSWORD' };

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VaultError, String(error));
    return error;
  }
  assert.fail('expected a VaultError');
}

describe('HashiCorp Vault provider (KV v2 and v1, against the test server)', () => {
  const ctx = useVaultServer();
  const password = fake.password('hc-db');
  const token = fake.githubToken('hc-gh');

  it('composes PATH#KEY names under envguard/ of the mount, and formats vals or vault:// references that parse back to the same secret', async () => {
    assert.equal(hashiCorpNameRules.compose(['shop', 'production', 'DB_PASSWORD']), 'envguard/shop/production#DB_PASSWORD');
    assert.equal(hashiCorpNameRules.compose(['shop', 'production', 'api', 'local', 'KEY'], 'team-'), 'envguard/team-shop/production/api/local#KEY');
    assert.equal(hashiCorpNameRules.compose(['my shop', 'prod', 'A%B']), 'envguard/my-shop/prod#A-B');
    assert.throws(() => hashiCorpNameRules.compose(['KEY']), /cannot be a Vault name/);
    const vault = await openVault(ctx.server);
    const name = 'envguard/shop/production#DB_PASSWORD';
    assert.equal(vault.formatReference(name), 'ref+vault://secret/envguard/shop/production#/DB_PASSWORD');
    assert.equal(vault.formatReference(name, '3'), 'ref+vault://secret/envguard/shop/production?version=3#/DB_PASSWORD');
    assert.deepEqual(vault.ownsReference(parseReference(vault.formatReference(name, '3'))!), { name, version: '3' });
    const other = await openVault(ctx.server, { referenceStyle: 'vault' });
    assert.equal(other.formatReference(name), 'vault://secret/envguard/shop/production#DB_PASSWORD');
    assert.deepEqual(other.ownsReference(parseReference(other.formatReference(name))!), { name });
    assert.equal(vault.ownsReference(parseReference('ref+vault://kv/app#/x')!), undefined, 'another mount is not this vault\'s');
  });

  it('KV v2: keys of one path share it, each set is a new version, old versions stay readable, tags go to custom_metadata', async () => {
    const vault = await openVault(ctx.server);
    assert.equal(vault.versioned, true);
    const first = await vault.set('envguard/shop/production#DB_PASSWORD', password, { tags: TAGS });
    const second = await vault.set('envguard/shop/production#GITHUB_TOKEN', token, { tags: { ...TAGS, 'envguard-source-key': 'GITHUB_TOKEN' } });
    assert.deepEqual([first.version, second.version], ['1', '2']);
    assert.deepEqual(ctx.server.values('secret').get('envguard/shop/production'), { DB_PASSWORD: password, GITHUB_TOKEN: token });
    const rotated = await vault.set('envguard/shop/production#DB_PASSWORD', 'rotated');
    assert.equal(rotated.version, '3');
    assert.equal((await vault.get('envguard/shop/production#DB_PASSWORD')).value, 'rotated');
    assert.equal((await vault.get('envguard/shop/production#DB_PASSWORD', '1')).value, password);
    const info = await vault.info('envguard/shop/production#GITHUB_TOKEN');
    assert.equal(info?.version, '3');
    assert.deepEqual(info?.tags, { ...TAGS, 'envguard-source-key': 'GITHUB_TOKEN' });
    assert.equal(await vault.info('envguard/shop/production#NOPE'), undefined);
  });

  it('setMany groups writes by path (one merge each) and gives a key written twice two versions in order; getMany reads a path once', async () => {
    const vault = await openVault(ctx.server);
    const before = ctx.server.requests.length;
    const infos = await vault.setMany([
      { name: 'envguard/shop/production#A', value: 'a1' },
      { name: 'envguard/shop/production#B', value: 'b1' },
      { name: 'envguard/shop/staging#A', value: 'sa' },
      { name: 'envguard/shop/production#A', value: 'a2' },
    ]);
    assert.deepEqual(infos.map((i) => i.version), ['1', '1', '1', '2']);
    const writes = ctx.server.requests.slice(before).filter((r) => r.method === 'POST' && r.path.startsWith('secret/data/'));
    assert.equal(writes.length, 3, 'production (A, B), staging, then production again for the second A');
    assert.equal((await vault.get('envguard/shop/production#A', '1')).value, 'a1');
    assert.equal((await vault.get('envguard/shop/production#A')).value, 'a2');
    const reads = ctx.server.requests.length;
    const answers = await vault.getMany([{ name: 'envguard/shop/production#A' }, { name: 'envguard/shop/production#B' }, { name: 'envguard/shop/production#A', version: '1' }, { name: 'envguard/shop/production#Z' }]);
    assert.deepEqual(answers.map((a) => (a instanceof VaultError ? a.code : a.value)), ['a2', 'b1', 'a1', 'not-found']);
    assert.equal(ctx.server.requests.slice(reads).filter((r) => r.path.startsWith('secret/data/')).length, 2, 'one read per path and version');
  });

  it('two writers into one path lose nothing: check-and-set conflicts are read again and merged again', async function () {
    this.timeout(120_000);
    ctx.server.traffic.latencyMs = 15; // reads and writes of the two writers interleave
    const [one, two] = [await openVault(ctx.server), await openVault(ctx.server)];
    const keys = Array.from({ length: 12 }, (_, i) => i);
    await Promise.all([
      (async () => { for (const i of keys) await one.set(`envguard/shop/production#ONE_${i}`, `one-${i}`); })(),
      (async () => { for (const i of keys) await two.set(`envguard/shop/production#TWO_${i}`, `two-${i}`); })(),
    ]);
    const held = ctx.server.values('secret').get('envguard/shop/production')!;
    for (const i of keys) {
      assert.equal(held[`ONE_${i}`], `one-${i}`);
      assert.equal(held[`TWO_${i}`], `two-${i}`);
    }
    const conflicts = ctx.server.requests.filter((r) => r.method === 'POST' && r.status === 400).length;
    assert.ok(conflicts > 0, 'the writers did meet (the test proves the merge, not luck)');
  });

  it('KV v1: the mount\'s version is looked up, not guessed; writes merge keys, there are no versions', async () => {
    ctx.server.mount('kv1', { version: 1 });
    const vault = await openVault(ctx.server, { mount: 'kv1' });
    assert.equal(vault.versioned, false);
    await vault.set('envguard/shop/dev#A', 'a');
    const info = await vault.set('envguard/shop/dev#B', 'b');
    assert.equal(info.version, '');
    assert.deepEqual(ctx.server.values('kv1').get('envguard/shop/dev'), { A: 'a', B: 'b' });
    assert.equal((await vault.get('envguard/shop/dev#A')).value, 'a');
    const preflights = ctx.server.requests.filter((r) => r.path.startsWith('sys/internal/ui/mounts/'));
    assert.equal(preflights.length, 1, 'one lookup for the mount');
    await vault.delete('envguard/shop/dev#A');
    assert.deepEqual(ctx.server.values('kv1').get('envguard/shop/dev'), { B: 'b' });
    assert.deepEqual((await vault.list()).map((i) => i.name), ['envguard/shop/dev#B']);
  });

  it('delete is soft on KV v2 and recover brings the key back (a shared path keeps its other keys)', async () => {
    const vault = await openVault(ctx.server);
    await vault.setMany([{ name: 'envguard/shop/production#A', value: 'a' }, { name: 'envguard/shop/production#B', value: 'b' }, { name: 'envguard/shop/dev#ONLY', value: 'o' }]);
    await vault.delete('envguard/shop/production#A');
    assert.deepEqual(ctx.server.values('secret').get('envguard/shop/production'), { B: 'b' });
    await vault.recover('envguard/shop/production#A');
    assert.deepEqual(ctx.server.values('secret').get('envguard/shop/production'), { A: 'a', B: 'b' });
    await vault.delete('envguard/shop/dev#ONLY');
    assert.equal(ctx.server.values('secret').has('envguard/shop/dev'), false);
    assert.equal((await refusal(vault.get('envguard/shop/dev#ONLY'))).code, 'deleted');
    await vault.recover('envguard/shop/dev#ONLY');
    assert.equal((await vault.get('envguard/shop/dev#ONLY')).value, 'o');
    assert.equal((await refusal(vault.delete('envguard/shop/dev#NOPE'))).code, 'not-found');
    assert.deepEqual((await vault.list()).map((i) => i.name), ['envguard/shop/dev#ONLY', 'envguard/shop/production#A', 'envguard/shop/production#B']);
  });

  it('namespaces: VAULT_NAMESPACE goes in X-Vault-Namespace, and the namespace\'s own mounts answer', async () => {
    ctx.server.createNamespace('team-a');
    ctx.server.mount('secret', { version: 2, namespace: 'team-a' });
    const vault = await openVault(ctx.server, { env: vaultEnv(ctx.server, { VAULT_NAMESPACE: 'team-a' }) });
    assert.match(vault.displayName, /namespace team-a/);
    await vault.set('envguard/shop/production#A', 'in-team-a');
    assert.deepEqual(ctx.server.values('secret', 'team-a').get('envguard/shop/production'), { A: 'in-team-a' });
    assert.equal(ctx.server.values('secret').has('envguard/shop/production'), false);
  });

  it('AppRole login for CI (VAULT_ROLE_ID, VAULT_SECRET_ID), and a new login when that token is refused', async () => {
    ctx.server.policy('ci', [{ path: 'secret/data/envguard/*', capabilities: ['create', 'read', 'update'] }, { path: 'secret/metadata/envguard/*', capabilities: ['read', 'update', 'list'] }]);
    const { roleId, secretId } = ctx.server.appRole('ci', { policies: ['ci'], tokenTtlSeconds: 600 });
    const env = { VAULT_ADDR: ctx.server.address, VAULT_CACERT: vaultEnv(ctx.server).VAULT_CACERT, VAULT_ROLE_ID: roleId, VAULT_SECRET_ID: secretId };
    const vault = await openVault(ctx.server, { env });
    await vault.set('envguard/ci/test#A', 'a');
    assert.equal((await vault.tokenStatus()).origin, 'AppRole');
    ctx.server.elapse(601_000); // the AppRole token runs out
    assert.equal((await vault.get('envguard/ci/test#A')).value, 'a');
    assert.equal(ctx.server.requests.filter((r) => r.path === 'auth/approle/login').length, 2);
    const wrong = await refusal(openVault(ctx.server, { env: { ...env, VAULT_SECRET_ID: 'not-the-secret-id' } }));
    assert.equal(wrong.code, 'unauthenticated');
    assert.match(wrong.message, /VAULT_ROLE_ID and VAULT_SECRET_ID/);
    assert.ok(!wrong.message.includes('not-the-secret-id'));
  });

  it('renews a renewable token close to its end, and reports when it ends', async () => {
    const short = ctx.server.createToken({ policies: ['root'], ttlSeconds: 30, renewable: true });
    let clock = 1_000_000;
    const vault = await openVault(ctx.server, { env: vaultEnv(ctx.server, { VAULT_TOKEN: short }), now: () => clock });
    const status = await vault.tokenStatus();
    assert.equal(status.origin, 'VAULT_TOKEN');
    assert.equal(status.renewable, true);
    assert.equal(status.expiresAt?.getTime(), clock + 30_000);
    await vault.set('envguard/shop/dev#A', 'a');
    for (let i = 0; i < 3; i++) {
      clock += 25_000;
      ctx.server.elapse(25_000); // 75 s in all: only renewals keep a 30 s token alive
      assert.equal((await vault.get('envguard/shop/dev#A')).value, 'a');
    }
    assert.equal(ctx.server.requests.filter((r) => r.path === 'auth/token/renew-self').length, 3);
  });

  it('~/.vault-token when VAULT_TOKEN is unset; without any token, says how to log in', async () => {
    const home = emptyHome();
    writeFileSync(path.join(home, '.vault-token'), `${ctx.server.rootToken}\n`);
    const { VAULT_TOKEN: _unused, ...env } = vaultEnv(ctx.server);
    const vault = await openVault(ctx.server, { env, homeDir: home });
    assert.equal((await vault.tokenStatus()).origin, '~/.vault-token');
    const none = await refusal(openVault(ctx.server, { env, homeDir: emptyHome() }));
    assert.equal(none.code, 'unauthenticated');
    assert.match(none.message, /vault login.*VAULT_TOKEN/);
  });

  it('errors a user can act on: sealed, a denied path naming the capability, an expired token, faults retried; never a value', async () => {
    const vault = await openVault(ctx.server);
    await vault.set('envguard/shop/production#DB_PASSWORD', password);
    const messages: string[] = [];

    ctx.server.policy('reader', [{ path: 'secret/data/envguard/*', capabilities: ['read'] }, { path: 'secret/data/envguard/shop/production', capabilities: ['deny'] }]);
    const reader = await openVault(ctx.server, { env: vaultEnv(ctx.server, { VAULT_TOKEN: ctx.server.createToken({ policies: ['reader'] }) }) });
    const denied = await refusal(reader.get('envguard/shop/production#DB_PASSWORD'));
    assert.equal(denied.code, 'forbidden');
    assert.match(denied.message, /permission denied to read secret\/data\/envguard\/shop\/production .*the read capability/);
    const write = await refusal(reader.set('envguard/shop/other#X', 'x'));
    assert.match(write.message, /the create capability on secret\/data\/envguard\/shop\/other/);
    messages.push(denied.message, write.message);

    const expiring = ctx.server.createToken({ policies: ['root'], ttlSeconds: 60 });
    const user = await openVault(ctx.server, { env: vaultEnv(ctx.server, { VAULT_TOKEN: expiring }) });
    ctx.server.elapse(61_000);
    const expired = await refusal(user.get('envguard/shop/production#DB_PASSWORD'));
    assert.equal(expired.code, 'unauthenticated');
    assert.match(expired.message, /run vault login, or set VAULT_TOKEN/);
    messages.push(expired.message);

    ctx.server.fail({ status: 429 }, { count: 2, only: 'secret/data/' });
    ctx.server.fail({ drop: true }, { count: 1, only: 'secret/data/' });
    assert.equal((await vault.get('envguard/shop/production#DB_PASSWORD')).value, password, '429 twice and a dropped connection are tried again');

    ctx.server.seal();
    const sealed = await refusal(vault.get('envguard/shop/production#DB_PASSWORD'));
    assert.equal(sealed.code, 'unreachable');
    assert.match(sealed.message, /is sealed: .*an operator unseals it/);
    assert.equal(ctx.server.requests.filter((r) => r.status === 503).length, 1, 'sealed is not retried');
    messages.push(sealed.message);
    ctx.server.unseal();

    const missing = await refusal(vault.get('envguard/shop/nowhere#X'));
    assert.equal(missing.code, 'not-found');
    messages.push(missing.message);
    for (const message of messages) assert.ok(!message.includes(password) && !message.includes(ctx.server.rootToken), message);
  });

  it('the address is VAULT_ADDR (or the option), https only but for a dev server on this machine', () => {
    assert.throws(() => new HashiCorpVault({ env: {}, homeDir: emptyHome() }), /no Vault address: set VAULT_ADDR/);
    assert.throws(() => new HashiCorpVault({ env: { VAULT_ADDR: 'http://vault.example.com:8200' } }), /must use https/);
    assert.throws(() => new HashiCorpVault({ env: { VAULT_ADDR: 'https://user:pw@vault.example.com' } }), /without a path, query or credentials/);
    assert.equal(new HashiCorpVault({ env: { VAULT_ADDR: 'http://127.0.0.1:8200/' } }).address, 'http://127.0.0.1:8200');
    assert.equal(new HashiCorpVault({ address: 'https://vault.example.com:8200', env: { VAULT_ADDR: 'https://other.example.com' } }).address, 'https://vault.example.com:8200');
  });
});
