import * as assert from 'node:assert/strict';
import { describeReference, looksLikeReference, parseReference, referenceProblem } from '../../../src/core/references';
import { VAULT_KINDS } from '../../../src/core/vault/kinds';
import { parseVaultSpec, VAULT_SPEC_HELP } from '../../../src/core/vault/spec';
import { VaultError } from '../../../src/core/vault/types';

describe('the registry of vault kinds', () => {
  it('every syntax of every kind is recognised by its prefix, in any case, and a broken one is a malformed reference of that syntax', () => {
    for (const kind of VAULT_KINDS) {
      for (const syntax of kind.syntaxes) {
        for (const prefix of syntax.prefixes) {
          assert.equal(prefix, prefix.toLowerCase(), `${kind.kind}: prefixes are lower case`);
          assert.ok(looksLikeReference(`  ${prefix.toUpperCase()}x`), `${prefix} starts a reference`);
          // The prefix alone parses as nothing: the value is malformed, named by its syntax.
          assert.equal(parseReference(prefix), undefined);
          assert.match(referenceProblem(prefix) ?? '', new RegExp(`is a malformed ${syntax.name.replace(/[()]/g, '\\$&')} reference`));
        }
      }
    }
  });

  it('parses each kind\'s reference to that kind, and describes it without any value', () => {
    const local = parseReference('envguard://local/shop/production/DB_PASSWORD');
    assert.equal(local?.kind, 'local');
    assert.equal(describeReference(local), 'the local vault, secret shop/production/DB_PASSWORD');
    const azure = parseReference('@Microsoft.KeyVault(SecretUri=https://shop.vault.azure.net/secrets/db-password)');
    assert.equal(azure?.kind, 'azure-keyvault');
    assert.equal(describeReference(azure), 'Azure Key Vault shop.vault.azure.net, secret db-password');
    // The longest prefix wins: Key Vault's vals form is Key Vault's, another vals backend stays vals'.
    assert.equal(parseReference('ref+azurekeyvault://shop/db-password')?.kind, 'azure-keyvault');
    assert.equal(parseReference('ref+gcpsecrets://project/secret')?.kind, 'vals');
    assert.equal(parseReference('op://Private/db/password')?.kind, 'onepassword');
    // `vault://` is also how a Vault server's URL starts: a host with a port or credentials is no reference (and a password in it is flagged).
    assert.equal(parseReference('vault://secret/shop#DB_PASSWORD')?.kind, 'hashicorp-vault');
    assert.equal(looksLikeReference('vault://vault.internal:8200'), false);
    assert.equal(looksLikeReference('vault://admin:pw@vault.internal/v1'), false);
  });

  it('parses vaults as users name them, each by its kind, and names every form when none fits', () => {
    assert.deepEqual(parseVaultSpec('local'), { kind: 'local', location: '', description: 'the local vault', key: 'local', remote: false });
    const azure = parseVaultSpec('azure:Shop-Vault');
    assert.equal(azure.kind, 'azure-keyvault');
    assert.equal(azure.location, 'https://shop-vault.vault.azure.net');
    assert.equal(azure.key, 'https://shop-vault.vault.azure.net');
    assert.equal(azure.remote, true);
    assert.equal(parseVaultSpec('https://SHOP-VAULT.vault.azure.net/').key, azure.key);
    assert.throws(() => parseVaultSpec('https://collector.example.com'), (e: unknown) => e instanceof VaultError && e.code === 'invalid-name' && /not a Key Vault host/.test(e.message));
    assert.equal(parseVaultSpec('https://kv.internal.example', { 'azure-keyvault': ['kv.internal.example'] }).kind, 'azure-keyvault', 'a host the user allowed');
    assert.throws(() => parseVaultSpec('dropbox'), (e: unknown) => e instanceof VaultError && e.message === `unknown vault 'dropbox': use ${VAULT_SPEC_HELP}`);
    assert.match(VAULT_SPEC_HELP, /^local \| azure:NAME \| https:\/\/NAME\.vault\.azure\.net/);
  });
});
