import { awsConnector } from './aws/connector';
import { azureConnector } from './azure/connector';
import type { VaultConnector, VaultSettings } from './connector';
import { VAULT_KINDS } from './kinds';
import { hashiCorpConnector } from './hashicorp/connector';
import type { VaultProvider } from './types';

export type RemoteVaultKind = Exclude<VaultProvider['kind'], 'local'>;

/**
 * How each remote vault of the registry (kinds.ts) opens: its settings, its default destination, its
 * provider and its secret source. The adapters open vaults only through this table (the local vault,
 * the user's own, opens through each adapter's key store); the compiler names a kind that is missing.
 */
export const VAULT_CONNECTORS: Readonly<Record<RemoteVaultKind, VaultConnector>> = {
  'azure-keyvault': azureConnector,
  'aws-secrets-manager': awsConnector,
  'hashicorp-vault': hashiCorpConnector,
};

/** In the registry's order (the order Choose Vault offers them in). */
export const REMOTE_CONNECTORS: readonly VaultConnector[] = VAULT_KINDS.flatMap((kind) => (kind.kind === 'local' ? [] : [VAULT_CONNECTORS[kind.kind]]));

/** The hosts the user allowed besides each vault's own domains, by kind: what parseVaultSpec checks a named vault against. */
export function allowedHostsByKind(settingsOf: (connector: VaultConnector) => VaultSettings): Record<string, readonly string[]> {
  return Object.fromEntries(REMOTE_CONNECTORS.map((connector) => [connector.kind, (settingsOf(connector).allowedHosts as readonly string[] | undefined) ?? []]));
}
