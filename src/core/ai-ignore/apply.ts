/**
 * The disk side of `envguard ignore`: reads the managed files, plans, and writes what changed.
 * A file that cannot be read or written is reported and the others are still written.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { MANAGED_PATHS, planFile, type PlannedChange } from './plan';

/** created/updated/unchanged when writing; missing/stale/unchanged when checking; error in both. */
export type FileStatus = 'created' | 'updated' | 'unchanged' | 'missing' | 'stale' | 'error';

export interface FileResult {
  /** Relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly status: FileStatus;
  /** Why, for `error`. */
  readonly reason?: string;
}

export interface ApplyOptions {
  /** Compute and report only: nothing is written. */
  readonly check?: boolean;
}

/** Brings every managed file of `dir` up to date (or, with `check`, reports which are not). */
export async function applyIgnoreFiles(dir: string, options: ApplyOptions = {}): Promise<FileResult[]> {
  return Promise.all(MANAGED_PATHS.map((relative) => syncFile(dir, relative, options.check === true)));
}

async function syncFile(dir: string, relative: string, check: boolean): Promise<FileResult> {
  const file = path.join(dir, ...relative.split('/'));
  let change: PlannedChange;
  try {
    change = planFile(relative, await readText(file));
  } catch (error) {
    return { path: relative, status: 'error', reason: describe(error) };
  }
  switch (change.action) {
    case 'error':
      return { path: relative, status: 'error', reason: change.reason };
    case 'unchanged':
      return { path: relative, status: 'unchanged' };
    case 'create':
    case 'update':
      if (check) return { path: relative, status: change.action === 'create' ? 'missing' : 'stale' };
      try {
        await writeAtomically(file, change.content);
      } catch (error) {
        return { path: relative, status: 'error', reason: describe(error) };
      }
      return { path: relative, status: change.action === 'create' ? 'created' : 'updated' };
  }
}

/** The file's text, undefined when it does not exist. Throws for unreadable or non-UTF-8 files. */
async function readText(file: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const text = bytes.toString('utf8');
  // Rewriting a file that is not UTF-8 would replace its undecodable bytes.
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new Error('not UTF-8 text; not modified');
  return text;
}

/**
 * Temp file in the same folder, then rename: a reader sees the old file or the new one, never half
 * of one. Keeps the file's permission bits, and writes through a symlink instead of replacing it.
 */
async function writeAtomically(file: string, content: string): Promise<void> {
  const target = await realpath(file).catch(() => file);
  const folder = path.dirname(target);
  await mkdir(folder, { recursive: true });
  const mode = await stat(target).then((stats) => stats.mode & 0o7777, () => undefined);
  const temp = path.join(folder, `.${path.basename(target)}.envguard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask applied at creation; the existing file's bits win.
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
};

/** A short reason without the absolute path (the report already names the file). */
function describe(error: unknown): string {
  const code = errorCode(error);
  const known = code === undefined ? undefined : FS_ERRORS[code];
  if (known !== undefined) return known;
  return error instanceof Error ? error.message : String(error);
}
