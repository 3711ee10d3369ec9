import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import type { ResolvedValue } from '../../../../src/core/resolve';
import { AwsSecretSource } from '../../../../src/core/vault/aws';
import { TEST_CREDENTIALS } from '../../../servers/aws-secrets-manager/server';
import { sdkClient } from '../../servers/support/aws';
import { fake } from '../../support/fakes';
import { openTestSource, operations, ref, serverAccess, useAwsServer } from './helpers';

function shown(results: readonly ResolvedValue[]): string[] {
  return results.map((r) => (r.ok ? r.value : `! ${r.reason}`));
}

describe('AWS Secrets Manager resolution (AwsSecretSource, real SDK, faithful server)', () => {
  const ctx = useAwsServer();
  const one = fake.password('aws-one');
  const two = fake.password('aws-two');

  it('resolves every reference form: name, name with region, ARN, JSON key, version stage, version id', async () => {
    const client = sdkClient(ctx.server);
    const created = await client.send(new CreateSecretCommand({ Name: 'shop/production', SecretString: JSON.stringify({ DB_PASSWORD: one, nested: { token: two }, PORT: 5432 }) }));
    const v1 = (await client.send(new CreateSecretCommand({ Name: 'API_KEY', SecretString: one }))).VersionId!;
    await client.send(new PutSecretValueCommand({ SecretId: 'API_KEY', SecretString: two }));
    ctx.server.requests.length = 0;
    const results = await openTestSource(ctx.server).resolve([
      ref('ref+awssecrets://API_KEY'),
      ref('ref+awssecrets://API_KEY?region=us-east-1'),
      ref(`ref+awssecrets://${created.ARN!}#/DB_PASSWORD`),
      ref('ref+awssecrets://shop/production#/nested/token'),
      ref('ref+awssecrets://shop/production#PORT'),
      ref('ref+awssecrets://API_KEY?version_stage=AWSPREVIOUS'),
      ref(`ref+awssecrets://API_KEY?version_id=${v1}`),
    ]);
    assert.deepEqual(shown(results), [two, two, one, two, '5432', one, one]);
    const ops = operations(ctx.server);
    assert.equal(ops.filter((o) => o === 'BatchGetSecretValue').length, 1, 'the current versions in one batch');
    assert.equal(ops.filter((o) => o === 'GetSecretValue').length, 2, 'a stage and a version id are read singly');
  });

  it('45 references are three BatchGetSecretValue calls (20 + 20 + 5); identical secrets are read once whatever their keys', async () => {
    const client = sdkClient(ctx.server);
    for (let i = 0; i < 45; i++) await client.send(new CreateSecretCommand({ Name: `app/S${i}`, SecretString: JSON.stringify({ A: `${one}-${i}`, B: `${two}-${i}` }) }));
    ctx.server.requests.length = 0;
    ctx.server.traffic.latencyMs = 50;
    const refs = [
      ...Array.from({ length: 45 }, (_, i) => ref(`ref+awssecrets://app/S${i}#/A`)),
      ...Array.from({ length: 45 }, (_, i) => ref(`ref+awssecrets://app/S${i}#/B`)),
      ref('ref+awssecrets://app/S0#/A'),
    ];
    const results = await openTestSource(ctx.server).resolve(refs);
    assert.deepEqual(shown(results), [...Array.from({ length: 45 }, (_, i) => `${one}-${i}`), ...Array.from({ length: 45 }, (_, i) => `${two}-${i}`), `${one}-0`]);
    assert.deepEqual(operations(ctx.server), ['BatchGetSecretValue', 'BatchGetSecretValue', 'BatchGetSecretValue']);
    assert.ok(ctx.server.traffic.maxInFlight >= 2, `the batches went out together (max in flight ${ctx.server.traffic.maxInFlight})`);
  });

  it('reports each secret\'s own error from a batch reply: missing, scheduled for deletion, denied, undecryptable; the rest resolve', async () => {
    const client = sdkClient(ctx.server);
    for (const name of ['OK', 'GONE', 'DENIED', 'KMS']) await client.send(new CreateSecretCommand({ Name: name, SecretString: `${one}-${name}` }));
    await client.send(new DeleteSecretCommand({ SecretId: 'GONE' }));
    ctx.server.deny({ action: 'GetSecretValue', secret: 'DENIED' });
    ctx.server.breakDecryption('KMS');
    const results = await openTestSource(ctx.server).resolve(['OK', 'MISSING', 'GONE', 'DENIED', 'KMS'].map((n) => ref(`ref+awssecrets://${n}`)));
    const [ok, missing, gone, denied, kms] = shown(results);
    assert.equal(ok, `${one}-OK`);
    assert.match(missing!, /has no secret named MISSING/);
    assert.match(gone!, /GONE is scheduled for deletion .*restore/);
    assert.match(denied!, /no permission to read DENIED .*secretsmanager:GetSecretValue/);
    assert.match(kms!, /cannot decrypt KMS with its KMS key: .*kms:Decrypt/);
    for (const message of [missing, gone, denied, kms]) assert.ok(!message!.includes(one), 'no value in a message');
    assert.deepEqual(operations(ctx.server).slice(-1), ['BatchGetSecretValue']);
  });

  it('falls back to single reads where IAM denies BatchGetSecretValue, and keeps doing so', async () => {
    const client = sdkClient(ctx.server);
    for (let i = 0; i < 3; i++) await client.send(new CreateSecretCommand({ Name: `D${i}`, SecretString: `${one}-${i}` }));
    ctx.server.deny({ action: 'BatchGetSecretValue' });
    ctx.server.requests.length = 0;
    const source = openTestSource(ctx.server, { cacheTtlMs: 0 });
    const refs = [0, 1, 2].map((i) => ref(`ref+awssecrets://D${i}`));
    assert.deepEqual(shown(await source.resolve(refs)), [0, 1, 2].map((i) => `${one}-${i}`));
    assert.deepEqual(operations(ctx.server).sort(), ['BatchGetSecretValue', 'GetSecretValue', 'GetSecretValue', 'GetSecretValue']);
    ctx.server.requests.length = 0;
    assert.deepEqual(shown(await source.resolve(refs)), [0, 1, 2].map((i) => `${one}-${i}`));
    assert.deepEqual(operations(ctx.server), ['GetSecretValue', 'GetSecretValue', 'GetSecretValue'], 'the denied batch is not tried again');
  });

  it('says clearly when a JSON key is missing, the secret is not JSON, or it is binary, naming secret and key and never the value', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'doc', SecretString: JSON.stringify({ A: one, OBJ: { x: 1 } }) }));
    await client.send(new CreateSecretCommand({ Name: 'plain', SecretString: two }));
    await client.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: Buffer.from(one) }));
    const results = shown(await openTestSource(ctx.server).resolve([
      ref('ref+awssecrets://doc#/NOPE'), ref('ref+awssecrets://plain#/A'), ref('ref+awssecrets://bin'), ref('ref+awssecrets://bin#/A'), ref('ref+awssecrets://doc#/OBJ'), ref('ref+awssecrets://doc#/A/deeper'),
    ]));
    assert.match(results[0]!, /secret doc \(us-east-1\) has no key NOPE/);
    assert.match(results[1]!, /secret plain \(us-east-1\) is not a JSON object, so it has no key A/);
    assert.match(results[2]!, /secret bin \(us-east-1\) holds a binary value/);
    assert.match(results[3]!, /holds a binary value .*key A/);
    assert.match(results[4]!, /key OBJ of .* holds an object or a list/);
    assert.match(results[5]!, /has no key A\/deeper/);
    for (const r of results) assert.ok(!r.includes(one) && !r.includes(two), r);
  });

  it('serves a second resolution from memory until the cache expires, then follows the rotation', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'C', SecretString: one }));
    let clock = 1_000;
    const source = openTestSource(ctx.server, { cacheTtlMs: 5_000, now: () => clock });
    assert.deepEqual(shown(await source.resolve([ref('ref+awssecrets://C')])), [one]);
    const count = ctx.server.requests.length;
    assert.deepEqual(shown(await source.resolve([ref('ref+awssecrets://C')])), [one]);
    assert.equal(ctx.server.requests.length, count, 'no request while cached');
    await client.send(new PutSecretValueCommand({ SecretId: 'C', SecretString: two }));
    clock += 5_001;
    assert.deepEqual(shown(await source.resolve([ref('ref+awssecrets://C')])), [two]);
  });

  it('refuses an endpoint outside the allow-list before any request and without asking for credentials', async () => {
    let asked = 0;
    const { endpoint, requestHandler } = serverAccess(ctx.server);
    const source = openTestSource(ctx.server, { endpoint, requestHandler, allowedHosts: [], credentials: () => { asked++; return TEST_CREDENTIALS; } });
    const [result] = shown(await source.resolve([ref('ref+awssecrets://X')]));
    assert.match(result!, new RegExp(`127\\.0\\.0\\.1:${ctx.server.port} is not a Secrets Manager endpoint EnvGuard sends AWS credentials to .*allowed hosts setting`));
    assert.equal(asked, 0);
    assert.equal(ctx.server.requests.length, 0, 'the server saw nothing');
  });

  it('refuses an endpoint set through AWS_ENDPOINT_URL_SECRETS_MANAGER that is not allowed (a launch configuration can set it)', async () => {
    const saved = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = ctx.server.endpoint;
    try {
      const { requestHandler } = serverAccess(ctx.server);
      const refused = new AwsSecretSource({ region: ctx.server.region, credentials: () => TEST_CREDENTIALS, requestHandler });
      assert.match(shown(await refused.resolve([ref('ref+awssecrets://X')]))[0]!, /is not a Secrets Manager endpoint/);
      assert.equal(ctx.server.requests.length, 0);
      await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'X', SecretString: one }));
      const allowed = new AwsSecretSource({ region: ctx.server.region, credentials: () => TEST_CREDENTIALS, requestHandler, allowedHosts: [`127.0.0.1:${ctx.server.port}`] });
      assert.deepEqual(shown(await allowed.resolve([ref('ref+awssecrets://X')])), [one], 'the SDK reads the variable, and the allowed host receives the request');
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
      else process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = saved;
    }
  });

  it('asks the user to confirm each region (and account, for an ARN) once, before any request', async () => {
    const client = sdkClient(ctx.server);
    const created = await client.send(new CreateSecretCommand({ Name: 'Q', SecretString: one }));
    ctx.server.requests.length = 0;
    const asked: string[] = [];
    let answer = false;
    const source = openTestSource(ctx.server, { confirmVault: (vault) => { asked.push(vault); return Promise.resolve(answer); } });
    const refs = [ref('ref+awssecrets://Q'), ref('ref+awssecrets://Q?region=us-east-1'), ref(`ref+awssecrets://${created.ARN!}`)];
    const refused = await source.resolve(refs);
    assert.deepEqual(asked, ['aws-secrets-manager:us-east-1', 'aws-secrets-manager:us-east-1:123456789012']);
    assert.ok(refused.every((r) => !r.ok && r.remedy?.kind === 'confirm-vault'));
    assert.match(shown(refused)[0]!, /us-east-1 is not one you confirmed/);
    assert.equal(ctx.server.requests.length, 0);
    answer = true;
    assert.deepEqual(shown(await source.resolve(refs)), [one, one, one]);
    assert.equal(asked.length, 4);
    await source.resolve(refs);
    assert.equal(asked.length, 4, 'asked once per region and account');
  });
});
