import assert from 'node:assert/strict';
import { isReference, parseReference, referenceProblem } from '../../../../src/core/references';
import {
  analyseAwsReference, awsReferenceSyntaxes, awsSecretsArnSyntax, awsSecretsNameSyntax, describeAwsReference, formatAwsReference, type AwsSecretsManagerReference,
} from '../../../../src/core/vault/aws/reference';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/production-AbCdEf';

describe('AWS Secrets Manager references (vals form)', () => {
  it('parses the name form with region, stage, version id and a JSON key, and formats it back', () => {
    const cases: [string, Omit<AwsSecretsManagerReference, 'kind'>][] = [
      ['ref+awssecrets://myteam/mykey', { secretId: 'myteam/mykey' }],
      ['ref+awssecrets://myteam/mydoc#/foo/bar', { secretId: 'myteam/mydoc', jsonKey: 'foo/bar' }],
      ['ref+awssecrets://myteam/mykey?region=us-west-2', { secretId: 'myteam/mykey', region: 'us-west-2' }],
      ['ref+awssecrets://shop/production?region=cn-north-1&version_stage=AWSPREVIOUS#/DB_PASSWORD', { secretId: 'shop/production', region: 'cn-north-1', versionStage: 'AWSPREVIOUS', jsonKey: 'DB_PASSWORD' }],
      ['ref+awssecrets://a+b=c.d@e_f-g?version_id=0c2d5e0a-5a7e-4c1e-9e4f-2f1a3b4c5d6e', { secretId: 'a+b=c.d@e_f-g', versionId: '0c2d5e0a-5a7e-4c1e-9e4f-2f1a3b4c5d6e' }],
      [`ref+awssecrets://${ARN}#/KEY`, { secretId: ARN, region: 'eu-west-1', jsonKey: 'KEY' }],
      [`ref+awssecrets://${ARN.replace('arn:aws:', 'arn:aws-us-gov:').replace('eu-west-1', 'us-gov-west-1')}`, { secretId: ARN.replace('arn:aws:', 'arn:aws-us-gov:').replace('eu-west-1', 'us-gov-west-1'), region: 'us-gov-west-1' }],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseReference(text);
      assert.deepEqual(parsed, { kind: 'aws-secrets-manager', ...expected }, text);
      assert.equal(formatAwsReference(expected), text, 'formats back to the same text');
      assert.deepEqual(parseReference(formatAwsReference(expected)), parsed);
    }
  });

  it('reads vals variants: #key without a slash, an empty query, a prefix in any case, the ARN with a matching region', () => {
    assert.deepEqual(parseReference('ref+awssecrets://kube/test#username'), { kind: 'aws-secrets-manager', secretId: 'kube/test', jsonKey: 'username' });
    assert.deepEqual(parseReference('ref+awssecrets://foo/bar?#/a'), { kind: 'aws-secrets-manager', secretId: 'foo/bar', jsonKey: 'a' });
    assert.deepEqual(parseReference('REF+AWSSECRETS://foo'), { kind: 'aws-secrets-manager', secretId: 'foo' });
    assert.deepEqual(parseReference(`ref+awssecrets://${ARN}?region=eu-west-1`), { kind: 'aws-secrets-manager', secretId: ARN, region: 'eu-west-1' });
  });

  it('refuses what would let a repository choose the identity (role_arn, profile), and says why', () => {
    for (const text of ['ref+awssecrets://db?role_arn=arn:aws:iam::123456789012:role/x', 'ref+awssecrets://db?region=us-east-1&profile=prod']) {
      assert.equal(parseReference(text), undefined, text);
      assert.match(referenceProblem(text) ?? '', /malformed AWS Secrets Manager .*(role to assume|which of your credentials)/);
    }
  });

  it('names what is wrong with a malformed one, never quoting it', () => {
    const secretish = 'Zq8vK2mPp0xY7';
    const cases: [string, RegExp][] = [
      [`ref+awssecrets://has space${secretish}`, /secret name is not 1 to 512/],
      ['ref+awssecrets://', /names no secret/],
      [`ref+awssecrets://db?region=${secretish}`, /region parameter is not a region code/],
      ['ref+awssecrets://db?version_stage=a%20b', /version_stage/],
      ['ref+awssecrets://db?version_id=short', /version_id/],
      [`ref+awssecrets://db?x${secretish}=1`, /query parameter EnvGuard does not read \(accepted: region, version_stage, version_id\)/],
      ['ref+awssecrets://db#/a//b', /JSON key/],
      ['ref+awssecrets://arn:aws:secretsmanager:us-east-1:123:secret:x', /ARN is not/],
      [`ref+awssecrets://${ARN}?region=us-east-1`, /differs from the region in its ARN/],
      [`ref+awssecrets://${'a'.repeat(5000)}`, /longer than 4096/],
    ];
    for (const [text, expected] of cases) {
      assert.equal(parseReference(text), undefined, text);
      const problem = referenceProblem(text) ?? '';
      assert.match(problem, expected, text);
      assert.ok(!problem.includes(secretish), 'the value is not quoted');
    }
  });

  it('a bare ARN is not a reference: apps that fetch their own secrets keep it in their environment', () => {
    assert.equal(isReference(ARN), false);
    assert.equal(referenceProblem(ARN), undefined);
  });

  it('declares two syntaxes: the ARN form under the longer prefix', () => {
    assert.deepEqual(awsReferenceSyntaxes.map((s) => s.prefixes), [['ref+awssecrets://'], ['ref+awssecrets://arn:']]);
    assert.equal(awsSecretsArnSyntax.parse(`ref+awssecrets://${ARN}`)?.region, 'eu-west-1');
    assert.deepEqual(awsSecretsNameSyntax.parse('ref+awssecrets://x'), { kind: 'aws-secrets-manager', secretId: 'x' });
    assert.match(awsSecretsArnSyntax.problem?.('ref+awssecrets://arn:nope') ?? '', /ARN/);
  });

  it('describes without a value: name, region, key, version', () => {
    assert.equal(describeAwsReference({ kind: 'aws-secrets-manager', secretId: 'shop/production', region: 'us-east-1', jsonKey: 'DB_PASSWORD' }), 'AWS Secrets Manager secret shop/production (us-east-1), key DB_PASSWORD');
    assert.equal(describeAwsReference({ kind: 'aws-secrets-manager', secretId: ARN, region: 'eu-west-1', versionStage: 'AWSPREVIOUS' }), `AWS Secrets Manager secret ${ARN}, stage AWSPREVIOUS`);
  });

  it('never throws and stays bounded on hostile input (random bytes after the prefix, long runs)', () => {
    let seed = 7;
    const next = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
    const alphabet = 'ab/_+=.@-?#&%:=arnAWSCURRENT \u0000\u00e9\ud800\uffff';
    for (let i = 0; i < 3000; i++) {
      const length = next() % 80;
      let tail = '';
      for (let j = 0; j < length; j++) tail += alphabet[next() % alphabet.length];
      const text = `ref+awssecrets://${i % 3 === 0 ? 'arn:' : ''}${tail}`;
      const analysis = analyseAwsReference(text);
      assert.ok('reference' in analysis || typeof analysis.problem === 'string');
      if ('reference' in analysis) assert.deepEqual(parseReference(formatAwsReference(analysis.reference)), analysis.reference, text);
    }
    for (const text of [`ref+awssecrets://${'/'.repeat(4000)}`, `ref+awssecrets://a?${'&'.repeat(4000)}`, `ref+awssecrets://a#${'/x'.repeat(2000)}`, `ref+awssecrets://${'arn:'.repeat(1000)}`]) {
      assert.doesNotThrow(() => referenceProblem(text));
    }
  });
});
