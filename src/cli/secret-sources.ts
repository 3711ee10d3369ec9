import { localSecretAuthorizer } from '../core/project';
import type { ProjectRegistry } from '../core/project';
import type { SecretSource } from '../core/run';
import { lazyAzureSecretSource } from '../core/vault/azure/load';
import { vaultSecretSource } from '../core/vault/secret-source';
import type { CliIO } from './io';
import { openCliLocalVault } from './local-vault';
import { allowedHosts, isVaultConfirmed } from './projects';

/**
 * The vaults the CLI resolves from. Each opens on first use (the Azure SDK loads only for a file
 * that holds an Azure reference). A local secret goes only to the project it belongs to; an Azure
 * vault gets a token only once the user confirmed it. A reference to a vault not listed here fails
 * with a message that names the key, never silently.
 */
export function secretSourcesFor(io: CliIO, registry: () => Promise<ProjectRegistry>): SecretSource[] {
  const tenantId = io.env.AZURE_TENANT_ID;
  return [
    vaultSecretSource('local', 'local vault', () => openCliLocalVault(io), { authorize: localSecretAuthorizer(registry) }),
    lazyAzureSecretSource((m) => ({
      credential: () => m.standardCredential(io.env),
      allowedHosts: allowedHosts(io),
      confirmVault: async (vaultUrl) => isVaultConfirmed(io, await registry(), vaultUrl),
      ...(tenantId ? { tenantId } : {}),
    })),
  ];
}
