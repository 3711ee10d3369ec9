import { awsConnector } from './aws/connector';
import { azureConnector } from './azure/connector';
import type { VaultConnector, VaultSettings } from './connector';
import type { VaultSpec } from './kind';
import { vaultKindOf, VAULT_KINDS } from './kinds';
import { parseVaultSpec } from './spec';
import { VaultError } from './types';
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

/**
 * The vault a location typed into Choose Vault names (a Key Vault's name or URL, a region, a mount),
 * refused unless it is a vault of this connector's kind whose normalised location, the value stored,
 * names the same vault again: `hashicorp-vault:https://…` typed as an Azure vault, or a region with
 * an account, would otherwise confirm one vault and store another. Undefined: an empty answer where
 * empty is a choice (AWS: the default region).
 */
export function locationSpec(connector: VaultConnector, text: string, allowedHosts: Record<string, readonly string[]>): VaultSpec | undefined {
  const typed = text.trim();
  const title = vaultKindOf(connector.kind)?.title ?? connector.kind;
  if (typed === '') {
    if (connector.choice.optional) return undefined;
    throw new VaultError('invalid-name', `Enter the ${title}'s location${connector.choice.placeHolder ? ` (${connector.choice.placeHolder})` : ''}`);
  }
  const spec = parseVaultSpec(connector.defaultSpec(typed), allowedHosts);
  if (spec.kind !== connector.kind || parseVaultSpec(connector.defaultSpec(spec.location), allowedHosts).key !== spec.key) {
    throw new VaultError('invalid-name', `'${typed}' is not a location of ${title}${connector.choice.placeHolder ? `: type ${connector.choice.placeHolder}` : ''}`);
  }
  return spec;
}
