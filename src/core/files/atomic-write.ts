import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Temp files are named `.<name>.envguard-<random>.tmp`, next to the file they replace. */
const TEMP_PATTERN = /^\.(.+)\.envguard-[0-9a-f]{12}\.tmp$/;

/**
 * Replaces a file's content atomically: a temp file in the same folder (same file system, so the
 * rename is atomic), written and fsynced, given the original's permissions and owner, then renamed
 * over it. A reader sees the old content or the new one, never a mix; a crash leaves the original.
 * A symlink is followed: its target is replaced, the link stays.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const target = await fs.realpath(file).catch(() => path.resolve(file));
  const dir = path.dirname(target);
  const existing = await fs.stat(target).catch(() => undefined);
  const mode = existing ? existing.mode & 0o7777 : 0o644;
  const temp = path.join(dir, `.${path.basename(target)}.envguard-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(temp, mode); // the umask may have cleared bits the original had
    if (existing && process.getuid?.() === 0) await fs.chown(temp, existing.uid, existing.gid).catch(() => undefined);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename durable; not possible (nor needed) on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on folders; the rename itself has happened.
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
