import * as assert from 'node:assert/strict';
import { locationSpec, REMOTE_CONNECTORS, VAULT_CONNECTORS } from '../../../src/core/vault/connectors';
import { parseVaultSpec } from '../../../src/core/vault/spec';
import { VaultError } from '../../../src/core/vault/types';

/** What Choose Vault and the editor's default vault rely on: a location setting's value names a vault of the connector's kind, and what is stored names it again. */
describe('vault connectors: default destinations', () => {
  const examples: Record<string, readonly string[]> = {
    'azure-keyvault': ['shop-prod', 'https://shop-prod.vault.azure.net', 'HTTPS://Shop-Prod.vault.azure.net/'],
    'aws-secrets-manager': ['', 'eu-west-1', 'US-EAST-2'],
    'hashicorp-vault': ['', 'secret', 'kv/team'],
  };

  for (const connector of REMOTE_CONNECTORS) {
    it(`${connector.kind}: each location names a vault of its kind, and the normalised location Choose Vault stores names the same vault`, () => {
      for (const location of examples[connector.kind]!) {
        const spec = parseVaultSpec(connector.defaultSpec(location));
        assert.equal(spec.kind, connector.kind, location);
        assert.equal(parseVaultSpec(connector.defaultSpec(spec.location)).key, spec.key, location);
      }
    });
  }

  it('an Azure default needs a vault: none chosen says how to choose one', () => {
    assert.throws(() => VAULT_CONNECTORS['azure-keyvault'].defaultSpec(''), (e: unknown) => e instanceof VaultError && /Choose Vault/.test(e.message));
  });

  it('a location in the wrong form is refused by the kind\'s own parser, with a message Choose Vault shows', () => {
    assert.throws(() => parseVaultSpec(VAULT_CONNECTORS['aws-secrets-manager'].defaultSpec('Ireland')), /does not name an AWS region/);
    assert.throws(() => parseVaultSpec(VAULT_CONNECTORS['azure-keyvault'].defaultSpec('https://collector.example.com')), VaultError);
  });

  describe('a location typed into Choose Vault (locationSpec)', () => {
    const none = {};
    it('names a vault of the connector\'s kind, normalised as it is stored', () => {
      assert.equal(locationSpec(VAULT_CONNECTORS['azure-keyvault'], ' shop-prod ', none)?.location, 'https://shop-prod.vault.azure.net');
      assert.equal(locationSpec(VAULT_CONNECTORS['aws-secrets-manager'], 'eu-west-1', none)?.location, 'eu-west-1');
      assert.equal(locationSpec(VAULT_CONNECTORS['hashicorp-vault'], 'kv/team', none)?.location, 'kv/team');
      assert.equal(locationSpec(VAULT_CONNECTORS['aws-secrets-manager'], '  ', none), undefined, 'AWS: empty is the default region');
    });

    it('refuses another kind\'s vault, or more than the stored location keeps, so what is confirmed is what is stored', () => {
      assert.throws(() => locationSpec(VAULT_CONNECTORS['azure-keyvault'], 'hashicorp-vault:https://collector.example.com', none), /'hashicorp-vault:https:\/\/collector.example.com' is not a location of Azure Key Vault/);
      assert.throws(() => locationSpec(VAULT_CONNECTORS['aws-secrets-manager'], 'eu-west-1:123456789012', none), /'eu-west-1:123456789012' is not a location of AWS Secrets Manager: type eu-west-1/);
    });

    it('asks for a location where empty is not a choice', () => {
      assert.throws(() => locationSpec(VAULT_CONNECTORS['azure-keyvault'], '', none), /Enter the Azure Key Vault's location/);
      assert.throws(() => locationSpec(VAULT_CONNECTORS['hashicorp-vault'], '', none), /Enter the HashiCorp Vault's location/);
    });
  });
});
