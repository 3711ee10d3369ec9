/**
 * The disk side of `envguard ignore`: reads the managed files, plans, and writes what changed.
 * A file that cannot be read or written is reported and the others are still written. `dir` is the
 * project: a managed file (or its folder, `.vscode`, `.claude`) that is a symbolic link leading out
 * of it is reported and neither read nor written; links that stay inside are written through.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describeFsError as describe, errorCode } from '../files/fs-errors';
import { OutsideProjectError, realPathInside, writeProjectFile } from '../files/project-files';
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
    change = planFile(relative, await readText(realPathInside(dir, file, relative)));
  } catch (error) {
    return { path: relative, status: 'error', reason: reasonOf(error) };
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
        await writeProjectFile(dir, file, change.content, { label: relative, createParents: true });
      } catch (error) {
        return { path: relative, status: 'error', reason: reasonOf(error) };
      }
      return { path: relative, status: change.action === 'create' ? 'created' : 'updated' };
  }
}

function reasonOf(error: unknown): string {
  return error instanceof OutsideProjectError ? `${error.reason}; not modified` : describe(error);
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
