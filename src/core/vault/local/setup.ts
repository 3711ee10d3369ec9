import { mkdir, realpath, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { describeFsError } from '../../files/fs-errors';
import { VaultError } from '../types';
import { generateKey, keyIdOf } from './crypto';
import { assertPrivate } from './home';
import { FileKeyStore, KEY_FILE_NAME } from './key-file';
import { withStoreLock } from './lock';
import { readStoreFile, STORE_FILE_NAME } from './store-file';
import { MIN_PASSPHRASE_LENGTH, readWrappedKey, unwrapKey, wrapKey, writeWrappedKey } from './wrapped-key';

/** What a vault folder holds: a wrapped key (set up), a plain key file (automation, or an older EnvGuard), secrets. */
export interface VaultHomeState {
  readonly home: string;
  readonly wrapped: boolean;
  readonly keyFile: boolean;
  readonly secrets: number;
  /** The key id the store was written with, when it holds secrets. */
  readonly storeKeyId?: string;
}

export async function inspectVaultHome(wanted: string): Promise<VaultHomeState> {
  let home: string;
  try {
    await mkdir(wanted, { recursive: true, mode: 0o700 });
    home = await realpath(wanted);
  } catch (error) {
    throw new VaultError('unknown', `cannot create the local vault's folder ${wanted}: ${describeFsError(error)}`);
  }
  await assertPrivate(home, 'folder');
  const { store } = await readStoreFile(path.join(home, STORE_FILE_NAME));
  return {
    home,
    wrapped: (await readWrappedKey(home)) !== undefined,
    keyFile: await new FileKeyStore(path.join(home, KEY_FILE_NAME)).exists(),
    secrets: store.secrets.size,
    ...(store.keyId !== undefined && store.secrets.size > 0 ? { storeKeyId: store.keyId } : {}),
  };
}

export function checkNewPassphrase(passphrase: string): string | undefined {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `a passphrase has at least ${MIN_PASSPHRASE_LENGTH} characters`;
  return undefined;
}

/**
 * Sets up the user's vault: a new key, wrapped by the passphrase. Refused where a key already
 * exists (wrapped: it is set up; a plain one or secrets: `protect` keeps their key instead).
 */
export async function initPassphraseVault(home: string, passphrase: string): Promise<void> {
  await withVaultWithoutPassphrase(home, passphrase, async (state) => {
    if (state.keyFile || state.secrets > 0) throw new VaultError('conflict', `the local vault in ${state.home} already holds a key or secrets: run envguard vault protect to wrap its key with a passphrase`);
    const key = generateKey();
    await writeWrappedKey(state.home, await wrapKey(key, passphrase));
    key.fill(0);
  });
}

/**
 * Wraps an existing key (an older EnvGuard's key file or keychain entry) with a passphrase, checks
 * the wrapped key opens again, and only then removes the plain copy through `forget`.
 */
export async function protectVaultKey(home: string, key: Buffer, passphrase: string, forget: () => Promise<void>): Promise<void> {
  await withVaultWithoutPassphrase(home, passphrase, async (state) => {
    if (state.storeKeyId !== undefined && state.storeKeyId !== keyIdOf(key)) {
      throw new VaultError('corrupt', `the key found is not the one the local vault's store was written with (key id ${keyIdOf(key)}, the store expects ${state.storeKeyId}); nothing was changed`);
    }
    const wrapped = await wrapKey(key, passphrase);
    await writeWrappedKey(state.home, wrapped);
    const back = await unwrapKey((await readWrappedKey(state.home))!, passphrase);
    if (!back?.equals(key)) throw new VaultError('corrupt', 'the wrapped key did not open again; the plain key was kept');
    back.fill(0);
    await forget();
  });
}

/** Checks the new passphrase, then runs `work` under the store lock on a vault that has none yet. */
async function withVaultWithoutPassphrase(home: string, passphrase: string, work: (state: VaultHomeState) => Promise<void>): Promise<void> {
  const problem = checkNewPassphrase(passphrase);
  if (problem) throw new VaultError('unknown', problem);
  const { home: folder } = await inspectVaultHome(home);
  await withStoreLock(path.join(folder, STORE_FILE_NAME), async () => {
    const state = await inspectVaultHome(folder);
    if (state.wrapped) throw new VaultError('conflict', `the local vault in ${state.home} already has a passphrase`);
    await work(state);
  });
}

/** The plain key file of an older EnvGuard, or undefined. */
export async function readKeyFile(home: string): Promise<Buffer | undefined> {
  return new FileKeyStore(path.join(home, KEY_FILE_NAME)).load();
}

export async function removeKeyFile(home: string): Promise<void> {
  try {
    await unlink(path.join(home, KEY_FILE_NAME));
  } catch (error) {
    throw new VaultError('unknown', `the key was wrapped, but the plain key file ${path.join(home, KEY_FILE_NAME)} could not be removed (${describeFsError(error)}): remove it yourself`);
  }
}

/** A new passphrase for a set-up vault: the old one opens the key, the new one wraps it. */
export async function changePassphrase(home: string, oldPassphrase: string, newPassphrase: string): Promise<void> {
  const problem = checkNewPassphrase(newPassphrase);
  if (problem) throw new VaultError('unknown', problem);
  await withStoreLock(path.join(home, STORE_FILE_NAME), async () => {
    const wrapped = await readWrappedKey(home);
    if (!wrapped) throw new VaultError('locked', `the local vault in ${home} has no passphrase yet: run envguard vault init`);
    const key = await unwrapKey(wrapped, oldPassphrase);
    if (!key) throw new VaultError('unauthenticated', 'the passphrase is wrong');
    await writeWrappedKey(home, await wrapKey(key, newPassphrase));
    key.fill(0);
  });
}
