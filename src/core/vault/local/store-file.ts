import { readFile } from 'node:fs/promises';
import { VaultError } from '../types';
import { writeFileAtomic } from '../../files/atomic-write';
import { PRIVATE_FILE_MODE } from './home';
import { describeFsError, errorCode } from '../../files/fs-errors';
import { emptyStore, parseStore, serializeStore, StoreFormatError, type Store } from './store-format';

/** The file name of the store inside the vault folder. */
export const STORE_FILE_NAME = 'vault.json';

/** The last store each file was parsed into, and the bytes it was parsed from. */
const parsed = new Map<string, { bytes: Buffer; store: Store }>();

/**
 * The store for reading: parsed again only when its bytes differ from last time (comparing bytes
 * costs a fraction of decoding and checking a store: a migration reading back a thousand values
 * parses it once, not once per file it rewrites). The store returned is shared: callers must not
 * change it (writers use readStoreFile, which parses one of their own).
 */
export async function readStoreForRead(file: string): Promise<Store> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    parsed.delete(file);
    return readStoreFile(file); // missing or unreadable: that read says why
  }
  const cached = parsed.get(file);
  if (cached?.bytes.equals(bytes)) return cached.store;
  const store = parseStoreText(file, bytes.toString('utf8'));
  parsed.set(file, { bytes, store });
  return store;
}

/**
 * Reads the store without a lock: writers replace it by rename, so a read sees one whole version.
 * A missing file is an empty store; one that cannot be read as a store is VaultError 'corrupt'
 * naming the file, which is then never written over (writers read it first and stop there).
 * Each call parses a store of its own, which the caller may change.
 */
export async function readStoreFile(file: string): Promise<Store> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return emptyStore();
    throw new VaultError('unknown', `cannot read the local vault's store ${file}: ${describeFsError(error)}`);
  }
  return parseStoreText(file, text);
}

function parseStoreText(file: string, text: string): Store {
  try {
    return parseStore(text);
  } catch (error) {
    if (!(error instanceof StoreFormatError)) throw error;
    throw new VaultError('corrupt', `the local vault's store ${file} is damaged: ${error.message}. It was left untouched; restore it from a backup, or move it away to start an empty vault`);
  }
}

export async function writeStoreFile(file: string, store: Store & { keyId: string }): Promise<void> {
  try {
    await writeFileAtomic(file, serializeStore(store), { mode: PRIVATE_FILE_MODE });
  } catch (error) {
    throw new VaultError('unknown', `cannot write the local vault's store ${file}: ${describeFsError(error)}`);
  }
}
