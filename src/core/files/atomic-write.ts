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
  /**
   * Checked right before the rename, on the file's bytes then (undefined when it does not exist): false
   * means someone changed the file since the caller read it, and nothing is replaced (ConcurrentChangeError).
   * The window left is the rename itself.
   */
  readonly expect?: (current: Buffer | undefined) => boolean;
}

/** The file changed between the caller's read and the replace: it was left as the other writer left it. */
export class ConcurrentChangeError extends Error {
  constructor(readonly file: string) {
    super(`${file} was changed by another program while EnvGuard was writing it; it was left as that program left it`);
    this.name = 'ConcurrentChangeError';
  }
}

/**
 * Replaces a file's content atomically, following a symlink to replace its target. For files
 * outside every project (the local vault's); a project's files go through writeProjectFile
 * (project-files.ts), which refuses a link that leads out of the project.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await replaceFileAtomic(await fs.realpath(file).catch(() => path.resolve(file)), content, options);
}

/**
 * Replaces the file at exactly `target` (already resolved: a link there is replaced, not followed):
 * a temp file in the same folder (same file system, so the rename is atomic), written and fsynced,
 * given the original's permissions and owner, renamed over it, then the folder fsynced so the rename
 * survives a crash. A reader sees the old content or the new one, never a mix; a crash leaves the
 * original. The temp file holds exactly what the file will hold, nothing more.
 */
export async function replaceFileAtomic(target: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
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
    if (options.expect && !options.expect(await fs.readFile(target).catch((error: unknown) => { if (errorCode(error) === 'ENOENT') return undefined; throw error; }))) {
      throw new ConcurrentChangeError(target);
    }
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
