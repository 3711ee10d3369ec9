import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { VaultError } from '../../../../src/core/vault/types';
import { AwsSecretSource } from '../../../../src/core/vault/aws';
import { TEST_CREDENTIALS, TEST_SESSION_CREDENTIALS } from '../../../servers/aws-secrets-manager/server';
import { sdkClient } from '../../servers/support/aws';
import { fake } from '../../support/fakes';
import { openTestProvider, openTestSource, ref, serverAccess, useAwsServer } from './helpers';

/** The message of the failure, asserting it carries none of the fake values. */
async function failure(attempt: Promise<unknown>, secrets: readonly string[]): Promise<VaultError> {
  const error = await attempt.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof VaultError, `a VaultError, got ${String(error)}`);
  for (const s of secrets) assert.ok(!error.message.includes(s), `no value in: ${error.message}`);
  return error;
}

/** The AWS variables of this process replaced for one test: a machine with no AWS configuration at all, plus `env`. */
async function withAwsEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('AWS_')).map((k) => [k, process.env[k]]));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-aws-err-'));
  for (const k of Object.keys(saved)) if (k !== 'AWS_EC2_METADATA_DISABLED' && k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') delete process.env[k];
  Object.assign(process.env, { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true', ...env });
  const savedHome = process.env.HOME;
  process.env.HOME = home;
  try {
    return await run();
  } finally {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    Object.assign(process.env, saved);
    process.env.HOME = savedHome;
    fs.rmSync(home, { recursive: true, force: true });
  }
}

describe('AWS Secrets Manager errors: each mapped to what a user can do, never carrying a value', () => {
  const ctx = useAwsServer();
  const secret = fake.password('aws-err');
  const values = [secret, TEST_CREDENTIALS.secretAccessKey, TEST_SESSION_CREDENTIALS.secretAccessKey, TEST_SESSION_CREDENTIALS.sessionToken];

  beforeEach(async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'app/prod', SecretString: JSON.stringify({ A: secret }) }));
  });

  it('no credentials anywhere: says how to configure them (aws configure, aws sso login)', async () => {
    await withAwsEnv({}, async () => {
      const vault = openTestProvider(ctx.server, { credentials: undefined });
      const error = await failure(vault.get('app/prod#A'), values);
      assert.equal(error.code, 'unauthenticated');
      assert.match(error.message, /no AWS credentials were found.*aws configure.*aws sso login/);
    });
  });

  it('an SSO profile without a valid session: says aws sso login', async () => {
    const config = ['[profile dev]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Developer', 'region = us-east-1', '', '[sso-session corp]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = us-east-1', ''].join('\n');
    await withAwsEnv({ AWS_PROFILE: 'dev' }, async () => {
      fs.writeFileSync(process.env.AWS_CONFIG_FILE!, config);
      const vault = openTestProvider(ctx.server, { credentials: undefined, profile: 'dev' });
      const error = await failure(vault.get('app/prod#A'), values);
      assert.equal(error.code, 'unauthenticated');
      assert.match(error.message, /SSO session has expired or is missing.*aws sso login/);
    });
  });

  it('an expired session token (ExpiredTokenException): sign in again', async () => {
    ctx.server.expireSession(TEST_SESSION_CREDENTIALS.accessKeyId);
    const error = await failure(openTestProvider(ctx.server, { credentials: TEST_SESSION_CREDENTIALS }).get('app/prod#A'), values);
    assert.deepEqual([error.code, /expired.*aws sso login/.test(error.message)], ['unauthenticated', true]);
  });

  it('an unknown access key, or a wrong secret key: says which', async () => {
    const unknown = await failure(openTestProvider(ctx.server, { credentials: { accessKeyId: fake.awsAccessKeyId('x'), secretAccessKey: fake.awsSecretAccessKey('x') } }).get('app/prod#A'), [...values, fake.awsSecretAccessKey('x')]);
    assert.match(unknown.message, /does not recognise the access key/);
    const wrong = await failure(openTestProvider(ctx.server, { credentials: { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: fake.awsSecretAccessKey('y') } }).get('app/prod#A'), [...values, fake.awsSecretAccessKey('y')]);
    assert.match(wrong.message, /signature .*secret access key does not match/);
  });

  it('AccessDeniedException names the IAM action of the operation', async () => {
    ctx.server.deny({ action: 'PutSecretValue' });
    const write = await failure(openTestProvider(ctx.server).set('app/prod#A', fake.password('aws-new')), [...values, fake.password('aws-new')]);
    assert.equal(write.code, 'forbidden');
    assert.match(write.message, /no permission to write app\/prod .*secretsmanager:PutSecretValue/);
    ctx.server.deny({ action: 'ListSecrets' });
    assert.match((await failure(openTestProvider(ctx.server).list(), values)).message, /secretsmanager:ListSecrets/);
  });

  it('throttling that outlasts the SDK\'s retries is "throttled"; a server that keeps failing is "unreachable"', async () => {
    ctx.server.fail({ error: 'ThrottlingException' }, { count: 10 });
    const throttled = await failure(openTestProvider(ctx.server).get('app/prod#A'), values);
    assert.deepEqual([throttled.code, /throttling/.test(throttled.message)], ['throttled', true]);
    ctx.server.clearFaults();
    ctx.server.fail({ error: 'InternalServiceError' }, { count: 10 });
    assert.equal((await failure(openTestProvider(ctx.server).get('app/prod#A'), values)).code, 'unreachable');
  });

  it('KMS cannot decrypt (DecryptionFailure): names kms:Decrypt', async () => {
    ctx.server.breakDecryption('app/prod');
    const error = await failure(openTestProvider(ctx.server).get('app/prod#A'), values);
    assert.deepEqual([error.code, /kms:Decrypt/.test(error.message)], ['forbidden', true]);
  });

  it('a closed port is "unreachable", a server that does not answer in time is "timeout"', async function () {
    this.timeout(30_000);
    const port = await new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
    const { requestHandler } = serverAccess(ctx.server);
    const closed = openTestProvider(ctx.server, { endpoint: `https://127.0.0.1:${port}`, allowedHosts: [`127.0.0.1:${port}`], requestHandler, maxAttempts: 1 });
    const unreachable = await failure(closed.get('app/prod#A'), values);
    assert.deepEqual([unreachable.code, /cannot be reached \(ECONNREFUSED\)/.test(unreachable.message)], ['unreachable', true], unreachable.message);
    ctx.server.traffic.latencyMs = 3_000;
    const slow = await failure(openTestProvider(ctx.server, { timeoutMs: 300, maxAttempts: 1 }).get('app/prod#A'), values);
    assert.equal(slow.code, 'timeout', slow.message);
  });

  it('the source reports the same causes per reference (no region configured, denied, missing)', async () => {
    await withAwsEnv({}, async () => {
      const source = new AwsSecretSource({ credentials: () => TEST_CREDENTIALS, ...serverAccess(ctx.server) });
      const [result] = await source.resolve([ref('ref+awssecrets://app/prod#/A')]);
      assert.ok(result && !result.ok && /no AWS region is configured/.test(result.reason), JSON.stringify(result));
    });
    ctx.server.deny({ action: '*' });
    const [denied] = await openTestSource(ctx.server).resolve([ref('ref+awssecrets://app/prod#/A')]);
    assert.ok(denied && !denied.ok && /secretsmanager:BatchGetSecretValue|secretsmanager:GetSecretValue/.test(denied.reason) && !denied.reason.includes(secret), JSON.stringify(denied));
  });
});
