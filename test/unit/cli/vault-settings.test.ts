import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';
import { cliVaultSettings } from '../../../src/cli/vault-settings';
import { CliError } from '../../../src/cli/io';
import { VAULT_CONNECTORS } from '../../../src/core/vault/connectors';
import { cliVariableOf } from '../../../src/core/vault/connector';

describe('cli: a vault\'s settings from the environment', () => {
  const aws = VAULT_CONNECTORS['aws-secrets-manager'];
  const azure = VAULT_CONNECTORS['azure-keyvault'];
  const hashicorp = VAULT_CONNECTORS['hashicorp-vault'];

  it('names each variable ENVGUARD_<SECTION>_<NAME>, or the vendor\'s own, or none', () => {
    const variables = (connector: typeof aws): (string | undefined)[] => connector.settings.map((s) => cliVariableOf(connector.section, s));
    assert.deepEqual(variables(aws), [undefined, 'ENVGUARD_AWS_LAYOUT', undefined, 'ENVGUARD_AWS_ALLOWED_HOSTS', 'ENVGUARD_AWS_CACHE_SECONDS']);
    assert.deepEqual(variables(azure), [undefined, 'AZURE_TENANT_ID', undefined, 'ENVGUARD_AZURE_ALLOWED_HOSTS', 'ENVGUARD_AZURE_REFERENCE_STYLE', 'ENVGUARD_AZURE_PIN_VERSIONS', 'ENVGUARD_AZURE_CACHE_SECONDS']);
    // Vault's address, namespace and CA come from VAULT_ADDR & co., which the provider reads itself (and confirms once).
    assert.deepEqual(variables(hashicorp), [undefined, undefined, undefined, undefined, 'ENVGUARD_HASHICORP_CACHE_SECONDS']);
  });

  it('reads lists, numbers, booleans and choices, and leaves unset and empty variables to the defaults', () => {
    assert.deepEqual(cliVaultSettings(aws, { ENVGUARD_AWS_ALLOWED_HOSTS: ' vpce-1.example.internal , ,gw.example.internal', ENVGUARD_AWS_CACHE_SECONDS: '0', ENVGUARD_AWS_LAYOUT: 'secret-per-key' }), {
      allowedHosts: ['vpce-1.example.internal', 'gw.example.internal'], cacheSeconds: 0, layout: 'secret-per-key',
    });
    assert.deepEqual(cliVaultSettings(azure, { ENVGUARD_AZURE_PIN_VERSIONS: '1', AZURE_TENANT_ID: 'contoso', ENVGUARD_AZURE_REFERENCE_STYLE: '' }), { pinVersions: true, tenant: 'contoso' });
    assert.deepEqual(cliVaultSettings(hashicorp, { VAULT_ADDR: 'https://vault.example.internal:8200' }), {});
  });

  it('refuses a value of the wrong shape with the variable\'s name, never silently the default', () => {
    assert.throws(() => cliVaultSettings(aws, { ENVGUARD_AWS_LAYOUT: 'one-big-secret' }), (e: unknown) => e instanceof CliError && e.message === 'ENVGUARD_AWS_LAYOUT must be json-per-environment or secret-per-key (got \'one-big-secret\')');
    assert.throws(() => cliVaultSettings(aws, { ENVGUARD_AWS_CACHE_SECONDS: '-5' }), /ENVGUARD_AWS_CACHE_SECONDS must be a number of 0 or more \(got '-5'\)/);
    assert.throws(() => cliVaultSettings(azure, { ENVGUARD_AZURE_PIN_VERSIONS: 'yes' }), /ENVGUARD_AZURE_PIN_VERSIONS must be true or false \(got 'yes'\)/);
  });

  it('a malformed variable of one vault stops only what uses that vault: run and a local migration go on', async () => {
    const project = makeProject({ '.env': 'PORT=3000\n', 'aws.env': 'A=ref+awssecrets://shop/production?region=eu-west-1#/A\n' });
    try {
      const env = { ENVGUARD_AWS_CACHE_SECONDS: 'soon', ENVGUARD_HASHICORP_CACHE_SECONDS: 'soon', ENVGUARD_KEY_STORE: 'automation', ENVGUARD_HOME: path.join(project.dir, '..', `${path.basename(project.dir)}-home`), AWS_EC2_METADATA_DISABLED: 'true' };
      const run = await runCli(['run', '--env-file', '.env', '--', process.execPath, '-e', 'console.log(process.env.PORT)'], { cwd: project.dir, env });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trim(), '3000');
      const plan = await runCli(['migrate', '--vault', 'local', '--dry-run'], { cwd: project.dir, env });
      assert.equal(plan.code, 0, plan.stderr);
      const aws = await runCli(['run', '--env-file', 'aws.env', '--', process.execPath, '-e', '0'], { cwd: project.dir, env });
      assert.notEqual(aws.code, 0);
      assert.match(aws.stderr, /ENVGUARD_AWS_CACHE_SECONDS must be a number of 0 or more \(got 'soon'\)/);
      assert.doesNotMatch(aws.stderr, /could not be loaded/);
    } finally {
      project.cleanup();
    }
  });
});
