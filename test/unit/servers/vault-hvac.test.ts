import assert from 'node:assert/strict';
import { fake } from '../support/fakes';
import { dataOf, hvac, runHvac, useVaultServer, vault } from './support/vault';

// Debian's python3-hvac is a Vault client the server's authors did not write (.ci/run installs it).
// A machine without it skips these tests, saying why.
const title = `Vault test server: Debian's python3-hvac agrees (${hvac.version ? `hvac ${hvac.version}` : `SKIPPED: ${hvac.missing ?? ''}`})`;

describe(title, function () {
  this.timeout(120_000);
  const ctx = useVaultServer();
  const one = fake.password('hvac-one');
  const two = fake.password('hvac-two');
  const values = { VALUE_ONE: one, VALUE_TWO: two };

  before(function () {
    if (hvac.missing) {
      process.stdout.write(`      skipped: ${hvac.missing}\n`);
      this.skip();
    }
  });

  it('KV v2: versions, check-and-set, lists, soft delete, undelete, destroy, metadata, patch; our client reads what hvac wrote', async () => {
    const out = await runHvac(ctx.server, 'kv2', values);
    assert.equal(out.authenticated, true);
    assert.deepEqual([out.v1, out.v2], [1, 2]);
    assert.deepEqual(out.cas_conflict, { exception: 'InvalidRequest', errors: ['check-and-set parameter did not match the current version'] });
    assert.deepEqual(out.latest, [{ password: two }, 2]);
    assert.deepEqual(out.first, { password: one });
    assert.deepEqual(out.list, ['api', 'db']);
    assert.deepEqual(out.read_deleted, { exception: 'InvalidPath', errors: null }, 'a 404 with a body but no errors, as Vault answers a deleted version');
    assert.deepEqual(out.undeleted, { password: two });
    const [current, destroyed, deletionTime] = out.metadata as [number, boolean, string];
    assert.deepEqual([current, destroyed, deletionTime], [2, true, '']);
    assert.deepEqual(out.cas_required, { exception: 'InvalidRequest', errors: ['check-and-set parameter required for this call'] });
    assert.equal(out.patched, 2);
    assert.deepEqual(out.read_gone, { exception: 'InvalidPath', errors: [] });
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/app/db', { token: ctx.server.rootToken })).data, { password: two });
  });

  it('KV v1 and mounts: enables a v1 mount, writes, reads, lists; sys/mounts gives each mount\'s version', async () => {
    const out = await runHvac(ctx.server, 'kv1_and_mounts', values);
    assert.deepEqual(out.read, { password: one });
    assert.deepEqual(out.list, ['db']);
    assert.deepEqual(out.mount_versions, { 'kv1/': '1', 'secret/': '2' });
    assert.deepEqual(out.in_use, { exception: 'InvalidRequest', errors: ['path is already in use at kv1/'] });
    assert.deepEqual([...ctx.server.values('kv1')], [['shop/db', { password: one }]]);
  });

  it('AppRole login, lookup-self, renew-self, a policy that denies writing, a wrong secret_id, an invalid token', async () => {
    ctx.server.policy('app', [{ path: 'secret/data/app/*', capabilities: ['read'] }]);
    const { roleId, secretId } = ctx.server.appRole('ci', { policies: ['app'] });
    await vault(ctx.server, 'POST', 'secret/data/app/db', { token: ctx.server.rootToken, body: { data: { password: one } } });
    const out = await runHvac(ctx.server, 'approle', { ROLE_ID: roleId, SECRET_ID: secretId });
    assert.deepEqual(out.policies, ['app', 'default']);
    assert.deepEqual(out.lookup, [['app', 'default'], 'approle', { role_name: 'ci' }]);
    assert.equal(out.renewed, 7200);
    assert.deepEqual(out.read, { password: one });
    assert.deepEqual(out.write_denied, { exception: 'Forbidden', errors: ['1 error occurred:\n\t* permission denied\n\n'] });
    assert.deepEqual(out.bad_secret_id, { exception: 'InvalidRequest', errors: ['invalid role or secret ID'] });
    assert.deepEqual(out.bad_token, { exception: 'Forbidden', errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'] });
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/app/db', { token: ctx.server.rootToken })).data, { password: one }, 'the denied write changed nothing');
  });

  it('namespaces: hvac\'s namespace option sends X-Vault-Namespace; the root namespace does not see the secret', async () => {
    ctx.server.createNamespace('team-a');
    ctx.server.mount('secret', { version: 2, namespace: 'team-a' });
    const out = await runHvac(ctx.server, 'namespace', { ...values, NAMESPACE: 'team-a' });
    assert.deepEqual(out.read, { password: one });
    assert.deepEqual(out.root_namespace, { exception: 'InvalidPath', errors: [] });
    assert.deepEqual([...ctx.server.values('secret', 'team-a')], [['team/db', { password: one }]]);
    assert.ok(ctx.server.requests.some((r) => r.path === 'team-a/secret/data/team/db'));
  });

  it('sealing through the API: reads fail with VaultDown ("Vault is sealed"), the unseal key opens it again', async () => {
    const out = await runHvac(ctx.server, 'sealed', { ...values, UNSEAL_KEY: ctx.server.unsealKey });
    assert.equal(out.is_sealed, true);
    assert.deepEqual(out.read, { exception: 'VaultDown', errors: ['Vault is sealed'] });
    assert.equal(out.unseal, false);
    assert.deepEqual(out.after, { v: one });
    assert.equal(ctx.server.sealed, false);
  });
});
