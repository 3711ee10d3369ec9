import type { VaultProvider } from '../core/vault/types';
import { loadAzure } from '../core/vault/azure/load';
import { parseVaultSpec, VAULT_SPEC_HELP, type VaultSpec } from '../core/vault/spec';
import { VaultError } from '../core/vault/types';
import { CliError, type CliIO } from './io';
import { openCliLocalVault } from './local-vault';
import { allowedHosts } from './projects';

export const VAULT_OPTION_HELP = `--vault ${VAULT_SPEC_HELP} (default: $ENVGUARD_VAULT, else local)`;
export const REFERENCE_STYLES = ['app-service', 'vals'] as const;

/** `--vault` (or ENVGUARD_VAULT): the local vault, or an Azure Key Vault by name or URL. A bad one is a usage error. */
export function parseVaultChoice(value: string | undefined, io: CliIO): VaultSpec {
  return parseCliVaultSpec(value ?? io.env.ENVGUARD_VAULT ?? 'local', io);
}

export function parseCliVaultSpec(text: string, io: CliIO): VaultSpec {
  try {
    return parseVaultSpec(text, allowedHosts(io));
  } catch (error) {
    if (error instanceof VaultError) throw new CliError(error.message);
    throw error;
  }
}

export interface AzureWriteOptions {
  readonly pinVersions?: boolean;
  readonly referenceStyle?: string;
}

/** Checks --reference-style before anything is opened or written. */
export function checkReferenceStyle(style: string | undefined): void {
  if (style !== undefined && !(REFERENCE_STYLES as readonly string[]).includes(style)) throw new CliError(`--reference-style must be ${REFERENCE_STYLES.join(' or ')} (got '${style}')`);
}

/** Opens the chosen vault; the Azure SDK is loaded only here, on first use. */
export async function openCliVault(choice: VaultSpec, io: CliIO, options: AzureWriteOptions = {}): Promise<VaultProvider> {
  if (choice.kind === 'local') return openCliLocalVault(io);
  checkReferenceStyle(options.referenceStyle);
  const azure = await loadAzure();
  return new azure.AzureKeyVault({
    vault: choice.vaultUrl,
    credential: azure.standardCredential(io.env),
    allowedHosts: allowedHosts(io),
    referenceStyle: options.referenceStyle === 'vals' ? 'vals' : 'app-service',
    pinVersions: options.pinVersions === true,
  });
}
