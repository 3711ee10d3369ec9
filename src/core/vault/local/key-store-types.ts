/** Where the local vault's 32-byte key is kept: the OS keychain or a key file. */
export interface KeyStore {
  /** For messages and the CLI: "OS keychain" or the key file's path. */
  readonly location: string;
  /** The key, or undefined when none is stored yet. */
  load(): Promise<Buffer | undefined>;
  /** Stores a new key. Called only under the store lock, after load() found none. */
  save(key: Buffer): Promise<void>;
}

export type KeyStoreMode = 'auto' | 'keychain' | 'file';

export const KEY_STORE_MODES: readonly KeyStoreMode[] = ['auto', 'keychain', 'file'];

export function isKeyStoreMode(value: string): value is KeyStoreMode {
  return (KEY_STORE_MODES as readonly string[]).includes(value);
}
