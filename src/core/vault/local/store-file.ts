import { readFile } from 'node:fs/promises';
import { VaultError } from '../types';
import { ConcurrentChangeError, writeFileAtomic } from '../../files/atomic-write';
import { PRIVATE_FILE_MODE } from './home';
import { describeFsError, errorCode } from '../../files/fs-errors';
import { emptyStore, parseStore, serializeStore, StoreFormatError, type Store } from './store-format';

/** The file name of the store inside the vault folder. */
export const STORE_FILE_NAME = 'vault.json';

/** A store as read: what it holds, and the exact bytes it came from (undefined: there was no file). */
export interface ReadStore {
  readonly store: Store;
  readonly bytes: Buffer | undefined;
}

/** The last store each file was parsed into, and the bytes it was parsed from. */
const parsed = new Map<string, { bytes: Buffer; store: Store }>();

/**
 * The store for reading: parsed again only when its bytes differ from last time (comparing bytes
 * costs a fraction of decoding and checking a store: a migration reading back a thousand values
 * parses it once, not once per file it rewrites). The store returned is shared: callers must not
 * change it (writers use readStoreFile, which parses one of their own).
 */
export async function readStoreForRead(file: string): Promise<ReadStore> {
  const bytes = await readStoreBytes(file);
  if (bytes === undefined) {
    parsed.delete(file);
    return { store: emptyStore(), bytes };
  }
  const cached = parsed.get(file);
  if (cached?.bytes.equals(bytes)) return { store: cached.store, bytes };
  const store = parseStoreBytes(file, bytes);
  parsed.set(file, { bytes, store });
  return { store, bytes };
}

/**
 * Reads the store without a lock: writers replace it by rename, so a read sees one whole version.
 * A missing file is an empty store; one that cannot be read as a store is VaultError 'corrupt'
 * naming the file, which is then never written over (writers read it first and stop there).
 * Each call parses a store of its own, which the caller may change.
 */
export async function readStoreFile(file: string): Promise<ReadStore> {
  const bytes = await readStoreBytes(file);
  return { store: bytes === undefined ? emptyStore() : parseStoreBytes(file, bytes), bytes };
}

async function readStoreBytes(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new VaultError('unknown', `cannot read the local vault's store ${file}: ${describeFsError(error)}`);
  }
}

function parseStoreBytes(file: string, bytes: Buffer): Store {
  try {
    return parseStore(bytes.toString('utf8'));
  } catch (error) {
    if (!(error instanceof StoreFormatError)) throw error;
    throw new VaultError('corrupt', `the local vault's store ${file} is damaged: ${error.message}. It was left untouched; restore it from a backup, or move it away to start an empty vault`);
  }
}

/**
 * Replaces the store, atomically, only if the file still holds the bytes the writer read (`readFrom`):
 * a generation the writer did not read is never written over (VaultError 'conflict', nothing written).
 */
export async function writeStoreFile(file: string, store: Store & { keyId: string; indexMac: string }, readFrom: Buffer | undefined): Promise<void> {
  const expect = (current: Buffer | undefined): boolean => (current === undefined ? readFrom === undefined : readFrom !== undefined && current.equals(readFrom));
  try {
    await writeFileAtomic(file, serializeStore(store), { mode: PRIVATE_FILE_MODE, expect });
  } catch (error) {
    if (error instanceof ConcurrentChangeError) {
      throw new VaultError('conflict', `the local vault's store ${file} was changed by another writer since it was read; nothing was written, try again`);
    }
    throw new VaultError('unknown', `cannot write the local vault's store ${file}: ${describeFsError(error)}`);
  }
}
