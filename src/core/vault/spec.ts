import { normalizeVaultUrl, VaultUrlError } from './azure/hosts';
import { VaultError } from './types';

/** Where secrets go, as a user or a project's `.envguard.json` writes it: `local`, `azure:NAME` or a Key Vault URL. */
export type VaultSpec = { readonly kind: 'local' } | { readonly kind: 'azure-keyvault'; readonly vaultUrl: string };

export const VAULT_SPEC_HELP = 'local | azure:NAME | https://NAME.vault.azure.net';

/**
 * Parses a vault as written. A Key Vault is normalised to its URL (`https://NAME.vault.azure.net`),
 * the form confirmations are remembered under; a host outside the Key Vault domains and `extraHosts`
 * is refused here, before anything could be sent to it.
 */
export function parseVaultSpec(text: string, extraHosts: readonly string[] = []): VaultSpec {
  const trimmed = text.trim();
  if (trimmed === 'local') return { kind: 'local' };
  const lower = trimmed.toLowerCase();
  const azure = lower.startsWith('azure:') ? trimmed.slice('azure:'.length) : lower.startsWith('https://') ? trimmed : undefined;
  if (azure === undefined) throw new VaultError('invalid-name', `unknown vault '${trimmed}': use ${VAULT_SPEC_HELP}`);
  try {
    return { kind: 'azure-keyvault', vaultUrl: normalizeVaultUrl(azure, extraHosts) };
  } catch (error) {
    if (error instanceof VaultUrlError) throw new VaultError('invalid-name', error.message);
    throw error;
  }
}

/** For plans and messages: "the local vault", "Azure Key Vault https://x.vault.azure.net". */
export function describeVaultSpec(spec: VaultSpec): string {
  return spec.kind === 'local' ? 'the local vault' : `Azure Key Vault ${spec.vaultUrl}`;
}

/** One key per vault, for caches and confirmations. */
export function vaultSpecKey(spec: VaultSpec): string {
  return spec.kind === 'local' ? 'local' : spec.vaultUrl.toLowerCase();
}
