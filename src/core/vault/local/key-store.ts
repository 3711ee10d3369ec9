import { realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VaultError } from '../types';
import { keyIdOf } from './crypto';
import { ENVGUARD_HOME_VARIABLE, resolveLocalVaultHome } from './home';
import { FileKeyStore, KEY_FILE_NAME } from './key-file';
import type { KeyStore, KeyStoreMode } from './key-store-types';
import { readWrappedKey, WRAPPED_KEY_FILE_NAME } from './wrapped-key';

/** The chosen key store, and what the vault says when the key is missing. */
export interface KeySelection {
  readonly store: KeyStore;
  readonly mode: KeyStoreMode;
  /** Where the key was looked for, for the "key is missing" message. */
  readonly searched: readonly string[];
}

export interface KeySelectionOptions {
  readonly mode: KeyStoreMode;
  /** The vault folder, already created and resolved. */
  readonly home: string;
  /** Where the user's own vault folder is worked out (ENVGUARD_HOME aside). */
  readonly env: NodeJS.ProcessEnv;
  /** 'passphrase': the key, unwrapped by the key agent with the human's passphrase. */
  readonly key?: Buffer;
}

/** What opens the local vault of the user: the message for a vault whose values are released only by the key agent. */
export const LOCKED_VAULT_HELP = 'values leave it only through the EnvGuard key agent, after you approve (envguard unlock, or the EnvGuard extension in VS Code)';

/**
 * - 'automation': the key file, at an ENVGUARD_HOME that is not the user's own vault folder and holds
 *   no wrapped key: an agent that sets ENVGUARD_KEY_STORE gets an empty vault of its own, never the user's.
 * - 'passphrase': the key the key agent unwrapped, checked against the wrapped key's id. Without it
 *   the vault is 'locked': no process but the key agent opens it.
 */
export async function selectKeyStore(options: KeySelectionOptions): Promise<KeySelection> {
  const { mode, home } = options;
  const keyFile = path.join(home, KEY_FILE_NAME);
  const wrapped = await readWrappedKey(home);
  if (mode === 'automation') {
    if (wrapped) {
      throw new VaultError('forbidden', `the local vault in ${home} is protected by a passphrase (${WRAPPED_KEY_FILE_NAME}): an automation key store never opens it; give automation a folder of its own with ${ENVGUARD_HOME_VARIABLE}`);
    }
    if (await sameFolder(home, userVaultHome(options.env))) {
      throw new VaultError('forbidden', `an automation key store (a plain key file, no approvals) is only for a vault of its own: set ${ENVGUARD_HOME_VARIABLE} to a folder for it; your own vault in ${home} keeps its key wrapped by your passphrase`);
    }
    return { store: new FileKeyStore(keyFile), mode, searched: [keyFile] };
  }
  if (!options.key) throw new VaultError('locked', `the local vault in ${home} is protected by your passphrase: ${LOCKED_VAULT_HELP}`);
  if (!wrapped) throw new VaultError('locked', `the local vault in ${home} has no passphrase yet: run envguard vault init in a terminal`);
  if (keyIdOf(options.key) !== wrapped.keyId) throw new VaultError('corrupt', `the key held is not the one ${path.join(home, WRAPPED_KEY_FILE_NAME)} wraps: lock and unlock again`);
  return { store: new HeldKeyStore(options.key), mode, searched: [path.join(home, WRAPPED_KEY_FILE_NAME)] };
}

/** The user's own vault folder: where it lives when ENVGUARD_HOME is not set. */
function userVaultHome(env: NodeJS.ProcessEnv): string {
  const { [ENVGUARD_HOME_VARIABLE]: _ignored, ...rest } = env;
  return path.resolve(resolveLocalVaultHome(rest, process.platform, os.homedir()));
}

async function sameFolder(a: string, b: string): Promise<boolean> {
  const real = (p: string) => realpath(p).catch(() => path.resolve(p));
  if ((await real(a)) === (await real(b))) return true;
  // Hard to fake by spelling: the same device and inode is the same folder.
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** The key in memory, given by the key agent; a passphrase vault never writes a key of its own. */
class HeldKeyStore implements KeyStore {
  readonly location = 'the EnvGuard key agent (unlocked with your passphrase)';
  constructor(private readonly key: Buffer) {}
  load(): Promise<Buffer> {
    return Promise.resolve(this.key);
  }
  save(): Promise<void> {
    return Promise.reject(new VaultError('corrupt', 'a passphrase vault gets its key when it is set up (envguard vault init), never on a write'));
  }
}
