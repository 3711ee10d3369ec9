import * as assert from 'node:assert/strict';
import { parseReference } from '../../../src/core/references';
import { resolveReferences, type SecretSource } from '../../../src/core/resolve';
import { lazySecretSource } from '../../../src/core/vault/lazy-source';

/** A vault module that cannot be loaded (a broken install) fails its own references with the reason, not every vault's. */
describe('a vault module loaded on first use', () => {
  it('a module that fails to load fails each of its references, the others still resolve, and the next call loads it again', async () => {
    let attempts = 0;
    const aws = lazySecretSource('AWS Secrets Manager', 'aws-secrets-manager', () => {
      attempts++;
      return attempts === 1 ? Promise.reject(new TypeError('Cannot find module vault-aws.js')) : Promise.resolve('module');
    }, (): SecretSource => ({ name: 'AWS Secrets Manager', canResolve: () => true, resolve: (refs) => Promise.resolve(refs.map(() => ({ ok: true, value: 'from-aws' }))) }));
    const azure: SecretSource = { name: 'Azure Key Vault', canResolve: (r) => r.kind === 'azure-keyvault', resolve: (refs) => Promise.resolve(refs.map(() => ({ ok: true, value: 'from-azure' }))) };
    const variables = [
      { key: 'A', value: 'ref+awssecrets://shop/production?region=eu-west-1#/A', origin: '.env:1' },
      { key: 'B', value: '@Microsoft.KeyVault(SecretUri=https://shop.vault.azure.net/secrets/b)', origin: '.env:2' },
    ];
    assert.ok(parseReference(variables[0]!.value) && parseReference(variables[1]!.value));
    const first = await resolveReferences(variables, [aws, azure]);
    assert.equal(first.values.get('B'), 'from-azure');
    assert.deepEqual(first.failures.map((f) => f.key), ['A']);
    assert.match(first.failures[0]!.message, /the AWS Secrets Manager module could not be loaded \(TypeError\); reinstall EnvGuard/);
    const second = await resolveReferences(variables, [aws, azure]);
    assert.equal(second.values.get('A'), 'from-aws');
    assert.equal(attempts, 2);
  });

  it('settings that cannot be used fail its references with their own message (not "could not be loaded"), and are read again next time', async () => {
    let malformed = true;
    const aws = lazySecretSource('AWS Secrets Manager', 'aws-secrets-manager', () => Promise.resolve('module'), (): SecretSource => {
      if (malformed) throw new Error('ENVGUARD_AWS_CACHE_SECONDS must be a number of 0 or more (got \'soon\')');
      return { name: 'AWS Secrets Manager', canResolve: () => true, resolve: (refs) => Promise.resolve(refs.map(() => ({ ok: true, value: 'from-aws' }))) };
    });
    const variables = [{ key: 'A', value: 'ref+awssecrets://shop/production?region=eu-west-1#/A', origin: '.env:1' }];
    const first = await resolveReferences(variables, [aws]);
    assert.match(first.failures[0]!.message, /ENVGUARD_AWS_CACHE_SECONDS must be a number of 0 or more/);
    assert.doesNotMatch(first.failures[0]!.message, /could not be loaded/);
    malformed = false;
    assert.equal((await resolveReferences(variables, [aws])).values.get('A'), 'from-aws');
  });
});
