import assert from 'node:assert/strict';
import { VaultError } from '../../../../src/core/vault/types';
import { awsNameRules } from '../../../../src/core/vault/aws/names';
import { checkAwsEndpoint, isAllowedAwsHost } from '../../../../src/core/vault/aws/hosts';

describe('AWS Secrets Manager names and hosts', () => {
  it('composes project/environment#KEY under the JSON layout and project/environment/KEY per key', () => {
    const json = awsNameRules('json-per-environment');
    const perKey = awsNameRules('secret-per-key');
    assert.equal(json.compose(['shop', 'production', 'DB_PASSWORD']), 'shop/production#DB_PASSWORD');
    assert.equal(json.compose(['shop', 'production', 'eu', 'DB_PASSWORD'], 'team/'), 'team/shop/production/eu#DB_PASSWORD');
    assert.equal(perKey.compose(['shop', 'production', 'DB_PASSWORD']), 'shop/production/DB_PASSWORD');
    assert.equal(perKey.compose(['my shop', 'prod', 'KEY:1']), 'my-shop/prod/KEY-1');
    assert.ok(json.isValid('shop/production#DB_PASSWORD'));
    assert.ok(!json.isValid('shop/production/DB_PASSWORD'), 'the JSON layout addresses a field');
    assert.ok(perKey.isValid('shop/production/DB_PASSWORD'));
    assert.ok(!perKey.isValid('shop/production#DB_PASSWORD'));
    assert.throws(() => perKey.compose(['---', '']), (e: unknown) => e instanceof VaultError && e.code === 'invalid-name');
  });

  it('never ends a name in a hyphen and six characters (AWS reads that as an ARN suffix), and stays within 512', () => {
    const perKey = awsNameRules('secret-per-key');
    assert.equal(perKey.compose(['shop', 'API-TOKENS']), 'shop/API_TOKENS');
    assert.ok(!perKey.isValid('shop/API-TOKENS'));
    const long = perKey.compose(['p'.repeat(400), 'e'.repeat(200), 'KEY']);
    assert.ok(long.length <= 512 && long.endsWith('/KEY') && perKey.isValid(long), long);
    assert.notEqual(perKey.compose(['p'.repeat(400), 'e'.repeat(200), 'KEY']), perKey.compose(['p'.repeat(400), 'f'.repeat(200), 'KEY']));
    assert.ok(perKey.same('a/B', 'a/B') && !perKey.same('a/b', 'a/B'), 'names are case-sensitive');
  });

  it('allows Secrets Manager endpoints of every partition, FIPS and dual-stack, and hosts the user added (host or host:port)', () => {
    for (const host of ['secretsmanager.us-east-1.amazonaws.com', 'secretsmanager-fips.us-gov-west-1.amazonaws.com', 'secretsmanager.cn-north-1.amazonaws.com.cn',
      'secretsmanager.eu-west-1.api.aws', 'secretsmanager-fips.us-east-2.api.aws', 'secretsmanager.cn-northwest-1.api.amazonwebservices.com.cn', 'SECRETSMANAGER.US-EAST-1.AMAZONAWS.COM.']) {
      assert.ok(isAllowedAwsHost(host, 443), host);
    }
    for (const host of ['s3.us-east-1.amazonaws.com', 'secretsmanager.us-east-1.amazonaws.com.evil.example', 'evil.secretsmanager.us-east-1.amazonaws.com', 'secretsmanager.not_a_region.amazonaws.com', 'secretsmanager.amazonaws.com', '127.0.0.1']) {
      assert.ok(!isAllowedAwsHost(host, 443), host);
    }
    assert.ok(!isAllowedAwsHost('secretsmanager.us-east-1.amazonaws.com', 8443), 'another port is another service');
    const vpce = 'vpce-0abc-1xyz.secretsmanager.us-east-1.vpce.amazonaws.com';
    assert.ok(!isAllowedAwsHost(vpce, 443));
    assert.ok(isAllowedAwsHost(vpce, 443, [vpce]));
    assert.ok(isAllowedAwsHost('127.0.0.1', 4443, ['127.0.0.1:4443']));
    assert.ok(!isAllowedAwsHost('127.0.0.1', 4444, ['127.0.0.1:4443']));
    assert.ok(!isAllowedAwsHost('127.0.0.1', 4443, ['127.0.0.1']), 'an entry without a port means 443');
  });

  it('refuses plain http and unknown hosts, naming the host and how to allow it', () => {
    assert.throws(() => checkAwsEndpoint({ protocol: 'http:', hostname: 'secretsmanager.us-east-1.amazonaws.com' }), /does not use https/);
    assert.throws(() => checkAwsEndpoint({ protocol: 'https:', hostname: 'attacker.example', port: 8443 }), /attacker\.example:8443 is not a Secrets Manager endpoint .*allowed hosts setting/);
    assert.doesNotThrow(() => checkAwsEndpoint({ protocol: 'https:', hostname: 'secretsmanager.us-east-1.amazonaws.com', port: '' }));
  });
});
