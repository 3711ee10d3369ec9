import { randomBytes } from 'node:crypto';
import { chmod, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { errorCode } from './fs-errors';

/** Owner read/write only: the store holds ciphertext, the key file holds the key. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Replaces `file` with `content` atomically: a temp file in the same folder (so the rename stays on
 * one file system), fsync, rename, then fsync the folder so the rename itself survives a crash.
 * A reader sees the old file or the new one, never half of one. Callers pass only ciphertext or
 * key material meant for that very file: nothing here ever holds a plaintext value.
 */
export async function writeFileAtomically(file: string, content: string): Promise<void> {
  const folder = path.dirname(file);
  const temp = path.join(folder, `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, PRIVATE_FILE_MODE); // in case a umask or an ACL widened it
    await renameWithRetry(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/**
 * Windows refuses to replace a file another process has open (a reader, an antivirus scan) with
 * EPERM/EACCES/EBUSY for a moment; retry briefly there. Elsewhere rename just works.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 20) throw error;
      await delay(25 * (attempt + 1));
    }
  }
}

/** Best effort: Windows cannot open a folder for fsync, and some file systems refuse it. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data is already renamed into place; durability of the rename is all that is at stake.
  }
}
