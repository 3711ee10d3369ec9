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
  /** How a user names such a vault as a destination; absent for a kind EnvGuard only reads. */
  readonly spec?: VaultSpecSyntax;
}

/** The reference type a kind parses. */
export type ReferenceOf<K> = K extends VaultKind<infer R> ? R : never;

/** A vault as a user or a project's `.envguard.json` names it (`local`, `azure:NAME`…), parsed by its kind. */
export interface VaultSpec {
  readonly kind: string;
  /** Where it is: Key Vault's URL, a region, an address; empty for the local vault. */
  readonly location: string;
  /** For plans and messages: "the local vault", "Azure Key Vault https://x.vault.azure.net". */
  readonly description: string;
  /** One key per vault, for caches and confirmations (a remote vault named by a workspace is confirmed under it). */
  readonly key: string;
  /** False for the local vault: it is the user's own and needs no confirmation. */
  readonly remote: boolean;
}

export interface SpecContext {
  /** Hosts the user allowed for a kind besides its own domains (user settings only, never a workspace's). */
  readonly allowedHosts: (kind: string) => readonly string[];
}

/** How a kind's vaults are named in `--vault`, ENVGUARD_VAULT, settings and `.envguard.json`. */
export interface VaultSpecSyntax {
  /** "azure:NAME | https://NAME.vault.azure.net" */
  readonly help: string;
  /** The vault `text` names when it is written in this kind's form; undefined when not; VaultError 'invalid-name' when it is this kind's but wrong. */
  parse(text: string, context: SpecContext): VaultSpec | undefined;
}
