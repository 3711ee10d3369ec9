import { createRequire } from 'node:module';
import type * as Keyring from '@napi-rs/keyring';
import { VaultError } from '../types';
import { KEY_BYTES } from './crypto';
import type { KeyStore } from './key-store-types';

export const KEYCHAIN_SERVICE = 'EnvGuard';
export const KEYCHAIN_LOCATION = 'OS keychain';
/** A keychain that shows an unlock prompt nobody answers must not hang the CLI forever. */
const KEYCHAIN_TIMEOUT_MS = 20_000;

/** The two calls EnvGuard makes on a keychain entry (tests inject a fake; they never touch the real one). */
export interface KeychainEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword?(): Promise<boolean>;
}

export type OpenKeychainEntry = (service: string, account: string) => KeychainEntry;

/** Why the keychain cannot be used: no native binary for this platform, no Secret Service, a locked keychain… */
export class KeychainUnavailableError extends Error {}

/** One entry per vault folder, so two ENVGUARD_HOMEs never share a key. */
export function keychainAccountFor(home: string): string {
  return `local-vault:${home}`;
}

/**
 * The key in the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on
 * Linux), as base64 in the entry's password. `probe` reads the entry once: it throws
 * KeychainUnavailableError when the keychain cannot be reached, which 'auto' turns into the
 * key-file fallback.
 */
export class KeychainKeyStore implements KeyStore {
  readonly location = KEYCHAIN_LOCATION;
  readonly description: string;
  private readonly entry: KeychainEntry;

  private constructor(entry: KeychainEntry, account: string) {
    this.entry = entry;
    this.description = `the OS keychain (service ${KEYCHAIN_SERVICE}, account ${account})`;
  }

  /** Opens the vault's entry and reads it once; throws KeychainUnavailableError when unreachable. */
  static async probe(home: string, openEntry: OpenKeychainEntry = openNativeEntry): Promise<KeychainKeyStore> {
    const account = keychainAccountFor(home);
    let store: KeychainKeyStore;
    try {
      store = new KeychainKeyStore(openEntry(KEYCHAIN_SERVICE, account), account);
    } catch (error) {
      throw new KeychainUnavailableError(reasonOf(error));
    }
    await store.read(); // reachability: reading is harmless, and the answer is needed anyway
    return store;
  }

  async load(): Promise<Buffer | undefined> {
    let text: string | null;
    try {
      text = await this.read();
    } catch (error) {
      throw new VaultError('unreachable', `cannot read the local vault's key from ${this.description}: ${reasonOf(error)}`);
    }
    if (text === null) return undefined;
    const key = Buffer.from(text, 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== text) {
      throw new VaultError('corrupt', `the local vault's key in ${this.description} is damaged (it does not hold a ${KEY_BYTES}-byte base64 key)`);
    }
    return key;
  }

  async save(key: Buffer): Promise<void> {
    const text = key.toString('base64');
    try {
      await withTimeout(this.entry.setPassword(text));
    } catch (error) {
      throw new VaultError('unreachable', `cannot store the local vault's key in ${this.description}: ${reasonOf(error)}`);
    }
    // A keychain that accepts a write but does not keep it would lose every secret written next.
    if ((await this.load())?.equals(key) !== true) throw new VaultError('unreachable', `${this.description} did not keep the local vault's key; nothing was written`);
  }

  /** Removes the entry, and checks it is gone. */
  async forget(): Promise<void> {
    try {
      await withTimeout(this.entry.deletePassword?.() ?? Promise.resolve(false));
    } catch (error) {
      throw new VaultError('unreachable', `the key was wrapped, but it could not be removed from ${this.description}: ${reasonOf(error)}; remove it yourself`);
    }
    if ((await this.read()) !== null) throw new VaultError('unreachable', `the key was wrapped, but ${this.description} still holds it; remove it yourself`);
  }

  private async read(): Promise<string | null> {
    try {
      return await withTimeout(this.entry.getPassword());
    } catch (error) {
      throw new KeychainUnavailableError(reasonOf(error));
    }
  }
}

/**
 * The key an older EnvGuard kept in the OS keychain, where any process of the user could ask for
 * it: read once by `envguard vault protect`, wrapped with the passphrase, then deleted from there.
 * Undefined when the keychain holds none (or cannot be reached: then there is nothing to move).
 */
export async function readLegacyKeychainKey(home: string, openEntry: OpenKeychainEntry = openNativeEntry): Promise<{ key: Buffer; forget: () => Promise<void> } | undefined> {
  let store: KeychainKeyStore;
  try {
    store = await KeychainKeyStore.probe(home, openEntry);
  } catch {
    return undefined;
  }
  const key = await store.load();
  if (!key) return undefined;
  return { key, forget: () => store.forget() };
}

/**
 * The native keychain library, loaded on first use (never at module load: the CLI's startup and
 * the extension's activation must not pay for a native addon). A computed name keeps bundlers
 * from inlining it: it must be resolved from node_modules at run time, with its platform binary.
 */
function openNativeEntry(service: string, account: string): KeychainEntry {
  const moduleName = '@napi-rs/keyring';
  const keyring = createRequire(__filename)(moduleName) as typeof Keyring;
  // On Linux, require the Secret Service: keyring's default falls back to the kernel keyring,
  // which forgets everything at reboot, and so would the vault's key.
  return new keyring.AsyncEntry(service, account, { linux: { store: 'secret-service' } });
}

async function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${KEYCHAIN_TIMEOUT_MS / 1000} seconds`)), KEYCHAIN_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first line of the library's message (D-Bus errors run long); never holds a key. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}
