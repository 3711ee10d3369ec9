import type { SecretSource } from '../core/run';
import { lazyAzureSecretSource } from '../core/vault/azure/load';
import { vaultSecretSource } from '../core/vault/secret-source';
import type { CliIO } from './io';
import { openCliLocalVault } from './local-vault';
import { allowedHosts } from './vault-choice';

/**
 * The vaults the CLI resolves from. Each opens on first use (the Azure SDK loads only for a file
 * that holds an Azure reference). A reference to a vault not listed here fails with a message that
 * names the key, never silently.
 */
export function secretSourcesFor(io: CliIO): SecretSource[] {
  const tenantId = io.env.AZURE_TENANT_ID;
  return [
    vaultSecretSource('local', 'local vault', () => openCliLocalVault(io)),
    lazyAzureSecretSource((m) => ({
      credential: () => m.standardCredential(io.env),
      allowedHosts: allowedHosts(io),
      ...(tenantId ? { tenantId } : {}),
    })),
  ];
}
