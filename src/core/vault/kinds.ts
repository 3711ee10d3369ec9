import { awsKind } from './aws/kind';
import { azureKind } from './azure/kind';
import { hashiCorpKind } from './hashicorp/kind';
import type { VaultKind } from './kind';
import { localKind } from './local/kind';

/**
 * Every vault EnvGuard can resolve, one line each. Parsing references, the malformed-reference
 * finding, detection's "a reference is not a secret", hovers and messages derive from this list.
 */
export const VAULT_KINDS = [localKind, azureKind, awsKind, hashiCorpKind] as const;

export function vaultKindOf(kind: string): VaultKind<{ readonly kind: string }> | undefined {
  return (VAULT_KINDS as readonly VaultKind<{ readonly kind: string }>[]).find((k) => k.kind === kind);
}
