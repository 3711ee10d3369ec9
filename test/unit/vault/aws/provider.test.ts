import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import assert from 'node:assert/strict';
import { VaultError, type SecretValue } from '../../../../src/core/vault/types';
import { AwsSecretsManager } from '../../../../src/core/vault/aws';
import { TEST_CREDENTIALS } from '../../../servers/aws-secrets-manager/server';
import { sdkClient } from '../../servers/support/aws';
import { fake } from '../../support/fakes';
import { openTestProvider, openTestSource, operations, ref, serverAccess, useAwsServer } from './helpers';

const TAGS = { 'envguard-project': 'shop', 'envguard-environment': 'production', 'envguard-source-file': '.env.production' };

function value(answer: SecretValue | VaultError): string {
  return answer instanceof VaultError ? `! ${answer.message}` : answer.value;
}

describe('AWS Secrets Manager provider (real SDK, faithful server)', () => {
  const ctx = useAwsServer();
  const one = fake.password('aws-p1');
  const two = fake.password('aws-p2');
  const three = fake.password('aws-p3');

  it('JSON layout (the default): one document per environment, one write per document, tagged, read back field by field', async () => {
    const vault = openTestProvider(ctx.server);
    assert.equal(vault.layout, 'json-per-environment');
    const names = ['DB_PASSWORD', 'API_KEY'].map((k) => vault.names.compose(['shop', 'production', k]));
    const staging = vault.names.compose(['shop', 'staging', 'DB_PASSWORD']);
    const infos = await vault.setMany([
      { name: names[0]!, value: one, options: { tags: { ...TAGS, 'envguard-source-key': 'DB_PASSWORD' } } },
      { name: names[1]!, value: two, options: { tags: { ...TAGS, 'envguard-source-key': 'API_KEY' } } },
      { name: staging, value: three, options: { tags: { ...TAGS, 'envguard-environment': 'staging', 'envguard-source-key': 'DB_PASSWORD' } } },
    ]);
    assert.equal(infos[0]!.version, infos[1]!.version, 'one version for the document');
    assert.deepEqual(operations(ctx.server).sort(), ['CreateSecret', 'CreateSecret', 'GetSecretValue', 'GetSecretValue']);
    assert.deepEqual(JSON.parse(ctx.server.peek('shop/production')!), { API_KEY: two, DB_PASSWORD: one });
    const back = await vault.getMany([{ name: names[0]! }, { name: names[1]!, version: infos[1]!.version }, { name: staging }, { name: 'shop/production#NOPE' }]);
    assert.deepEqual(back.map(value).slice(0, 3), [one, two, three]);
    assert.match(value(back[3]!), /has no key NOPE/);
    const info = (back[0] as SecretValue).info;
    assert.deepEqual(info.tags, { ...TAGS, 'envguard-layout': 'json-per-environment', 'envguard-source-key': 'DB_PASSWORD' });
    assert.equal(info.version, infos[0]!.version);
    // The reference it writes resolves through the source.
    const text = vault.formatReference(names[0]!);
    assert.equal(text, 'ref+awssecrets://shop/production?region=us-east-1#/DB_PASSWORD');
    assert.deepEqual(vault.ownsReference(ref(text)), { name: names[0] });
    const resolved = await openTestSource(ctx.server).resolve([ref(text), ref(vault.formatReference(names[1]!, infos[1]!.version))]);
    assert.deepEqual(resolved.map((r) => (r.ok ? r.value : r.reason)), [one, two]);
  });

  it('JSON layout: a later write merges into the document (a new version, other fields kept); a key written twice in a batch gets a version per value', async () => {
    const vault = openTestProvider(ctx.server);
    const first = await vault.set('app/dev#A', one, { tags: TAGS });
    ctx.server.requests.length = 0;
    const [b, a1, a2] = await vault.setMany([{ name: 'app/dev#B', value: two }, { name: 'app/dev#A', value: two }, { name: 'app/dev#A', value: three }]);
    assert.deepEqual(operations(ctx.server), ['GetSecretValue', 'PutSecretValue', 'UpdateSecretVersionStage', 'GetSecretValue', 'PutSecretValue', 'UpdateSecretVersionStage']);
    assert.equal(b!.version, a1!.version);
    assert.notEqual(a1!.version, a2!.version);
    assert.deepEqual(JSON.parse(ctx.server.peek('app/dev')!), { A: three, B: two });
    assert.equal((await vault.get('app/dev#A', a1!.version)).value, two);
    assert.equal((await vault.get('app/dev#A', first.version)).value, one, 'earlier versions stay readable');
    assert.equal((await vault.get('app/dev#A')).value, three);
    // The same value again writes nothing.
    const before = ctx.server.requests.length;
    assert.equal((await vault.set('app/dev#A', three)).version, a2!.version);
    assert.deepEqual(operations(ctx.server).slice(before), ['GetSecretValue']);
  });

  it('JSON layout: concurrent writers into one document lose no key (check-and-set on AWSCURRENT)', async function () {
    this.timeout(60_000);
    ctx.server.traffic.latencyMs = 20;
    const writers = [openTestProvider(ctx.server), openTestProvider(ctx.server), openTestProvider(ctx.server)];
    const expected: Record<string, string> = {};
    await Promise.all(writers.map(async (vault, w) => {
      for (let i = 0; i < 6; i++) {
        const key = `W${w}_K${i}`;
        expected[key] = fake.password(`aws-cc-${w}-${i}`);
        await vault.set(`app/production#${key}`, expected[key]);
      }
    }));
    assert.deepEqual(JSON.parse(ctx.server.peek('app/production')!), Object.fromEntries(Object.keys(expected).sort().map((k) => [k, expected[k]])));
    assert.ok(ctx.server.requests.some((r) => r.operation === 'UpdateSecretVersionStage' && r.error === 'InvalidParameterException') || ctx.server.requests.some((r) => r.error === 'ResourceExistsException'),
      'the writers did collide, and the loser merged again');
  });

  it('JSON layout: where IAM denies UpdateSecretVersionStage, the write fails naming that action and the current document is unchanged', async () => {
    const vault = openTestProvider(ctx.server);
    await vault.set('app/prod#A', one);
    ctx.server.deny({ action: 'UpdateSecretVersionStage' });
    const error = await vault.set('app/prod#B', two).catch((e: unknown) => e);
    assert.ok(error instanceof VaultError && error.code === 'forbidden' && /secretsmanager:UpdateSecretVersionStage/.test(error.message) && !error.message.includes(two), String(error));
    assert.deepEqual(JSON.parse(ctx.server.peek('app/prod')!), { A: one }, 'the merged version never became current');
  });

  it('secret-per-key layout: a secret per key, created with its tags, then new versions; read back by version', async () => {
    const vault = openTestProvider(ctx.server, { layout: 'secret-per-key' });
    const name = vault.names.compose(['shop', 'production', 'DB_PASSWORD']);
    assert.equal(name, 'shop/production/DB_PASSWORD');
    const tags = { ...TAGS, 'envguard-source-key': 'DB_PASSWORD' };
    const [v1, other] = await vault.setMany([{ name, value: one, options: { tags } }, { name: 'shop/production/API_KEY', value: two, options: { tags } }]);
    const v2 = await vault.set(name, three, { tags });
    assert.equal(ctx.server.peek(name), three);
    const back = await vault.getMany([{ name }, { name, version: v1!.version }, { name: 'shop/production/API_KEY', version: other!.version }]);
    assert.deepEqual(back.map(value), [three, one, two]);
    assert.deepEqual((back[0] as SecretValue).info.tags, tags);
    assert.equal((back[0] as SecretValue).info.version, v2.version);
    assert.equal(vault.formatReference(name), 'ref+awssecrets://shop/production/DB_PASSWORD?region=us-east-1');
    assert.throws(() => vault.names.compose(['', '']), VaultError);
    await assert.rejects(vault.set('shop/production#X', one), (e: unknown) => e instanceof VaultError && e.code === 'invalid-name');
  });

  it('lists secrets, EnvGuard\'s JSON documents field by field, without values', async () => {
    const vault = openTestProvider(ctx.server);
    await vault.setMany([{ name: 'shop/production#B', value: one, options: { tags: TAGS } }, { name: 'shop/production#A', value: two, options: { tags: TAGS } }]);
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'other/raw', SecretString: three, Tags: [{ Key: 'team', Value: 'x' }] }));
    const listed = await vault.list();
    assert.deepEqual(listed.map((i) => i.name), ['other/raw', 'shop/production#A', 'shop/production#B']);
    assert.equal(listed[1]!.tags['envguard-source-key'], 'A');
    assert.ok(!JSON.stringify(listed).includes(one) && !JSON.stringify(listed).includes(two) && !JSON.stringify(listed).includes(three));
  });

  it('deletes a field (a new version without it) or a whole secret (restorable: a read says "deleted" and recover brings it back)', async () => {
    const vault = openTestProvider(ctx.server);
    await vault.setMany([{ name: 'app/prod#A', value: one }, { name: 'app/prod#B', value: two }]);
    await vault.delete('app/prod#A');
    assert.deepEqual(JSON.parse(ctx.server.peek('app/prod')!), { B: two });
    await assert.rejects(vault.delete('app/prod#A'), (e: unknown) => e instanceof VaultError && e.code === 'not-found');
    await vault.delete('app/prod');
    const deleted = await vault.get('app/prod#B').catch((e: unknown) => e as VaultError);
    assert.ok(deleted instanceof VaultError && deleted.code === 'deleted', deleted instanceof Error ? deleted.message : 'no error');
    assert.match(deleted.message, /app\/prod is scheduled for deletion .*restore it/);
    await assert.rejects(vault.set('app/prod#C', three), (e: unknown) => e instanceof VaultError && e.code === 'deleted');
    await vault.recover('app/prod#B');
    assert.equal((await vault.get('app/prod#B')).value, two);
  });

  it('does not write into a secret that is not a JSON object of texts, nor a document over 64 KB', async () => {
    await sdkClient(ctx.server).send(new CreateSecretCommand({ Name: 'app/prod', SecretString: one }));
    const vault = openTestProvider(ctx.server);
    await assert.rejects(vault.set('app/prod#A', two), (e: unknown) => e instanceof VaultError && e.code === 'conflict' && /not write into it/.test(e.message) && !e.message.includes(one));
    assert.equal(ctx.server.peek('app/prod'), one);
    const big = 'x'.repeat(40_000);
    await vault.set('app/big#A', big);
    await assert.rejects(vault.set('app/big#B', big), (e: unknown) => e instanceof VaultError && e.code === 'too-large' && /secret-per-key layout/.test(e.message));
    await assert.rejects(vault.set('app/big#C', 'y'.repeat(70_000)), (e: unknown) => e instanceof VaultError && e.code === 'too-large');
  });

  it('opens with the SDK\'s region chain (AWS_REGION) and names the region; without one, says how to set it', async () => {
    const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE };
    try {
      process.env.AWS_REGION = 'eu-central-1';
      const opened = await AwsSecretsManager.open({ credentials: TEST_CREDENTIALS, ...serverAccess(ctx.server) });
      assert.equal(opened.displayName, 'AWS Secrets Manager (eu-central-1)');
      delete process.env.AWS_REGION;
      delete process.env.AWS_DEFAULT_REGION;
      process.env.AWS_CONFIG_FILE = '/nonexistent/envguard-aws-config';
      await assert.rejects(AwsSecretsManager.open({ credentials: TEST_CREDENTIALS, ...serverAccess(ctx.server) }), /no AWS region is configured .*AWS_REGION/);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });
});
