import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { errorCode } from './fs-errors';

/** Temp files are named `.<name>.envguard-<random>.tmp`, next to the file they replace. */
const TEMP_PATTERN = /^\.(.+)\.envguard-[0-9a-f]{12}\.tmp$/;

export interface AtomicWriteOptions {
  /** Force these permissions (the vault's 0600). By default an existing file keeps its own, a new one gets the umask's. */
  readonly mode?: number;
}

/**
 * Replaces a file's content atomically: a temp file in the same folder (same file system, so the
 * rename is atomic), written and fsynced, given the original's permissions and owner, renamed over
 * it, then the folder fsynced so the rename survives a crash. A reader sees the old content or the
 * new one, never a mix; a crash leaves the original. A symlink is followed: its target is replaced.
 * The temp file holds exactly what the file will hold, nothing more.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await fs.realpath(file).catch(() => path.resolve(file));
  const dir = path.dirname(target);
  const existing = await fs.stat(target).catch(() => undefined);
  const mode = options.mode ?? (existing ? existing.mode & 0o7777 : undefined);
  const temp = path.join(dir, `.${path.basename(target)}.envguard-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', mode ?? 0o666);
    try {
      await (typeof content === 'string' ? handle.writeFile(content, 'utf8') : handle.writeFile(content));
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await fs.chmod(temp, mode); // the umask may have cleared bits
    if (existing && process.getuid?.() === 0) await fs.chown(temp, existing.uid, existing.gid).catch(() => undefined);
    await renameWithRetry(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/**
 * Windows refuses to replace a file another process has open (an editor, an antivirus scan) with
 * EPERM/EACCES/EBUSY for a moment: retry briefly there. Elsewhere rename just works.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 20) throw error;
      await delay(25 * (attempt + 1));
    }
  }
}

/** Makes the rename durable; not possible (nor needed) on Windows, refused by some file systems. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // The data is already renamed into place; only the rename's durability is at stake.
  } finally {
    await handle.close();
  }
}

/** Removes temp files a crashed write left next to `file`. Returns how many were removed. */
export async function removeStaleTempFiles(file: string): Promise<number> {
  const target = await fs.realpath(file).catch(() => path.resolve(file));
  const dir = path.dirname(target);
  const base = path.basename(target);
  let removed = 0;
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (TEMP_PATTERN.exec(name)?.[1] === base) {
      await fs.rm(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
