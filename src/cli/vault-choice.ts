import type { VaultProvider } from '../core/vault/types';
import type { AzureReferenceStyle } from '../core/vault/azure/azure-key-vault';
import { VAULT_CONNECTORS } from '../core/vault/connectors';
import type { VaultWriteOptions } from '../core/vault/connector';
import { parseVaultSpec, VAULT_SPEC_HELP, type VaultSpec } from '../core/vault/spec';
import { VaultError } from '../core/vault/types';
import { CliError, type CliIO } from './io';
import { openCliLocalVault } from './local-vault';
import { allowedHostsByKind } from './projects';
import { cliVaultHost } from './vault-settings';

export const VAULT_OPTION_HELP = `--vault ${VAULT_SPEC_HELP} (default: $ENVGUARD_VAULT, else local)`;

/** `--vault` (or ENVGUARD_VAULT): the local vault, or an Azure Key Vault by name or URL. A bad one is a usage error. */
export function parseVaultChoice(value: string | undefined, io: CliIO): VaultSpec {
  return parseCliVaultSpec(value ?? io.env.ENVGUARD_VAULT ?? 'local', io);
}

export function parseCliVaultSpec(text: string, io: CliIO): VaultSpec {
  try {
    return parseVaultSpec(text, allowedHostsByKind(io));
  } catch (error) {
    if (error instanceof VaultError) throw new CliError(error.message);
    throw error;
  }
}

const REFERENCE_STYLES: readonly string[] = ['app-service', 'vals'] satisfies AzureReferenceStyle[];

/** `--reference-style`: checked whatever the vault, so a typo is never silently ignored; absent: the vault's setting. */
export function parseReferenceStyle(value: string | undefined): AzureReferenceStyle | undefined {
  if (value === undefined) return undefined;
  const style = value;
  if (!REFERENCE_STYLES.includes(style)) throw new CliError(`--reference-style must be app-service or vals (got '${style}')`);
  return style as AzureReferenceStyle;
}

/** What `migrate` chose for written references (`--pin-versions`, `--reference-style`); unset: the vault's settings. */
export type AzureWriteOptions = VaultWriteOptions;

/** Opens the chosen vault: the local one through the CLI's key store, a remote one through its connector (its module loaded only now). */
export function openCliVault(choice: VaultSpec, io: CliIO, options: VaultWriteOptions = {}): Promise<VaultProvider> {
  const kind = choice.kind as VaultProvider['kind'];
  if (kind === 'local') return openCliLocalVault(io);
  const connector = VAULT_CONNECTORS[kind];
  return connector.open(choice, cliVaultHost(connector, io), options);
}
