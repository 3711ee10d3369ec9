import assert from 'node:assert/strict';
import { request } from 'node:https';
import { testCertificates } from '../../servers/keyvault/certs';
import { fake } from '../support/fakes';
import { dataOf, useVaultServer, vault } from './support/vault';

const PERMISSION_DENIED = '{"errors":["1 error occurred:\\n\\t* permission denied\\n\\n"]}\n';

describe('Vault test server: KV v2, KV v1, tokens, policies, namespaces, sealing, with a plain HTTP client', () => {
  const ctx = useVaultServer();
  const one = fake.password('vault-one');
  const two = fake.password('vault-two');
  const root = (): { token: string } => ({ token: ctx.server.rootToken });

  it('KV v2 writes versions and reads the latest or one by number, in Vault\'s envelope', async () => {
    const first = await vault(ctx.server, 'POST', 'secret/data/shop/production/db', { ...root(), body: { data: { password: one } } });
    assert.equal(first.status, 200);
    assert.equal(first.headers['content-type'], 'application/json');
    assert.deepEqual(Object.keys(first.json!), ['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth', 'mount_type']);
    assert.deepEqual(Object.keys(dataOf(first)), ['created_time', 'custom_metadata', 'deletion_time', 'destroyed', 'version']);
    assert.equal(dataOf(first).version, 1);
    assert.match(String(dataOf(first).created_time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    await vault(ctx.server, 'PUT', 'secret/data/shop/production/db', { ...root(), body: { data: { password: two } } });
    const latest = dataOf(await vault(ctx.server, 'GET', 'secret/data/shop/production/db', root()));
    assert.deepEqual(latest.data, { password: two });
    assert.equal((latest.metadata as Record<string, unknown>).version, 2);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/shop/production/db?version=1', root())).data, { password: one });
    const none = await vault(ctx.server, 'GET', 'secret/data/shop/production/db?version=9', root());
    assert.deepEqual([none.status, none.text], [404, '{"errors":[]}\n']);
    const missing = await vault(ctx.server, 'GET', 'secret/data/nothing', root());
    assert.deepEqual([missing.status, missing.text], [404, '{"errors":[]}\n']);
  });

  it('check-and-set: cas 0 only creates, cas N only writes over version N; cas_required on a key or the mount', async () => {
    const write = (cas: number | undefined, value: string) => vault(ctx.server, 'POST', 'secret/data/app/key', { ...root(), body: { ...(cas === undefined ? {} : { options: { cas } }), data: { value } } });
    assert.equal((await write(0, one)).status, 200);
    const again = await write(0, two);
    assert.deepEqual([again.status, again.text], [400, '{"errors":["check-and-set parameter did not match the current version"]}\n']);
    assert.equal((await write(2, two)).status, 400);
    assert.equal((await write(1, two)).status, 200);
    assert.equal((await vault(ctx.server, 'POST', 'secret/metadata/app/key', { ...root(), body: { cas_required: true } })).status, 204);
    const required = await write(undefined, one);
    assert.deepEqual([required.status, required.json], [400, { errors: ['check-and-set parameter required for this call'] }]);
    assert.equal((await write(2, one)).status, 200);
    await vault(ctx.server, 'POST', 'secret/config', { ...root(), body: { cas_required: true } });
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/other', { ...root(), body: { data: { a: 'b' } } })).status, 400);
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/other', { ...root(), body: { options: { cas: 0 }, data: { a: 'b' } } })).status, 200);
  });

  it('soft delete (latest or listed versions) reads as 404 with the metadata and deletion_time; undelete; destroy; metadata delete removes all', async () => {
    for (const value of [one, two, 'three']) await vault(ctx.server, 'POST', 'secret/data/k', { ...root(), body: { data: { value } } });
    assert.equal((await vault(ctx.server, 'DELETE', 'secret/data/k', root())).status, 204);
    const deleted = await vault(ctx.server, 'GET', 'secret/data/k', root());
    assert.equal(deleted.status, 404);
    const meta = (deleted.json!.data as { data: unknown; metadata: Record<string, unknown> });
    assert.equal(meta.data, null);
    assert.equal(meta.metadata.version, 3);
    assert.notEqual(meta.metadata.deletion_time, '');
    assert.equal(meta.metadata.destroyed, false);
    assert.equal((await vault(ctx.server, 'POST', 'secret/undelete/k', { ...root(), body: { versions: [3] } })).status, 204);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/k', root())).data, { value: 'three' });
    assert.equal((await vault(ctx.server, 'POST', 'secret/delete/k', { ...root(), body: { versions: [1] } })).status, 204);
    assert.equal((await vault(ctx.server, 'PUT', 'secret/destroy/k', { ...root(), body: { versions: [2] } })).status, 204);
    const destroyed = await vault(ctx.server, 'GET', 'secret/data/k?version=2', root());
    assert.deepEqual([destroyed.status, (destroyed.json!.data as { metadata: { destroyed: boolean } }).metadata.destroyed], [404, true]);
    const versions = (dataOf(await vault(ctx.server, 'GET', 'secret/metadata/k', root())).versions) as Record<string, { deletion_time: string; destroyed: boolean }>;
    assert.deepEqual(Object.keys(versions), ['1', '2', '3']);
    assert.notEqual(versions['1']!.deletion_time, '');
    assert.equal(versions['2']!.destroyed, true);
    const noVersions = await vault(ctx.server, 'POST', 'secret/delete/k', { ...root(), body: {} });
    assert.deepEqual([noVersions.status, noVersions.json], [400, { errors: ['No version number provided'] }]);
    assert.equal((await vault(ctx.server, 'DELETE', 'secret/metadata/k', root())).status, 204);
    assert.deepEqual([(await vault(ctx.server, 'GET', 'secret/metadata/k', root())).status, (await vault(ctx.server, 'GET', 'secret/data/k', root())).status], [404, 404]);
  });

  it('metadata: versions, current and oldest version (max_versions prunes), custom_metadata; delete_version_after deletes in time', async () => {
    await vault(ctx.server, 'POST', 'secret/metadata/m', { ...root(), body: { max_versions: 2, custom_metadata: { owner: 'shop' } } });
    for (const value of ['a', 'b', 'c']) await vault(ctx.server, 'POST', 'secret/data/m', { ...root(), body: { data: { value } } });
    const meta = dataOf(await vault(ctx.server, 'GET', 'secret/metadata/m', root()));
    assert.deepEqual([meta.current_version, meta.oldest_version, meta.max_versions, Object.keys(meta.versions as object)], [3, 2, 2, ['2', '3']]);
    assert.deepEqual(meta.custom_metadata, { owner: 'shop' });
    assert.deepEqual(Object.keys(meta), ['cas_required', 'created_time', 'current_version', 'custom_metadata', 'delete_version_after', 'max_versions', 'oldest_version', 'updated_time', 'versions']);
    await vault(ctx.server, 'POST', 'secret/metadata/short', { ...root(), body: { delete_version_after: '1h' } });
    const written = dataOf(await vault(ctx.server, 'POST', 'secret/data/short', { ...root(), body: { data: { v: one } } }));
    assert.notEqual(written.deletion_time, '');
    assert.equal(dataOf(await vault(ctx.server, 'GET', 'secret/metadata/short', root())).delete_version_after, '1h0m0s');
    ctx.server.elapse(3_600_000 + 1000);
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/short', root())).status, 404);
  });

  it('lists keys with GET ?list=true (folders end in /); nothing there is 404; Node cannot parse the LIST method', async () => {
    for (const p of ['shop/production/db', 'shop/production/api', 'shop/staging/db', 'blog/db']) await vault(ctx.server, 'POST', `secret/data/${p}`, { ...root(), body: { data: { v: one } } });
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/metadata/?list=true', root())).keys, ['blog/', 'shop/']);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/metadata/shop/production?list=true', root())).keys, ['api', 'db']);
    const empty = await vault(ctx.server, 'GET', 'secret/metadata/none/?list=true', root());
    assert.deepEqual([empty.status, empty.text], [404, '{"errors":[]}\n']);
    // The real Vault also accepts the LIST method; Node's HTTP parser answers 400 before any handler runs.
    assert.equal((await vault(ctx.server, 'LIST', 'secret/metadata/', root())).status, 400);
  });

  it('PATCH merges with application/merge-patch+json only; a v1-style path on a v2 mount is 404 with Vault\'s warning', async () => {
    await vault(ctx.server, 'POST', 'secret/data/p', { ...root(), body: { data: { a: '1', b: '2' } } });
    const patched = await vault(ctx.server, 'PATCH', 'secret/data/p', { ...root(), body: { data: { b: null, c: '3' } }, contentType: 'application/merge-patch+json' });
    assert.equal(dataOf(patched).version, 2);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/p', root())).data, { a: '1', c: '3' });
    assert.equal((await vault(ctx.server, 'PATCH', 'secret/data/p', { ...root(), body: { data: { a: 'x' } } })).status, 415);
    const v1Style = await vault(ctx.server, 'GET', 'secret/p', root());
    assert.equal(v1Style.status, 404);
    assert.equal(v1Style.json!.data, null);
    assert.deepEqual(v1Style.json!.warnings, ["Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation."]);
  });

  it('KV v1 mounts: plain reads (with the mount\'s lease), writes, lists and deletes', async () => {
    assert.equal((await vault(ctx.server, 'POST', 'sys/mounts/kv1', { ...root(), body: { type: 'kv', options: { version: '1' } } })).status, 204);
    assert.equal((await vault(ctx.server, 'POST', 'kv1/shop/db', { ...root(), body: { password: one } })).status, 204);
    const read = await vault(ctx.server, 'GET', 'kv1/shop/db', root());
    assert.deepEqual([dataOf(read), read.json!.lease_duration], [{ password: one }, 2_764_800]);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'kv1/shop?list=true', root())).keys, ['db']);
    assert.equal((await vault(ctx.server, 'DELETE', 'kv1/shop/db', root())).status, 204);
    assert.equal((await vault(ctx.server, 'GET', 'kv1/shop/db', root())).status, 404);
    const inUse = await vault(ctx.server, 'POST', 'sys/mounts/kv1', { ...root(), body: { type: 'kv' } });
    assert.deepEqual([inUse.status, inUse.json], [400, { errors: ['path is already in use at kv1/'] }]);
  });

  it('mount discovery as `vault kv` does it: sys/internal/ui/mounts/PATH gives the mount and its version; sys/mounts needs read on it', async () => {
    ctx.server.mount('legacy', { version: 1 });
    const v2 = dataOf(await vault(ctx.server, 'GET', 'sys/internal/ui/mounts/secret/shop/db', root()));
    assert.deepEqual([v2.path, v2.type, v2.options], ['secret/', 'kv', { version: '2' }]);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'sys/internal/ui/mounts/legacy/x', root())).options, { version: '1' });
    const unknown = await vault(ctx.server, 'GET', 'sys/internal/ui/mounts/nowhere/x', root());
    assert.deepEqual([unknown.status, unknown.json], [403, { errors: ['preflight capability check returned 403, please ensure client\'s policies grant access to path "nowhere/x/"'] }]);
    ctx.server.policy('app', [{ path: 'secret/data/app/*', capabilities: ['read'] }]);
    const app = ctx.server.createToken({ policies: ['app'] });
    assert.equal(dataOf(await vault(ctx.server, 'GET', 'sys/internal/ui/mounts/secret/app/db', { token: app })).path, 'secret/');
    assert.equal((await vault(ctx.server, 'GET', 'sys/internal/ui/mounts/legacy/x', { token: app })).status, 403);
    assert.equal((await vault(ctx.server, 'GET', 'sys/mounts', { token: app })).text, PERMISSION_DENIED);
    const mounts = dataOf(await vault(ctx.server, 'GET', 'sys/mounts', root()));
    assert.deepEqual(Object.keys(mounts).sort(), ['legacy/', 'secret/']);
  });

  it('tokens: X-Vault-Token or Authorization: Bearer; none, unknown and expired answered as Vault does; lookup-self and renew-self', async () => {
    await vault(ctx.server, 'POST', 'secret/data/t', { ...root(), body: { data: { v: one } } });
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/t', { token: ctx.server.rootToken, bearer: true })).status, 200);
    const none = await vault(ctx.server, 'GET', 'secret/data/t');
    assert.deepEqual([none.status, none.text], [403, '{"errors":["permission denied"]}\n']);
    const unknown = await vault(ctx.server, 'GET', 'secret/data/t', { token: 'hvs.unknown' });
    assert.deepEqual([unknown.status, unknown.text], [403, '{"errors":["2 errors occurred:\\n\\t* permission denied\\n\\t* invalid token\\n\\n"]}\n']);
    ctx.server.policy('reader', [{ path: 'secret/data/*', capabilities: ['read'] }]);
    const token = ctx.server.createToken({ policies: ['reader'], ttlSeconds: 600 });
    const self = dataOf(await vault(ctx.server, 'GET', 'auth/token/lookup-self', { token }));
    assert.deepEqual([self.id, self.policies, self.ttl, self.renewable, self.type], [token, ['default', 'reader'], 600, true, 'service']);
    assert.deepEqual(Object.keys(self), ['accessor', 'creation_time', 'creation_ttl', 'display_name', 'entity_id', 'expire_time', 'explicit_max_ttl', 'id', 'issue_time', 'meta', 'num_uses', 'orphan', 'path', 'policies', 'renewable', 'ttl', 'type']);
    ctx.server.elapse(500_000);
    const renewed = await vault(ctx.server, 'POST', 'auth/token/renew-self', { token, body: { increment: '1h' } });
    assert.deepEqual([renewed.status, (renewed.json!.auth as { lease_duration: number }).lease_duration, (renewed.json!.auth as { client_token: string }).client_token], [200, 3600, token]);
    ctx.server.elapse(3_600_000 + 1000);
    assert.match((await vault(ctx.server, 'GET', 'secret/data/t', { token })).text, /invalid token/);
    const rootRenew = await vault(ctx.server, 'POST', 'auth/token/renew-self', root());
    assert.deepEqual([rootRenew.status, rootRenew.json], [400, { errors: ['lease is not renewable'] }]);
    const child = await vault(ctx.server, 'POST', 'auth/token/create', { ...root(), body: { policies: ['reader'], ttl: '30m' } });
    const auth = child.json!.auth as { client_token: string; policies: string[]; lease_duration: number };
    assert.deepEqual([auth.policies, auth.lease_duration], [['default', 'reader'], 1800]);
    assert.match(auth.client_token, /^hvs\.[A-Za-z0-9]{24}$/);
  });

  it('policies: a glob grants, a more specific path denies, + matches one segment; create is not update; 403 with Vault\'s multierror', async () => {
    ctx.server.policy('app', [
      { path: 'secret/data/app/*', capabilities: ['create', 'read', 'update'] },
      { path: 'secret/data/app/admin', capabilities: ['deny'] },
      { path: 'secret/metadata/app/*', capabilities: ['list'] },
      { path: 'secret/data/+/shared', capabilities: ['read'] },
      { path: 'secret/data/new/*', capabilities: ['create'] },
    ]);
    const token = ctx.server.createToken({ policies: ['app'] });
    for (const p of ['app/db', 'app/admin', 'team/shared', 'team/private', 'new/x']) await vault(ctx.server, 'POST', `secret/data/${p}`, { ...root(), body: { data: { v: p } } });
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/app/db', { token })).status, 200);
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/app/db', { token, body: { data: { v: one } } })).status, 200);
    const denied = await vault(ctx.server, 'GET', 'secret/data/app/admin', { token });
    assert.deepEqual([denied.status, denied.text], [403, PERMISSION_DENIED]);
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/team/shared', { token })).status, 200);
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/team/private', { token })).status, 403);
    assert.equal((await vault(ctx.server, 'GET', 'secret/metadata/app/?list=true', { token })).status, 200);
    assert.equal((await vault(ctx.server, 'DELETE', 'secret/data/app/db', { token })).status, 403);
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/new/y', { token, body: { data: { v: one } } })).status, 200, 'create: a new key');
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/new/x', { token, body: { data: { v: one } } })).status, 403, 'not update: an existing key');
    assert.equal((await vault(ctx.server, 'GET', 'auth/token/lookup-self', { token })).status, 200, 'the default policy');
  });

  it('AppRole: login gives a token with the role\'s policies; a wrong secret_id or role_id is 400 "invalid role or secret ID"', async () => {
    ctx.server.policy('app', [{ path: 'secret/data/app/*', capabilities: ['read'] }]);
    const { roleId, secretId } = ctx.server.appRole('ci', { policies: ['app'] });
    await vault(ctx.server, 'POST', 'secret/data/app/db', { ...root(), body: { data: { v: one } } });
    const login = await vault(ctx.server, 'POST', 'auth/approle/login', { body: { role_id: roleId, secret_id: secretId } });
    const auth = login.json!.auth as { client_token: string; policies: string[]; metadata: Record<string, string>; renewable: boolean };
    assert.equal(login.json!.data, null);
    assert.deepEqual([auth.policies, auth.metadata, auth.renewable], [['app', 'default'], { role_name: 'ci' }, true]);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/app/db', { token: auth.client_token })).data, { v: one });
    for (const body of [{ role_id: roleId, secret_id: 'wrong' }, { role_id: 'wrong', secret_id: secretId }]) {
      const refused = await vault(ctx.server, 'POST', 'auth/approle/login', { body });
      assert.deepEqual([refused.status, refused.json], [400, { errors: ['invalid role or secret ID'] }]);
    }
    assert.deepEqual((await vault(ctx.server, 'POST', 'auth/approle/login', { body: { secret_id: secretId } })).json, { errors: ['missing role_id'] });
  });

  it('namespaces: X-Vault-Namespace or a path prefix; a token made in a namespace works there and below, not above', async () => {
    ctx.server.createNamespace('team-a');
    ctx.server.createNamespace('team-a/sub');
    ctx.server.mount('secret', { version: 2, namespace: 'team-a' });
    ctx.server.mount('secret', { version: 2, namespace: 'team-a/sub' });
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/db', { ...root(), namespace: 'team-a', body: { data: { v: one } } })).status, 200);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'team-a/secret/data/db', root())).data, { v: one });
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/db', { ...root(), namespace: '/team-a/' })).data, { v: one });
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/db', root())).status, 404, 'the root namespace has its own secret/');
    assert.deepEqual([...ctx.server.values('secret', 'team-a')], [['db', { v: one }]]);
    ctx.server.policy('team', [{ path: 'secret/data/*', capabilities: ['read', 'create', 'update'] }, { path: 'sub/secret/data/*', capabilities: ['read', 'create'] }], 'team-a');
    const { roleId, secretId } = ctx.server.appRole('ci', { policies: ['team'], namespace: 'team-a' });
    const login = await vault(ctx.server, 'POST', 'auth/approle/login', { namespace: 'team-a', body: { role_id: roleId, secret_id: secretId } });
    const token = (login.json!.auth as { client_token: string }).client_token;
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/db', { token, namespace: 'team-a' })).status, 200);
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/x', { token, namespace: 'team-a/sub', body: { data: { v: two } } })).status, 200);
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/db', { token })).status, 403, 'not in the root namespace');
    assert.equal((await vault(ctx.server, 'POST', 'auth/approle/login', { body: { role_id: roleId, secret_id: secretId } })).status, 400, 'the role lives in team-a');
  });

  it('sealed: every request but seal-status, health and unseal is 503 "Vault is sealed", token or not; unsealing with the key', async () => {
    await vault(ctx.server, 'POST', 'secret/data/s', { ...root(), body: { data: { v: one } } });
    assert.equal((await vault(ctx.server, 'PUT', 'sys/seal', root())).status, 204);
    for (const call of [root(), {}]) {
      const sealed = await vault(ctx.server, 'GET', 'secret/data/s', call);
      assert.deepEqual([sealed.status, sealed.text], [503, '{"errors":["Vault is sealed"]}\n']);
    }
    const status = await vault(ctx.server, 'GET', 'sys/seal-status');
    assert.deepEqual([status.status, status.json!.sealed, status.json!.type], [200, true, 'shamir']);
    assert.equal((await vault(ctx.server, 'GET', 'sys/health')).status, 503);
    assert.equal((await vault(ctx.server, 'PUT', 'sys/unseal', { body: { key: 'wrong' } })).status, 400);
    const unsealed = await vault(ctx.server, 'PUT', 'sys/unseal', { body: { key: ctx.server.unsealKey } });
    assert.deepEqual([unsealed.status, unsealed.json!.sealed], [200, false]);
    assert.deepEqual(dataOf(await vault(ctx.server, 'GET', 'secret/data/s', root())).data, { v: one });
    ctx.server.seal();
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/s', root())).status, 503);
    ctx.server.unseal();
    assert.equal((await vault(ctx.server, 'GET', 'sys/health')).status, 200);
  });

  it('faults: server errors, rate limits and dropped connections for the next N requests under a path; latency and in-flight counting', async () => {
    await vault(ctx.server, 'POST', 'secret/data/f', { ...root(), body: { data: { v: one } } });
    ctx.server.fail({ status: 500 }, { only: 'secret/data/' });
    ctx.server.fail({ status: 429 }, { only: 'secret/data/' });
    assert.equal((await vault(ctx.server, 'GET', 'auth/token/lookup-self', root())).status, 200, 'another path is untouched');
    const failed = await vault(ctx.server, 'GET', 'secret/data/f', root());
    assert.deepEqual([failed.status, failed.json], [500, { errors: ['internal error'] }]);
    const limited = await vault(ctx.server, 'GET', 'secret/data/f', root());
    assert.deepEqual([limited.status, limited.json], [429, { errors: ['request path "secret/data/f": rate limit quota exceeded'] }]);
    ctx.server.fail({ drop: true });
    await assert.rejects(vault(ctx.server, 'GET', 'secret/data/f', root()), /socket hang up|ECONNRESET/);
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/f', root())).status, 200);
    ctx.server.traffic.latencyMs = 300;
    const replies = await Promise.all(Array.from({ length: 4 }, () => vault(ctx.server, 'GET', 'secret/data/f', root())));
    assert.deepEqual(replies.map((r) => r.status), [200, 200, 200, 200]);
    assert.ok(ctx.server.traffic.maxInFlight >= 2, `requests overlapped (max in flight ${ctx.server.traffic.maxInFlight})`);
  });

  it('the control surface drives the server from another process: tokens, policies, faults, sealing, values', async () => {
    const control = (method: string, action: string, body?: unknown): Promise<Record<string, unknown>> => new Promise((resolve, reject) => {
      const req = request(`${ctx.server.address}/_control/${action}`, { method, ca: testCertificates().ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
    await control('POST', 'policy', { name: 'w', rules: [{ path: 'secret/data/*', capabilities: ['create', 'read'] }] });
    const { token } = await control('POST', 'token', { policies: ['w'] }) as { token: string };
    assert.equal((await vault(ctx.server, 'POST', 'secret/data/c', { token, body: { data: { v: one } } })).status, 200);
    assert.deepEqual(await control('GET', 'values?mount=secret'), { c: { v: one } });
    await control('POST', 'seal');
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/c', { token })).status, 503);
    await control('POST', 'unseal');
    await control('POST', 'fail', { fault: { status: 502 }, count: 1 });
    assert.equal((await vault(ctx.server, 'GET', 'secret/data/c', { token })).status, 502);
    const requests = await control('GET', 'requests') as unknown as { path: string; status: number }[];
    assert.deepEqual(requests.slice(-1), [{ method: 'GET', path: 'secret/data/c', operation: 'read', token: 'header', status: 502 }]);
  });
});
