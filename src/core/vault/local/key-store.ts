import path from 'node:path';
import { VaultError } from '../types';
import { FileKeyStore, KEY_FILE_NAME } from './key-file';
import { KeychainKeyStore, KeychainUnavailableError, type OpenKeychainEntry } from './keychain';
import type { KeyStore, KeyStoreMode } from './key-store-types';

/** The chosen key store, and what the vault says when the key is missing. */
export interface KeySelection {
  readonly store: KeyStore;
  /** Where the key was looked for, for the "key is missing" message. */
  readonly searched: readonly string[];
  /** Set when 'auto' fell back to the key file: the keychain could not be checked, and why. */
  readonly keychainUnavailable?: string;
}

export interface KeySelectionOptions {
  readonly mode: KeyStoreMode;
  /** The vault folder, already created and resolved. */
  readonly home: string;
  readonly onWarning: (message: string) => void;
  readonly openKeychainEntry?: OpenKeychainEntry;
}

/**
 * - 'file': the key file in the vault folder.
 * - 'keychain': the OS keychain, or VaultError 'unreachable'.
 * - 'auto': an existing key file wins (switching modes never orphans a vault); else the keychain;
 *   else, when it cannot be reached (no native binary, no Secret Service on a headless Linux box),
 *   the key file, with a warning through `onWarning` when that file is created.
 */
export async function selectKeyStore(options: KeySelectionOptions): Promise<KeySelection> {
  const { mode, home, onWarning } = options;
  const keyFile = path.join(home, KEY_FILE_NAME);
  if (mode === 'file') return { store: new FileKeyStore(keyFile), searched: [keyFile] };
  if (mode === 'auto' && await new FileKeyStore(keyFile).exists()) return { store: new FileKeyStore(keyFile), searched: [keyFile] };
  try {
    const keychain = await KeychainKeyStore.probe(home, options.openKeychainEntry);
    return { store: keychain, searched: mode === 'auto' ? [keyFile, keychain.description] : [keychain.description] };
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    if (mode === 'keychain') {
      throw new VaultError('unreachable', `the local vault's key store is set to the OS keychain, which is unreachable: ${error.message}`);
    }
    const reason = error.message;
    const warning = `the OS keychain is unreachable (${reason}), so the local vault's key was written to the file ${keyFile} `
      + '(readable only by you): anyone who can read that file can decrypt the vault.';
    return { store: new FileKeyStore(keyFile, () => onWarning(warning)), searched: [keyFile], keychainUnavailable: reason };
  }
}
