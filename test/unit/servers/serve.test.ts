import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:https';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { testCertificates } from '../../servers/keyvault/certs';
import { TEST_CREDENTIALS } from '../../servers/aws-secrets-manager/server';
import { fake } from '../support/fakes';
// AWS_EC2_METADATA_DISABLED and the SDK's Node-version warning, set as every AWS test sets them.
import './support/aws';

/** Starts a serve.ts as the integration host does; resolves with the JSON line it prints. */
async function serve(script: string): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/servers', script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ENVGUARD_TEST_CERTS: testCertificates().dir },
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as Record<string, string> };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function call(url: string, method: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: testCertificates().ca, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('the test servers as processes of their own (serve.ts, for the integration host and the bench)', function () {
  this.timeout(60_000);
  const value = fake.password('serve');

  it('Secrets Manager: prints where it listens, serves the SDK, takes faults through /_control/, stops on SIGTERM', async () => {
    const { child, info } = await serve('aws-secrets-manager/serve.ts');
    try {
      assert.equal(info.caFile, testCertificates().caFile);
      assert.equal(info.endpoint, `https://127.0.0.1:${info.port}`);
      const client = new SecretsManagerClient({ region: info.region!, endpoint: info.endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1, requestHandler: { httpsAgent: new Agent({ ca: testCertificates().ca }) } });
      await client.send(new CreateSecretCommand({ Name: 'P', SecretString: value }));
      assert.deepEqual((await call(`${info.endpoint}/_control/values`, 'GET')).json, { P: value });
      await call(`${info.endpoint}/_control/fail`, 'POST', {}, { fault: { error: 'ThrottlingException' }, only: 'GetSecretValue' });
      await assert.rejects(client.send(new GetSecretValueCommand({ SecretId: 'P' })), { name: 'ThrottlingException' });
      assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'P' }))).SecretString, value);
    } finally {
      assert.equal(await stop(child), 0);
    }
  });

  it('Vault: prints its address, root token and unseal key; serves KV v2; seals through /_control/; stops on SIGTERM', async () => {
    const { child, info } = await serve('vault/serve.ts');
    try {
      const token = { 'X-Vault-Token': info.rootToken! };
      assert.equal((await call(`${info.address!}/v1/secret/data/p`, 'POST', token, { data: { v: value } })).status, 200);
      assert.deepEqual((await call(`${info.address!}/_control/values?mount=secret`, 'GET')).json, { p: { v: value } });
      await call(`${info.address!}/_control/seal`, 'POST');
      assert.deepEqual(await call(`${info.address!}/v1/secret/data/p`, 'GET', token), { status: 503, json: { errors: ['Vault is sealed'] } });
      assert.equal((await call(`${info.address!}/v1/sys/unseal`, 'PUT', {}, { key: info.unsealKey })).status, 200);
      assert.equal((await call(`${info.address!}/v1/secret/data/p`, 'GET', token)).status, 200);
    } finally {
      assert.equal(await stop(child), 0);
    }
  });
});
