import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VAULT_KINDS } from '../../../src/core/vault/kinds';

interface Setting { readonly enum?: readonly string[]; readonly scope?: string }

/** package.json is static JSON: these checks keep it in step with the registry, and keep credential settings the user's. */
describe('the registry and package.json\'s settings', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } } };
  const settings = pkg.contributes.configuration.properties;

  it('envguard.vault.provider offers every kind a user can name, in the registry\'s order', () => {
    assert.deepEqual(settings['envguard.vault.provider']?.enum, VAULT_KINDS.filter((k) => k.spec !== undefined).map((k) => k.kind));
  });

  it('every setting that says where credentials go or whose identity is used is a user setting (scope application)', () => {
    for (const name of ['envguard.azure.allowedHosts', 'envguard.azure.credential', 'envguard.aws.allowedHosts', 'envguard.aws.profile', 'envguard.hashicorp.address', 'envguard.hashicorp.namespace', 'envguard.hashicorp.caCert', 'envguard.localVault.keyStore']) {
      assert.equal(settings[name]?.scope, 'application', name);
    }
  });
});
