/** Where the local vault's 32-byte key is kept: the key file of an automation vault, or the key agent's memory. */
export interface KeyStore {
  /** For messages and the CLI: the key file's path, or "the EnvGuard key agent (unlocked with your passphrase)". */
  readonly location: string;
  /** The key, or undefined when none is stored yet. */
  load(): Promise<Buffer | undefined>;
  /** Stores a new key. Called only under the store lock, after load() found none. */
  save(key: Buffer): Promise<void>;
}

/**
 * - 'passphrase' (the default): the key rests wrapped by the human's passphrase; values leave the
 *   vault only through the key agent, after an approval (core/gate).
 * - 'automation': the key in a plain file beside the store, no human in the loop: for CI, tests and
 *   demos, and only at an ENVGUARD_HOME of its own (never the user's vault, never one with a wrapped key).
 */
export type KeyStoreMode = 'passphrase' | 'automation';

export const KEY_STORE_MODES: readonly KeyStoreMode[] = ['passphrase', 'automation'];

/**
 * The mode a setting or ENVGUARD_KEY_STORE names. Earlier names keep working: 'auto' and 'keychain'
 * (the key in the OS keychain, which any process of the user could ask for) are now 'passphrase';
 * 'file' is 'automation'. Undefined for anything else.
 */
export function parseKeyStoreMode(value: string): KeyStoreMode | undefined {
  switch (value) {
    case 'passphrase': case 'auto': case 'keychain': return 'passphrase';
    case 'automation': case 'file': return 'automation';
    default: return undefined;
  }
}

export function isKeyStoreMode(value: string): boolean {
  return parseKeyStoreMode(value) !== undefined;
}
