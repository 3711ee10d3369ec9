import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VaultHttp } from '../../../../src/core/vault/hashicorp';
import { transportError } from '../../../../src/core/vault/hashicorp/errors';
import { VaultError } from '../../../../src/core/vault/types';
import { listenLoopbackHttps } from '../../../servers/common/loopback';
import { testCertificates } from '../../../servers/keyvault/certs';
import { useVaultServer } from './helpers';

const OP = { verb: 'read', path: 'secret/data/x', vault: 'HashiCorp Vault test' };

async function failure(promise: Promise<unknown>): Promise<VaultError> {
  try {
    await promise;
  } catch (error) {
    return transportError(error, OP);
  }
  assert.fail('expected a failure');
}

describe('HashiCorp Vault HTTP client', () => {
  const ctx = useVaultServer();

  it('trusts VAULT_CACERT or the PEM files of VAULT_CAPATH, and says to set VAULT_CACERT for an untrusted certificate', async () => {
    const request = { method: 'GET', path: 'sys/health' } as const;
    assert.equal((await new VaultHttp({ env: { VAULT_ADDR: ctx.server.address, VAULT_CACERT: testCertificates().caFile } }).send(request)).status, 200);
    const folder = mkdtempSync(path.join(os.tmpdir(), 'envguard-capath-'));
    copyFileSync(testCertificates().caFile, path.join(folder, 'test-ca.pem'));
    assert.equal((await new VaultHttp({ env: { VAULT_ADDR: ctx.server.address, VAULT_CAPATH: folder } }).send(request)).status, 200);
    const untrusted = await failure(new VaultHttp({ env: { VAULT_ADDR: ctx.server.address } }).send(request));
    assert.equal(untrusted.code, 'unreachable');
    assert.match(untrusted.message, /not trusted .*set VAULT_CACERT/);
    assert.throws(() => new VaultHttp({ env: { VAULT_ADDR: ctx.server.address, VAULT_CACERT: path.join(folder, 'none.pem') } }), /VAULT_CACERT or VAULT_CAPATH cannot be read \(ENOENT\)/);
  });

  it('lists with GET ?list=true, and tries a 503 that is not "sealed" again', async () => {
    ctx.server.fail({ status: 503, errors: ['Vault is in standby'] }, { count: 2 });
    const http = new VaultHttp({ env: { VAULT_ADDR: ctx.server.address, VAULT_CACERT: testCertificates().caFile }, retryDelayMs: 5 });
    const written = await http.send({ method: 'POST', path: 'secret/data/a/b', token: ctx.server.rootToken, body: { data: { k: 'v' } } });
    assert.equal(written.status, 200);
    const listed = await http.send({ method: 'GET', path: 'secret/metadata/a', token: ctx.server.rootToken, list: true });
    assert.deepEqual((listed.body as { data: { keys: string[] } }).data.keys, ['b']);
    assert.deepEqual(ctx.server.requests.map((r) => `${r.method} ${r.operation} ${r.status}`), ['POST write 503', 'POST write 503', 'POST write 200', 'GET list 200']);
  });

  it('bounds an answer\'s size and time, and says which', async function () {
    this.timeout(60_000);
    const huge = await listenLoopbackHttps((_req, res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(`"${'x'.repeat(200_000)}"`); });
    const silent = await listenLoopbackHttps(() => undefined);
    try {
      const env = (port: number): NodeJS.ProcessEnv => ({ VAULT_ADDR: `https://127.0.0.1:${port}`, VAULT_CACERT: testCertificates().caFile });
      const tooLarge = await failure(new VaultHttp({ env: env(huge.port), maxResponseBytes: 10_000 }).send({ method: 'GET', path: 'secret/data/x' }));
      assert.equal(tooLarge.code, 'too-large');
      const late = await failure(new VaultHttp({ env: env(silent.port), timeoutMs: 300, retries: 0 }).send({ method: 'GET', path: 'secret/data/x' }));
      assert.equal(late.code, 'timeout');
      assert.match(late.message, /did not answer in time/);
    } finally {
      await Promise.all([huge.close(), silent.close()]);
    }
  });
});
