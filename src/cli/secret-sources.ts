import type { ProjectRegistry } from '../core/project';
import type { SecretSource } from '../core/resolve';
import { lazyAwsSecretSource } from '../core/vault/aws/load';
import { lazyAzureSecretSource } from '../core/vault/azure/load';
import { hashiCorpVaultKey } from '../core/vault/hashicorp/kind';
import { lazyHashiCorpSecretSource } from '../core/vault/hashicorp/load';
import type { CliIO } from './io';
import { allowedHosts, awsAllowedHosts, isVaultConfirmed } from './projects';

/**
 * The vaults besides the local one the CLI resolves from (local values come with the release gate's
 * answer: cli/local-vault.ts). Each opens on first use (the Azure SDK loads only for a file that
 * holds an Azure reference); an Azure vault gets a token only once the user confirmed it, and a
 * value only after the gate approved. A reference to a vault not listed here fails with a message
 * that names the key, never silently.
 */
export function secretSourcesFor(io: CliIO, registry: () => Promise<ProjectRegistry>): SecretSource[] {
  const tenantId = io.env.AZURE_TENANT_ID;
  return [
    lazyAzureSecretSource((m) => ({
      credential: () => m.standardCredential(io.env),
      allowedHosts: allowedHosts(io),
      confirmVault: async (vaultUrl) => isVaultConfirmed(io, await registry(), vaultUrl),
      ...(tenantId ? { tenantId } : {}),
    })),
    // Region and account are confirmed once (a repository's reference chooses them); credentials from the SDK's standard chain.
    lazyAwsSecretSource(() => ({
      allowedHosts: awsAllowedHosts(io),
      confirmVault: async (key) => isVaultConfirmed(io, await registry(), key),
    })),
    // The address is confirmed once (a workspace can set a terminal's VAULT_ADDR); `migrate --vault hashicorp` confirms it.
    lazyHashiCorpSecretSource(() => ({ env: io.env, confirmVault: async (address) => isVaultConfirmed(io, await registry(), hashiCorpVaultKey(address)) })),
  ];
}
