import type { VaultProvider } from '../core/vault/types';
import type { AzureReferenceStyle } from '../core/vault/azure/azure-key-vault';
import { loadAws } from '../core/vault/aws/load';
import { loadAzure } from '../core/vault/azure/load';
import { loadHashiCorp } from '../core/vault/hashicorp/load';
import { parseVaultSpec, VAULT_SPEC_HELP, type VaultSpec } from '../core/vault/spec';
import { VaultError } from '../core/vault/types';
import { CliError, type CliIO } from './io';
import { openCliLocalVault } from './local-vault';
import { allowedHosts, allowedHostsByKind, awsAllowedHosts } from './projects';

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

/** How the CLI opens each kind of vault a user can name: the compiler checks that no kind of the registry is missing. */
const OPENERS: Record<VaultProvider['kind'], (spec: VaultSpec, io: CliIO, options: AzureWriteOptions) => Promise<VaultProvider>> = {
  local: (_spec, io) => openCliLocalVault(io),
  'azure-keyvault': async (spec, io, options) => {
    const azure = await loadAzure();
    return new azure.AzureKeyVault({
      vault: spec.location,
      credential: azure.standardCredential(io.env),
      allowedHosts: allowedHosts(io),
      referenceStyle: options.referenceStyle ?? 'app-service',
      pinVersions: options.pinVersions === true,
    });
  },
  // Credentials and region from the SDK's standard chains; the endpoint only where the user allowed it.
  'aws-secrets-manager': async (spec, io, options) => {
    const m = await loadAws();
    const layout = io.env.ENVGUARD_AWS_LAYOUT;
    if (layout !== undefined && layout !== 'json-per-environment' && layout !== 'secret-per-key') throw new CliError(`ENVGUARD_AWS_LAYOUT must be json-per-environment or secret-per-key (got '${layout}')`);
    return m.AwsSecretsManager.open({
      ...(spec.location ? { region: spec.location } : {}), allowedHosts: awsAllowedHosts(io), pinVersions: options.pinVersions === true,
      ...(layout ? { layout } : {}),
    });
  },
  // The address, namespace, CA and token come from the user's environment (VAULT_ADDR, VAULT_TOKEN…), never from the spec.
  'hashicorp-vault': async (spec, io, options) => {
    const m = await loadHashiCorp();
    return new m.HashiCorpVault({ env: io.env, mount: spec.location, pinVersions: options.pinVersions === true }).open();
  },
};

/** Opens the chosen vault; a cloud vault's module (the Azure SDK…) is loaded only here, on first use. */
export function openCliVault(choice: VaultSpec, io: CliIO, options: AzureWriteOptions = {}): Promise<VaultProvider> {
  return OPENERS[choice.kind as VaultProvider['kind']](choice, io, options);
}
