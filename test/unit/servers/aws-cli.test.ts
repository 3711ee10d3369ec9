import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import { TEST_SESSION_CREDENTIALS } from '../../servers/aws-secrets-manager/server';
import { fake } from '../support/fakes';
import { aws, awsBatch, awsCli, sdkClient, useAwsServer, type AwsCommand, type AwsResult } from './support/aws';

// The `aws` CLI (Python awscli 1.4x with botocore, shipped with this machine kind) is a client the
// server's authors did not write. Most commands run through awsBatch (the installed entry script's
// main(), several per Python process); some run as `aws` processes of their own. A machine without
// the CLI skips these tests, saying why.
const title = `Secrets Manager test server: the aws CLI agrees (${awsCli.version ?? `SKIPPED: ${awsCli.missing ?? ''}`})`;

type Json = Record<string, unknown>;

describe(title, function () {
  this.timeout(180_000); // Python start-ups: seconds each on a loaded machine
  const ctx = useAwsServer();
  const one = fake.password('cli-one');
  const two = fake.password('cli-two');

  before(function () {
    if (awsCli.missing) {
      process.stdout.write(`      skipped: ${awsCli.missing}\n`);
      this.skip();
    }
  });

  async function batch(...commands: AwsCommand[]): Promise<AwsResult[]> {
    return awsBatch(ctx.server, commands);
  }
  function json(result: AwsResult | undefined): Json {
    assert.ok(result, 'no result');
    assert.equal(result.code, 0, `the command failed: ${result.stderr}`);
    return (result.json ?? {}) as Json;
  }

  it('writes, versions and reads secrets; the SDK reads what the CLI wrote and the other way round', async () => {
    const [created, put] = (await batch(
      { args: ['create-secret', '--name', 'cli/DB', '--secret-string', one, '--tags', 'Key=team,Value=shop'] },
      { args: ['put-secret-value', '--secret-id', 'cli/DB', '--secret-string', two] },
    )).map(json) as [Json, Json];
    assert.match(String(created.ARN), /^arn:aws:secretsmanager:us-east-1:123456789012:secret:cli\/DB-[A-Za-z0-9]{6}$/);
    assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
    const sdkRead = await sdkClient(ctx.server).send(new GetSecretValueCommand({ SecretId: String(created.ARN) }));
    assert.deepEqual([sdkRead.SecretString, sdkRead.VersionId], [two, put.VersionId]);
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'sdk/KEY', SecretString: one }));
    const [previous, sdkWritten, described] = (await batch(
      { args: ['get-secret-value', '--secret-id', 'cli/DB', '--version-stage', 'AWSPREVIOUS'] },
      { args: ['get-secret-value', '--secret-id', 'sdk/KEY'] },
      { args: ['describe-secret', '--secret-id', 'cli/DB'] },
    )).map(json) as [Json, Json, Json];
    assert.deepEqual([previous.SecretString, previous.VersionId], [one, created.VersionId]);
    assert.equal(sdkWritten.SecretString, one);
    assert.deepEqual(described.VersionIdsToStages, { [String(created.VersionId)]: ['AWSPREVIOUS'], [String(put.VersionId)]: ['AWSCURRENT'] });
    assert.deepEqual(described.Tags, [{ Key: 'team', Value: 'shop' }]);
  });

  it('batch-get-secret-value returns SecretValues and per-secret Errors; list-secrets filters; stages move', async () => {
    const [, pending, batchGet, listed, current] = (await batch(
      { args: ['create-secret', '--name', 'a/ONE', '--secret-string', one] },
      { args: ['put-secret-value', '--secret-id', 'a/ONE', '--secret-string', two, '--version-stages', 'AWSPENDING'] },
      { args: ['batch-get-secret-value', '--secret-id-list', 'a/ONE', 'a/MISSING'] },
      { args: ['list-secrets', '--filters', 'Key=name,Values=a/'] },
      { args: ['get-secret-value', '--secret-id', 'a/ONE'] },
    )).map(json) as [Json, Json, Json, Json, Json];
    assert.deepEqual((batchGet.SecretValues as Json[]).map((v) => [v.Name, v.SecretString]), [['a/ONE', one]]);
    assert.deepEqual((batchGet.Errors as Json[]).map((e) => [e.SecretId, e.ErrorCode]), [['a/MISSING', 'ResourceNotFoundException']]);
    assert.deepEqual((listed.SecretList as Json[]).map((s) => s.Name), ['a/ONE']);
    const [, versions] = (await batch(
      { args: ['update-secret-version-stage', '--secret-id', 'a/ONE', '--version-stage', 'AWSCURRENT', '--move-to-version-id', String(pending.VersionId), '--remove-from-version-id', String(current.VersionId)] },
      { args: ['list-secret-version-ids', '--secret-id', 'a/ONE'] },
    )).map(json) as [Json, Json];
    assert.equal(ctx.server.peek('a/ONE'), two);
    assert.deepEqual(Object.fromEntries((versions.Versions as Json[]).map((v) => [v.VersionId, v.VersionStages])), { [String(current.VersionId)]: ['AWSPREVIOUS'], [String(pending.VersionId)]: ['AWSPENDING', 'AWSCURRENT'] });
  });

  it('delete-secret with a recovery window, restore-secret, tag-resource, and a forced delete', async () => {
    const [created, deleted, refused, restored, tagged, described, forced] = await batch(
      { args: ['create-secret', '--name', 'D', '--secret-string', one] },
      { args: ['delete-secret', '--secret-id', 'D', '--recovery-window-in-days', '7'] },
      { args: ['get-secret-value', '--secret-id', 'D'] },
      { args: ['restore-secret', '--secret-id', 'D'] },
      { args: ['tag-resource', '--secret-id', 'D', '--tags', 'Key=k,Value=v'] },
      { args: ['describe-secret', '--secret-id', 'D'] },
      { args: ['delete-secret', '--secret-id', 'D', '--force-delete-without-recovery'] },
    );
    for (const result of [created, restored, tagged, forced]) json(result);
    assert.ok(Math.abs(Number(json(deleted).DeletionDate) * 1000 - (Date.now() + 7 * 86_400_000)) < 86_400_000);
    assert.notEqual(refused!.code, 0);
    assert.match(refused!.stderr, /An error occurred \(InvalidRequestException\) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion\./);
    assert.deepEqual(json(described).Tags, [{ Key: 'k', Value: 'v' }]);
    assert.equal(ctx.server.peek('D'), undefined);
  });

  it('errors read as the CLI prints AWS\'s: not found, exists, a wrong key, a wrong region; throttling is retried', async () => {
    const [missing, created, exists, wrongKey, wrongRegion] = await batch(
      { args: ['get-secret-value', '--secret-id', 'NOPE'] },
      { args: ['create-secret', '--name', 'X', '--secret-string', one] },
      { args: ['create-secret', '--name', 'X', '--secret-string', two] },
      { args: ['get-secret-value', '--secret-id', 'X'], env: { AWS_SECRET_ACCESS_KEY: 'not-the-key' } },
      { args: ['get-secret-value', '--secret-id', 'X'], env: { AWS_DEFAULT_REGION: 'eu-west-1' } },
    );
    json(created);
    assert.match(missing!.stderr, /An error occurred \(ResourceNotFoundException\) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret\./);
    assert.match(exists!.stderr, /\(ResourceExistsException\) when calling the CreateSecret operation: The operation failed because the secret X already exists\./);
    assert.match(wrongKey!.stderr, /\(InvalidSignatureException\) when calling the GetSecretValue operation: The request signature we calculated does not match/);
    assert.match(wrongRegion!.stderr, /\(InvalidSignatureException\).*Credential should be scoped to a valid region, not 'eu-west-1'/);
    ctx.server.requests.length = 0;
    ctx.server.fail({ error: 'ThrottlingException' }, { only: 'GetSecretValue' });
    const [throttled] = await batch({ args: ['get-secret-value', '--secret-id', 'X'] });
    assert.equal(json(throttled).SecretString, one);
    assert.deepEqual(ctx.server.requests.map((r) => r.error ?? r.status), ['ThrottlingException', 200]);
  });

  it('as a process of its own: finds the server by AWS_ENDPOINT_URL(_SECRETS_MANAGER), signs with a session token, exits non-zero on an error', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'E', SecretString: one }));
    const byEnv = await aws(ctx.server, { args: ['get-secret-value', '--secret-id', 'E'], endpointFlag: false, env: { AWS_ENDPOINT_URL: ctx.server.endpoint } });
    assert.equal(json(byEnv).SecretString, one);
    const session = { AWS_ACCESS_KEY_ID: TEST_SESSION_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_SESSION_CREDENTIALS.secretAccessKey, AWS_SESSION_TOKEN: TEST_SESSION_CREDENTIALS.sessionToken };
    const bySessionAndServiceEnv = await aws(ctx.server, { args: ['get-secret-value', '--secret-id', 'E'], endpointFlag: false, env: { ...session, AWS_ENDPOINT_URL_SECRETS_MANAGER: ctx.server.endpoint } });
    assert.equal(json(bySessionAndServiceEnv).SecretString, one);
    assert.equal(ctx.server.requests.at(-1)?.accessKeyId, TEST_SESSION_CREDENTIALS.accessKeyId);
    const missing = await aws(ctx.server, { args: ['get-secret-value', '--secret-id', 'NOPE'] });
    assert.ok(missing.code === 254 || missing.code === 255, `the CLI exits 255 (v1) or 254 (v2) on an error from the service, not ${missing.code}`);
    assert.match(missing.stderr, /\(ResourceNotFoundException\)/);
  });
});
