import {
  BatchGetSecretValueCommand, CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand,
  ListSecretVersionIdsCommand, ListSecretsCommand, PutSecretValueCommand, RestoreSecretCommand, TagResourceCommand,
  UpdateSecretVersionStageCommand, paginateBatchGetSecretValue, paginateListSecrets, type ListSecretsCommandInput,
} from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { testCertificates } from '../../servers/keyvault/certs';
import { TEST_CREDENTIALS } from '../../servers/aws-secrets-manager/server';
import { fake } from '../support/fakes';
import { cleanAwsEnv, rejection, run, sdkClient, useAwsServer } from './support/aws';

const DAY = 86_400_000;

describe('Secrets Manager test server: every operation the product makes, with the real SDK', () => {
  const ctx = useAwsServer();
  const one = fake.password('sm-one');
  const two = fake.password('sm-two');
  const three = fake.password('sm-three');

  it('creates secrets with ARNs of the service\'s shape; the ClientRequestToken becomes the VersionId; KMS key ids are opaque', async () => {
    const client = sdkClient(ctx.server);
    const token = randomUUID();
    const created = await client.send(new CreateSecretCommand({
      Name: 'shop/production/DB_PASSWORD', SecretString: one, ClientRequestToken: token, Description: 'the database',
      KmsKeyId: 'alias/any-key-at-all', Tags: [{ Key: 'envguard-source-key', Value: 'DB_PASSWORD' }],
    }));
    assert.match(created.ARN!, /^arn:aws:secretsmanager:us-east-1:123456789012:secret:shop\/production\/DB_PASSWORD-[A-Za-z0-9]{6}$/);
    assert.equal(created.Name, 'shop/production/DB_PASSWORD');
    assert.equal(created.VersionId, token);
    const described = await client.send(new DescribeSecretCommand({ SecretId: created.ARN }));
    assert.equal(described.KmsKeyId, 'alias/any-key-at-all');
    assert.equal(described.Description, 'the database');
    assert.deepEqual(described.Tags, [{ Key: 'envguard-source-key', Value: 'DB_PASSWORD' }]);
    assert.deepEqual(described.VersionIdsToStages, { [token]: ['AWSCURRENT'] });
    assert.ok(described.CreatedDate instanceof Date && Math.abs(described.CreatedDate.getTime() - Date.now()) < DAY);
    const binary = await client.send(new CreateSecretCommand({ Name: 'shop/production/CERT', SecretBinary: Buffer.from([0, 1, 2, 255]) }));
    assert.deepEqual([...(await client.send(new GetSecretValueCommand({ SecretId: binary.ARN }))).SecretBinary!], [0, 1, 2, 255]);
  });

  it('refuses a name in use (ResourceExistsException) unless the same token and value repeat the call; refuses a bad name', async () => {
    const client = sdkClient(ctx.server);
    const token = randomUUID();
    const first = await client.send(new CreateSecretCommand({ Name: 'API_KEY', SecretString: one, ClientRequestToken: token }));
    const again = await client.send(new CreateSecretCommand({ Name: 'API_KEY', SecretString: one, ClientRequestToken: token }));
    assert.deepEqual([again.ARN, again.VersionId], [first.ARN, token]);
    const exists = await rejection(client.send(new CreateSecretCommand({ Name: 'API_KEY', SecretString: two })));
    assert.deepEqual([exists.name, exists.status, exists.message], ['ResourceExistsException', 400, 'The operation failed because the secret API_KEY already exists.']);
    assert.equal((await rejection(client.send(new CreateSecretCommand({ Name: 'no spaces', SecretString: one })))).name, 'ValidationException');
  });

  it('reads by name, full ARN and partial ARN, by VersionId and by VersionStage; a missing secret or version is ResourceNotFoundException', async () => {
    const client = sdkClient(ctx.server);
    const created = await client.send(new CreateSecretCommand({ Name: 'svc/TOKEN', SecretString: one }));
    const second = await client.send(new PutSecretValueCommand({ SecretId: 'svc/TOKEN', SecretString: two }));
    for (const id of ['svc/TOKEN', created.ARN!, created.ARN!.slice(0, -7)]) assert.equal((await client.send(new GetSecretValueCommand({ SecretId: id }))).SecretString, two);
    const byVersion = await client.send(new GetSecretValueCommand({ SecretId: 'svc/TOKEN', VersionId: created.VersionId }));
    assert.deepEqual([byVersion.SecretString, byVersion.VersionStages], [one, ['AWSPREVIOUS']]);
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'svc/TOKEN', VersionStage: 'AWSPREVIOUS' }))).SecretString, one);
    const current = await client.send(new GetSecretValueCommand({ SecretId: 'svc/TOKEN' }));
    assert.deepEqual([current.VersionId, current.VersionStages, current.ARN, current.Name], [second.VersionId, ['AWSCURRENT'], created.ARN, 'svc/TOKEN']);
    const missing = await rejection(client.send(new GetSecretValueCommand({ SecretId: 'svc/NOPE' })));
    assert.deepEqual([missing.name, missing.status, missing.message], ['ResourceNotFoundException', 400, "Secrets Manager can't find the specified secret."]);
    assert.equal((await rejection(client.send(new GetSecretValueCommand({ SecretId: `${created.ARN!.slice(0, -6)}zzzzzz` })))).name, 'ResourceNotFoundException');
    const noVersion = await rejection(client.send(new GetSecretValueCommand({ SecretId: 'svc/TOKEN', VersionId: randomUUID() })));
    assert.match(noVersion.message, /can't find the specified secret value for VersionId: /);
    await client.send(new CreateSecretCommand({ Name: 'svc/EMPTY' }));
    const empty = await rejection(client.send(new GetSecretValueCommand({ SecretId: 'svc/EMPTY' })));
    assert.deepEqual([empty.name, empty.message], ['ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT."]);
  });

  it('moves staging labels as PutSecretValue, UpdateSecretVersionStage and ListSecretVersionIds document', async () => {
    const client = sdkClient(ctx.server);
    const v1 = (await client.send(new CreateSecretCommand({ Name: 'rot', SecretString: one }))).VersionId!;
    const v2 = (await client.send(new PutSecretValueCommand({ SecretId: 'rot', SecretString: two }))).VersionId!;
    const pending = await client.send(new PutSecretValueCommand({ SecretId: 'rot', SecretString: three, VersionStages: ['AWSPENDING'] }));
    const v3 = pending.VersionId!;
    assert.deepEqual(pending.VersionStages, ['AWSPENDING']);
    assert.deepEqual((await client.send(new DescribeSecretCommand({ SecretId: 'rot' }))).VersionIdsToStages, { [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'], [v3]: ['AWSPENDING'] });
    // Repeating a call with the same token and value changes nothing; with another value it is refused.
    const repeat = await client.send(new PutSecretValueCommand({ SecretId: 'rot', SecretString: three, ClientRequestToken: v3, VersionStages: ['AWSPENDING'] }));
    assert.equal(repeat.VersionId, v3);
    const changed = await rejection(client.send(new PutSecretValueCommand({ SecretId: 'rot', SecretString: one, ClientRequestToken: v3 })));
    assert.deepEqual([changed.name, changed.message], ['ResourceExistsException', "You can't modify an existing version, you can only create a new version."]);
    // AWSCURRENT moves only with RemoveFromVersionId naming its holder; its old holder gets AWSPREVIOUS.
    const unnamed = await rejection(client.send(new UpdateSecretVersionStageCommand({ SecretId: 'rot', VersionStage: 'AWSCURRENT', MoveToVersionId: v3 })));
    assert.equal(unnamed.name, 'InvalidParameterException');
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: 'rot', VersionStage: 'AWSCURRENT', MoveToVersionId: v3, RemoveFromVersionId: v2 }));
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'rot' }))).SecretString, three);
    const versions = await client.send(new ListSecretVersionIdsCommand({ SecretId: 'rot' }));
    assert.deepEqual(Object.fromEntries(versions.Versions!.map((v) => [v.VersionId, v.VersionStages])), { [v2]: ['AWSPREVIOUS'], [v3]: ['AWSPENDING', 'AWSCURRENT'] });
    const all = await client.send(new ListSecretVersionIdsCommand({ SecretId: 'rot', IncludeDeprecated: true }));
    assert.deepEqual(all.Versions!.find((v) => v.VersionId === v1)?.VersionStages, [], 'v1 lost its label: deprecated, listed only on request');
  });

  it('BatchGetSecretValue by SecretIdList: values and per-secret Errors (missing, scheduled for deletion, denied, undecryptable)', async () => {
    const client = sdkClient(ctx.server);
    for (const name of ['A', 'B', 'C', 'D']) await client.send(new CreateSecretCommand({ Name: name, SecretString: `${one}-${name}` }));
    await client.send(new DeleteSecretCommand({ SecretId: 'B' }));
    ctx.server.deny({ action: 'GetSecretValue', secret: 'C' });
    ctx.server.breakDecryption('D');
    const batch = await client.send(new BatchGetSecretValueCommand({ SecretIdList: ['A', 'MISSING', 'B', 'C', 'D'] }));
    assert.deepEqual(batch.SecretValues!.map((v) => [v.Name, v.SecretString, v.VersionStages]), [['A', `${one}-A`, ['AWSCURRENT']]]);
    assert.deepEqual(batch.Errors!.map((e) => [e.SecretId, e.ErrorCode]), [
      ['MISSING', 'ResourceNotFoundException'], ['B', 'InvalidRequestException'], ['C', 'AccessDeniedException'], ['D', 'DecryptionFailure'],
    ]);
    assert.match(batch.Errors![2]!.Message!, /^User: arn:aws:iam::123456789012:user\/envguard-test is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:123456789012:secret:C-\w{6} with an explicit deny/);
    assert.equal((await rejection(client.send(new BatchGetSecretValueCommand({ SecretIdList: Array.from({ length: 21 }, (_, i) => `S${i}`) })))).name, 'ValidationException');
    assert.equal((await rejection(client.send(new BatchGetSecretValueCommand({})))).name, 'InvalidParameterException');
    assert.equal((await rejection(client.send(new BatchGetSecretValueCommand({ SecretIdList: ['A'], Filters: [{ Key: 'name', Values: ['A'] }] })))).name, 'InvalidParameterException');
    assert.equal((await rejection(client.send(new BatchGetSecretValueCommand({ SecretIdList: ['A'], MaxResults: 5 })))).name, 'InvalidParameterException');
  });

  it('BatchGetSecretValue by Filters pages with NextToken (the SDK paginator follows it); denied, the whole call is AccessDeniedException', async () => {
    const client = sdkClient(ctx.server);
    for (let i = 0; i < 7; i++) await client.send(new CreateSecretCommand({ Name: `shop/production/K${i}`, SecretString: `${two}-${i}` }));
    await client.send(new CreateSecretCommand({ Name: 'other/K', SecretString: three }));
    ctx.server.pageSize = 3;
    const pages: string[][] = [];
    for await (const page of paginateBatchGetSecretValue({ client }, { Filters: [{ Key: 'name', Values: ['shop/production/'] }] })) pages.push(page.SecretValues!.map((v) => v.Name!));
    assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
    assert.deepEqual(pages.flat().sort(), Array.from({ length: 7 }, (_, i) => `shop/production/K${i}`));
    ctx.server.deny({ action: 'BatchGetSecretValue' });
    const denied = await rejection(client.send(new BatchGetSecretValueCommand({ SecretIdList: ['other/K'] })));
    assert.deepEqual([denied.name, denied.status], ['AccessDeniedException', 400]);
    assert.match(denied.message, /not authorized to perform: secretsmanager:BatchGetSecretValue with an explicit deny/);
    // The fall-back a provider makes: single reads still work.
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'other/K' }))).SecretString, three);
  });

  it('ListSecrets: filters (prefix, tags, negation), paging, planned deletions only on request', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'shop/production/A', SecretString: one, Tags: [{ Key: 'team', Value: 'shop' }] }));
    await client.send(new CreateSecretCommand({ Name: 'shop/staging/A', SecretString: one, Tags: [{ Key: 'team', Value: 'shop' }] }));
    await client.send(new CreateSecretCommand({ Name: 'blog/production/A', SecretString: one, Description: 'Blog database' }));
    await client.send(new CreateSecretCommand({ Name: 'shop/production/GONE', SecretString: one }));
    await client.send(new DeleteSecretCommand({ SecretId: 'shop/production/GONE', RecoveryWindowInDays: 7 }));
    const names = async (input: ListSecretsCommandInput): Promise<string[]> => (await client.send(new ListSecretsCommand(input))).SecretList!.map((s) => s.Name!).sort();
    assert.deepEqual(await names({ Filters: [{ Key: 'name', Values: ['shop/'] }] }), ['shop/production/A', 'shop/staging/A']);
    assert.deepEqual(await names({ Filters: [{ Key: 'name', Values: ['shop/'] }, { Key: 'name', Values: ['!shop/staging'] }] }), ['shop/production/A']);
    assert.deepEqual(await names({ Filters: [{ Key: 'tag-key', Values: ['team'] }] }), ['shop/production/A', 'shop/staging/A']);
    assert.deepEqual(await names({ Filters: [{ Key: 'description', Values: ['blog'] }] }), ['blog/production/A']);
    assert.deepEqual(await names({ IncludePlannedDeletion: true, Filters: [{ Key: 'name', Values: ['shop/production/'] }] }), ['shop/production/A', 'shop/production/GONE']);
    const entry = (await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['shop/production/A'] }] }))).SecretList![0]!;
    assert.deepEqual(Object.values(entry.SecretVersionsToStages!), [['AWSCURRENT']]);
    ctx.server.pageSize = 2;
    let pages = 0;
    const all: string[] = [];
    for await (const page of paginateListSecrets({ client }, {})) { pages++; all.push(...page.SecretList!.map((s) => s.Name!)); }
    assert.deepEqual([pages, all.length], [2, 3]);
    assert.equal((await rejection(client.send(new ListSecretsCommand({ NextToken: 'not-a-token' })))).name, 'InvalidNextTokenException');
  });

  it('DeleteSecret: a recovery window of 7 to 30 days (30 by default), reads refused meanwhile, RestoreSecret, and gone once the window ends', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'S', SecretString: one }));
    for (const days of [6, 31]) {
      const refused = await rejection(client.send(new DeleteSecretCommand({ SecretId: 'S', RecoveryWindowInDays: days })));
      assert.deepEqual([refused.name, refused.message], ['InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).']);
    }
    const both = await rejection(client.send(new DeleteSecretCommand({ SecretId: 'S', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })));
    assert.equal(both.name, 'InvalidParameterException');
    const deleted = await client.send(new DeleteSecretCommand({ SecretId: 'S' }));
    assert.ok(Math.abs(deleted.DeletionDate!.getTime() - (Date.now() + 30 * DAY)) < DAY);
    const read = await rejection(client.send(new GetSecretValueCommand({ SecretId: 'S' })));
    assert.deepEqual([read.name, read.message], ['InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion."]);
    assert.deepEqual((await client.send(new DescribeSecretCommand({ SecretId: 'S' }))).DeletedDate, deleted.DeletionDate);
    const recreate = await rejection(client.send(new CreateSecretCommand({ Name: 'S', SecretString: two })));
    assert.deepEqual([recreate.name, recreate.message], ['InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion."]);
    assert.equal((await rejection(client.send(new PutSecretValueCommand({ SecretId: 'S', SecretString: two })))).name, 'InvalidRequestException');
    await client.send(new RestoreSecretCommand({ SecretId: 'S' }));
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'S' }))).SecretString, one);
    await client.send(new DeleteSecretCommand({ SecretId: 'S', RecoveryWindowInDays: 7 }));
    ctx.server.elapse(6 * DAY);
    await client.send(new RestoreSecretCommand({ SecretId: 'S' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'S', RecoveryWindowInDays: 7 }));
    ctx.server.elapse(7 * DAY + 1000);
    assert.equal((await rejection(client.send(new DescribeSecretCommand({ SecretId: 'S' })))).name, 'ResourceNotFoundException');
    await client.send(new CreateSecretCommand({ Name: 'S', SecretString: two }));
    assert.equal(ctx.server.peek('S'), two);
  });

  it('ForceDeleteWithoutRecovery deletes at once (the name is free), and does not fail for a secret that is not there', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'F', SecretString: one }));
    const forced = await client.send(new DeleteSecretCommand({ SecretId: 'F', ForceDeleteWithoutRecovery: true }));
    assert.equal(forced.Name, 'F');
    assert.equal((await rejection(client.send(new DescribeSecretCommand({ SecretId: 'F' })))).name, 'ResourceNotFoundException');
    await client.send(new DeleteSecretCommand({ SecretId: 'NEVER-THERE', ForceDeleteWithoutRecovery: true }));
    await client.send(new CreateSecretCommand({ Name: 'F', SecretString: two }));
    assert.equal(ctx.server.peek('F'), two);
  });

  it('TagResource appends tags (a key present takes the new value)', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'T', SecretString: one, Tags: [{ Key: 'a', Value: '1' }] }));
    await client.send(new TagResourceCommand({ SecretId: 'T', Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }] }));
    assert.deepEqual((await client.send(new DescribeSecretCommand({ SecretId: 'T' }))).Tags, [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }]);
  });

  it('the SDK retries throttling, server errors and dropped connections; persistent throttling fails with ThrottlingException', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'R', SecretString: one }));
    ctx.server.requests.length = 0;
    ctx.server.fail({ error: 'ThrottlingException' }, { only: 'GetSecretValue' });
    ctx.server.fail({ error: 'InternalServiceError' }, { only: 'GetSecretValue' });
    ctx.server.fail({ drop: true }, { only: 'GetSecretValue', after: 2 });
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'R' }))).SecretString, one);
    assert.deepEqual(ctx.server.requests.map((r) => r.error ?? r.status), ['ThrottlingException', 'InternalServiceError', 200]);
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'R' }))).SecretString, one, 'the dropped connection was retried');
    ctx.server.fail({ error: 'ThrottlingException' }, { count: 10 });
    const throttled = await rejection(sdkClient(ctx.server, { maxAttempts: 2 }).send(new GetSecretValueCommand({ SecretId: 'R' })));
    assert.deepEqual([throttled.name, throttled.message], ['ThrottlingException', 'Rate exceeded']);
  });

  it('a fault planned for one operation leaves the others alone; DecryptionFailure and AccessDeniedException reach the caller', async () => {
    const client = sdkClient(ctx.server, { maxAttempts: 1 });
    await client.send(new CreateSecretCommand({ Name: 'K', SecretString: one }));
    ctx.server.fail({ error: 'ThrottlingException' }, { only: 'BatchGetSecretValue' });
    assert.equal((await client.send(new GetSecretValueCommand({ SecretId: 'K' }))).SecretString, one);
    assert.equal((await rejection(client.send(new BatchGetSecretValueCommand({ SecretIdList: ['K'] })))).name, 'ThrottlingException');
    ctx.server.breakDecryption('K');
    const broken = await rejection(client.send(new GetSecretValueCommand({ SecretId: 'K' })));
    assert.deepEqual([broken.name, broken.message], ['DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key."]);
    ctx.server.breakDecryption('K', false);
    ctx.server.deny({ action: 'PutSecretValue', accessKeyId: TEST_CREDENTIALS.accessKeyId });
    const denied = await rejection(client.send(new PutSecretValueCommand({ SecretId: 'K', SecretString: two })));
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(ctx.server.peek('K'), one);
  });

  it('counts requests in flight while latency holds them', async () => {
    const client = sdkClient(ctx.server);
    await client.send(new CreateSecretCommand({ Name: 'L', SecretString: one }));
    ctx.server.traffic.latencyMs = 300;
    const values = await Promise.all(Array.from({ length: 4 }, () => client.send(new GetSecretValueCommand({ SecretId: 'L' }))));
    assert.deepEqual(values.map((v) => v.SecretString), [one, one, one, one]);
    assert.ok(ctx.server.traffic.maxInFlight >= 2, `requests overlapped (max in flight ${ctx.server.traffic.maxInFlight})`);
    assert.equal(ctx.server.traffic.inFlight, 0);
  });

  it('the SDK in a child process finds the server through the standard variables alone (AWS_ENDPOINT_URL_SECRETS_MANAGER, NODE_EXTRA_CA_CERTS); it ignores AWS_CA_BUNDLE', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'ENV', SecretString: one }));
    const script = [
      "const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');",
      "new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: 'ENV' }))",
      "  .then((r) => process.stdout.write(r.SecretString === process.env.EXPECTED ? 'same value' : 'other value'), (e) => { process.stdout.write(e.code ?? e.name); process.exitCode = 1; });",
    ].join('\n');
    const base = {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: ctx.server.region,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', EXPECTED: one, NODE_PATH: path.resolve('node_modules'),
    };
    const byEnv = await run(process.execPath, ['-e', script], cleanAwsEnv({ ...base, AWS_ENDPOINT_URL_SECRETS_MANAGER: ctx.server.endpoint, NODE_EXTRA_CA_CERTS: testCertificates().caFile }));
    assert.deepEqual([byEnv.code, byEnv.stdout], [0, 'same value'], byEnv.stderr);
    const generic = await run(process.execPath, ['-e', script], cleanAwsEnv({ ...base, AWS_ENDPOINT_URL: ctx.server.endpoint, NODE_EXTRA_CA_CERTS: testCertificates().caFile }));
    assert.deepEqual([generic.code, generic.stdout], [0, 'same value'], generic.stderr);
    // A fact for the provider: the JavaScript SDK does not read AWS_CA_BUNDLE (botocore does).
    const bundleOnly = await run(process.execPath, ['-e', script], cleanAwsEnv({ ...base, AWS_ENDPOINT_URL: ctx.server.endpoint, AWS_CA_BUNDLE: testCertificates().caFile }));
    assert.deepEqual([bundleOnly.code, bundleOnly.stdout], [1, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
  });
});
