import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { loadAws } from '../../../../src/core/vault/aws/load';

describe('AWS Secrets Manager loads its SDK on first use only', () => {
  it('importing the reference syntax (the registry does, eagerly), the reference parser and load.ts loads no AWS SDK module', () => {
    const script = [
      "require('./src/core/vault/aws/reference');",
      "require('./src/core/vault/aws/load');",
      "const refs = require('./src/core/references');",
      "if (refs.parseReference('ref+awssecrets://a/b#/K').kind !== 'aws-secrets-manager') throw new Error('not parsed');",
      "const loaded = Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/]@(aws-sdk|smithy)[\\\\/]/.test(f));",
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: path.resolve(__dirname, '../../../..'), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
  });

  it('loadAws() then brings the module (the SDK with it)', async function () {
    this.timeout(30_000);
    const aws = await loadAws();
    assert.equal(typeof aws.AwsSecretSource, 'function');
  });
});
