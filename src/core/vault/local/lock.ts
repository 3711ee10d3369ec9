import { LockLostError, LockTimeoutError, withFileLock, type HeldLock } from '../../files/lock';
import { describeFsError, errorCode } from '../../files/fs-errors';
import { VaultError } from '../types';

/**
 * Runs `action` while holding the store's inter-process lock (files/lock.ts: no two processes hold
 * it at once, also after a holder was killed). Every read-modify-write of the store goes through
 * here; `action` calls `lock.held()` right before its rename, and the store's own check (the bytes
 * it read are still the file's) catches a writer that bypassed the lock altogether.
 */
export async function withStoreLock<T>(storeFile: string, action: (lock: HeldLock) => Promise<T>): Promise<T> {
  try {
    return await withFileLock(storeFile, action);
  } catch (error) {
    if (error instanceof LockTimeoutError) {
      throw new VaultError('locked', `the local vault's store ${storeFile} is locked by another process (${error.lockPath}); try again, or remove that folder if no envguard process is running`);
    }
    if (error instanceof LockLostError) throw lockLostError(storeFile);
    if (error instanceof VaultError) throw error;
    // The lock's own files could not be made (a full disk, a read-only folder): said like any store write.
    if (errorCode(error) !== undefined) throw new VaultError('unknown', `cannot lock the local vault's store ${storeFile}: ${describeFsError(error)}`);
    throw error;
  }
}

export function lockLostError(storeFile: string): VaultError {
  return new VaultError('locked', `the lock on the local vault's store ${storeFile} was taken over by another process during a write; nothing was written, try again`);
}
