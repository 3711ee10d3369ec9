import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { VaultSettingSpec } from '../../../src/core/vault/connector';
import { REMOTE_CONNECTORS, VAULT_CONNECTORS } from '../../../src/core/vault/connectors';
import { VAULT_KINDS } from '../../../src/core/vault/kinds';

interface Setting { readonly type?: string; readonly default?: unknown; readonly enum?: readonly string[]; readonly scope?: string; readonly items?: { readonly type?: string } }

const JSON_TYPES: Record<VaultSettingSpec['type'], string> = { string: 'string', 'string-list': 'array', number: 'number', boolean: 'boolean' };

/** package.json is static JSON: these checks keep it in step with the registry and each vault's connector, and keep credential settings the user's. */
describe('the registry and package.json\'s settings', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } } };
  const settings = pkg.contributes.configuration.properties;

  it('envguard.vault.provider offers every kind a user can name, in the registry\'s order', () => {
    assert.deepEqual(settings['envguard.vault.provider']?.enum, VAULT_KINDS.filter((k) => k.spec !== undefined).map((k) => k.kind));
  });

  it('every remote kind of the registry has its connector, under its own kind, in the registry\'s order', () => {
    const remote = VAULT_KINDS.map((k) => k.kind).filter((k) => k !== 'local');
    assert.deepEqual(REMOTE_CONNECTORS.map((c) => c.kind), remote);
    for (const [kind, connector] of Object.entries(VAULT_CONNECTORS)) assert.equal(connector.kind, kind);
    assert.equal(new Set(REMOTE_CONNECTORS.map((c) => c.section)).size, REMOTE_CONNECTORS.length, 'one settings section per vault');
  });

  for (const connector of REMOTE_CONNECTORS) {
    describe(`envguard.${connector.section}.* (${connector.kind})`, () => {
      it('declares exactly the settings its connector reads, with the same type, default and values', () => {
        const declared = Object.keys(settings).filter((name) => name.startsWith(`envguard.${connector.section}.`)).sort();
        assert.deepEqual(declared, connector.settings.map((s) => `envguard.${connector.section}.${s.name}`).sort());
        for (const spec of connector.settings) {
          const setting = settings[`envguard.${connector.section}.${spec.name}`]!;
          assert.equal(setting.type, JSON_TYPES[spec.type], `${spec.name}'s type`);
          if (spec.type === 'string-list') assert.equal(setting.items?.type, 'string', `${spec.name}'s items`);
          assert.deepEqual(setting.default, spec.default, `${spec.name}'s default`);
          assert.deepEqual(setting.enum, spec.values, `${spec.name}'s values`);
        }
      });

      it('keeps the settings that say where credentials go or whose identity is used to the user (scope application), and only those', () => {
        for (const spec of connector.settings) assert.equal(settings[`envguard.${connector.section}.${spec.name}`]?.scope === 'application', spec.userOnly === true, spec.name);
      });

      it('has a location setting Choose Vault writes to, which a workspace may set', () => {
        const location = connector.settings.find((s) => s.name === connector.choice.locationSetting);
        assert.ok(location, connector.choice.locationSetting);
        assert.equal(location.userOnly, undefined);
      });
    });
  }

  it('keeps every setting that says where credentials go or whose identity is used a user setting, by name (not only as the connectors say)', () => {
    for (const name of ['envguard.azure.allowedHosts', 'envguard.azure.credential', 'envguard.aws.allowedHosts', 'envguard.aws.profile', 'envguard.hashicorp.address', 'envguard.hashicorp.namespace', 'envguard.hashicorp.caCert', 'envguard.localVault.keyStore']) {
      assert.equal(settings[name]?.scope, 'application', name);
    }
  });
});
