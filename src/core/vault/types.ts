import type { VaultReference } from '../references';

/** What a vault knows about one version of a secret. Never holds the value. */
export interface SecretInfo {
  readonly name: string;
  readonly version: string;
  /** Where the vault counts its versions (the local vault): which one this is, from 1. */
  readonly versionNumber?: number;
  readonly createdOn: Date;
  readonly enabled: boolean;
  /** Where the secret came from (`envguard-project`, `envguard-environment`, `envguard-source-file`, `envguard-source-key`): never a value. */
  readonly tags: Readonly<Record<string, string>>;
  readonly contentType?: string;
  /** The local vault: the registered project (its id) the secret belongs to; absent for one stored before projects. */
  readonly owner?: string;
}

export interface SecretValue {
  readonly value: string;
  readonly info: SecretInfo;
}

export interface SetSecretOptions {
  readonly tags?: Readonly<Record<string, string>>;
  readonly contentType?: string;
  /**
   * The local vault: the project (its id) the secret belongs to. A new secret gets it; writing to a
   * secret of another project is refused ('forbidden'). Other vaults ignore it (they have their own access control).
   */
  readonly owner?: string;
}

/** One write of a batch: a new version of `name`. */
export interface SecretWrite {
  readonly name: string;
  readonly value: string;
  readonly options?: SetSecretOptions;
}

/** One read of a batch: the latest (or the given) version of `name`. */
export interface SecretRead {
  readonly name: string;
  readonly version?: string;
}

/** A value to compare with what the vault holds (the latest, or the given version). */
export interface SecretCheck {
  readonly name: string;
  readonly version?: string;
  readonly value: string;
}

/** Whether the vault holds exactly that value, and that version's info. */
export interface SecretMatch {
  readonly info: SecretInfo;
  readonly same: boolean;
}

/** A vault's naming rules, and how an env key becomes a valid secret name there. */
export interface VaultNameRules {
  /** Human description for messages, e.g. "1 to 127 letters, digits and dashes". */
  readonly description: string;
  isValid(name: string): boolean;
  /**
   * The vault's name for a secret described by its parts (project, environment, qualifiers, key), in
   * the vault's own rules; `prefix` goes before the whole. Throws VaultError 'invalid-name' if impossible.
   */
  compose(segments: readonly string[], prefix?: string): string;
  /** Whether two names denote the same secret (Key Vault names are case-insensitive). */
  same(a: string, b: string): boolean;
}

/**
 * Every vault implements this (local now; Azure Key Vault, AWS, Google, HashiCorp, 1Password later).
 * Errors are VaultError with a code the engine can act on and a message a user can act on.
 */
export interface VaultProvider {
  readonly kind: 'local' | 'azure-keyvault' | 'hashicorp-vault' | 'aws-secrets-manager';
  /** For messages: "local vault (/home/me/.local/share/envguard)", "Azure Key Vault myvault". */
  readonly displayName: string;
  readonly names: VaultNameRules;
  /** Largest value the vault accepts, in UTF-8 bytes. */
  readonly maxValueBytes: number;
  /** Whether a write keeps the previous versions. */
  readonly versioned: boolean;
  /** Whether migrated references name the version just stored (default: versionless, rotation needs no edit). */
  readonly pinVersions?: boolean;
  /**
   * How many secrets a migration may write (and read back) at once. Default 1: a vault on this
   * machine writes under one lock; a remote vault spends its time waiting on the network.
   */
  readonly writeConcurrency?: number;
  /**
   * The key under which the references this vault writes are confirmed (ProjectRegistry.confirmVault),
   * when it differs from the one its spec named: `--vault aws` writes references that name the
   * region the SDK resolved, and the user who chose that vault has confirmed that region.
   */
  readonly confirmationKey?: string;
  /** The reference text that resolves to this secret (versionless unless a version is given). */
  formatReference(name: string, version?: string): string;
  /** The secret a reference points to, when the reference belongs to this vault. */
  ownsReference(reference: VaultReference): { name: string; version?: string } | undefined;

  /** The latest (or the given) version's value; VaultError 'not-found' when absent. */
  get(name: string, version?: string): Promise<SecretValue>;
  /** Writes a new version and returns its info. */
  set(name: string, value: string, options?: SetSecretOptions): Promise<SecretInfo>;
  /** The latest version's info without its value, or undefined when there is no such secret. */
  info(name: string): Promise<SecretInfo | undefined>;
  /** The latest version of every secret, without values, sorted by name. */
  list(): Promise<SecretInfo[]>;
  /** Removes the secret and all its versions. VaultError 'not-found' when absent. */
  delete(name: string): Promise<void>;
  /** Vaults with soft delete (Key Vault): brings a deleted secret back. */
  recover?(name: string): Promise<void>;
  /**
   * A vault that can write many versions at once (the local vault: one lock, one store write) offers
   * this: the writes happen in order, all or none. Migrations of a thousand secrets use it.
   */
  setMany?(writes: readonly SecretWrite[]): Promise<SecretInfo[]>;
  /** Many reads at once (the local vault reads its store once): each a value, or the VaultError for that read. */
  getMany?(reads: readonly SecretRead[]): Promise<(SecretValue | VaultError)[]>;
  /**
   * Compares values with what the vault holds, inside the vault: a vault whose values leave only
   * after a human's approval (the local vault behind the key agent) confirms a migration this way,
   * without handing a value out. Each answer is a match, or the VaultError for that check.
   */
  matchMany?(checks: readonly SecretCheck[]): Promise<(SecretMatch | VaultError)[]>;
}

export type VaultErrorCode =
  | 'not-found' | 'conflict' | 'deleted' | 'unauthenticated' | 'forbidden' | 'throttled'
  | 'unreachable' | 'timeout' | 'invalid-name' | 'too-large' | 'corrupt' | 'locked' | 'unknown';

/** A secret's info read through `get`, or undefined where the vault says there is no such secret. */
export async function infoByReading(read: Promise<SecretValue>): Promise<SecretInfo | undefined> {
  try {
    return (await read).info;
  } catch (error) {
    if (error instanceof VaultError && error.code === 'not-found') return undefined;
    throw error;
  }
}

/** A vault's refusal or failure. The message names the vault and the secret, never a value. */
export class VaultError extends Error {
  constructor(readonly code: VaultErrorCode, message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'VaultError';
  }

  /**
   * Branded, not identity-checked: the Azure provider is a bundle of its own (loaded on first use)
   * with its own copy of this class, and its errors must still be recognised.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === 'VaultError' && typeof (value as { code?: unknown }).code === 'string';
  }
}
