import { vaultKindOf } from '../vault/kinds';
import { describeForeignReference, FOREIGN_TITLES, type OnePasswordReference, type ValsReference } from './foreign';
import type { VaultReference } from './types';

export { formatLocalReference } from '../vault/local/kind';
export { formatAppServiceReference, formatValsReference, parseSecretUri } from '../vault/azure/kind';

/** A short, value-free description of a reference for messages and hovers. */
export function describeReference(ref: VaultReference): string {
  const kind = vaultKindOf(ref.kind);
  return kind ? kind.describe(ref) : describeForeignReference(ref as OnePasswordReference | ValsReference);
}

/** The vault's title for messages ("Azure Key Vault", "local", "1Password"). */
export function titleOfReferenceKind(kind: VaultReference['kind']): string {
  return vaultKindOf(kind)?.title ?? FOREIGN_TITLES[kind as keyof typeof FOREIGN_TITLES];
}
