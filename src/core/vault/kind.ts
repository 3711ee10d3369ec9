import type { ReferenceSyntax } from '../references/syntax';

/**
 * What a vault declares about itself to the parts of EnvGuard that never open it (detection, hover,
 * messages): its references and how to describe one. Kept light: a provider's kind.ts imports no SDK
 * and no vault code, because detection loads every kind eagerly.
 */
export interface VaultKind<R extends { readonly kind: string }> {
  readonly kind: R['kind'];
  /** For messages: "Azure Key Vault". */
  readonly title: string;
  readonly syntaxes: readonly ReferenceSyntax<R>[];
  /** A short, value-free description for messages and hovers: "Azure Key Vault x.vault.azure.net, secret DB". */
  describe(reference: R): string;
}

/** The reference type a kind parses. */
export type ReferenceOf<K> = K extends VaultKind<infer R> ? R : never;
