import type { VaultProvider } from '../core/vault/types';
import type { AzureReferenceStyle } from '../core/vault/azure/azure-key-vault';
import { loadAzure } from '../core/vault/azure/load';
import { CliError, type CliIO } from './io';
import { openCliLocalVault } from './local-vault';

export type VaultChoice = { readonly kind: 'local' } | { readonly kind: 'azure-keyvault'; readonly vault: string };

export const VAULT_OPTION_HELP = '--vault local | azure:NAME | https://NAME.vault.azure.net (default: $ENVGUARD_VAULT, else local)';

/** `--vault` (or ENVGUARD_VAULT): the local vault, or an Azure Key Vault by name or URL. */
export function parseVaultChoice(value: string | undefined, io: CliIO): VaultChoice {
  const text = (value ?? io.env.ENVGUARD_VAULT ?? 'local').trim();
  if (text === 'local') return { kind: 'local' };
  if (text.toLowerCase().startsWith('azure:')) return { kind: 'azure-keyvault', vault: text.slice('azure:'.length) };
  if (text.toLowerCase().startsWith('https://')) return { kind: 'azure-keyvault', vault: text };
  throw new CliError(`unknown vault '${text}': use ${VAULT_OPTION_HELP.replace('--vault ', '')}`);
}

/** Hosts besides the Key Vault domains that may receive credentials (private endpoints): a user setting, never a project file. */
export function allowedHosts(io: CliIO): string[] {
  return (io.env.ENVGUARD_AZURE_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h.length > 0);
}

const REFERENCE_STYLES: readonly string[] = ['app-service', 'vals'] satisfies AzureReferenceStyle[];

/** `--reference-style`: checked whatever the vault, so a typo is never silently ignored. */
export function parseReferenceStyle(value: string | undefined): AzureReferenceStyle {
  const style = value ?? 'app-service';
  if (!REFERENCE_STYLES.includes(style)) throw new CliError(`--reference-style must be app-service or vals (got '${style}')`);
  return style as AzureReferenceStyle;
}

export interface AzureWriteOptions {
  readonly pinVersions?: boolean;
  readonly referenceStyle?: AzureReferenceStyle;
}

/** Opens the chosen vault; the Azure SDK is loaded only here, on first use. */
export async function openCliVault(choice: VaultChoice, io: CliIO, options: AzureWriteOptions = {}): Promise<VaultProvider> {
  if (choice.kind === 'local') return openCliLocalVault(io);
  const style = options.referenceStyle ?? 'app-service';
  const azure = await loadAzure();
  try {
    return new azure.AzureKeyVault({
      vault: choice.vault,
      credential: azure.standardCredential(io.env),
      allowedHosts: allowedHosts(io),
      referenceStyle: style,
      pinVersions: options.pinVersions === true,
    });
  } catch (error) {
    if (error instanceof azure.VaultUrlError) throw new CliError(error.message);
    throw error;
  }
}
