import { readdirSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { isEnvFileName, SKIPPED_DIRECTORIES } from './env-file-names';

export interface DiscoveryOptions {
  /** minimatch globs, relative to each root: when given, only matching env files are kept. */
  readonly include?: readonly string[];
  /** minimatch globs, relative to each root: matching files and folders are skipped. */
  readonly exclude?: readonly string[];
}

/** A glob without a slash matches a name at any depth, as in .gitignore. */
function compile(globs: readonly string[] | undefined): ((relative: string) => boolean) | undefined {
  if (!globs || globs.length === 0) return undefined;
  const matchers = globs.map((glob) => {
    const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
    return { pattern, baseName: !pattern.includes('/') };
  });
  return (relative) =>
    matchers.some(({ pattern, baseName }) =>
      minimatch(relative, pattern, { dot: true }) || (baseName && minimatch(path.posix.basename(relative), pattern, { dot: true })));
}

/**
 * Finds env files below `root` (gitignored ones included: that is where they live), without
 * following symlinked folders and without entering dependency folders or Python virtualenvs.
 * Returns absolute paths, sorted. Synchronous on purpose: for a command-line walk, the sync calls
 * cost a fraction of the promise round trips (the extension discovers files through VS Code).
 */
export function discoverEnvFiles(root: string, options: DiscoveryOptions = {}): string[] {
  const include = compile(options.include);
  const exclude = compile(options.exclude);
  const found: string[] = [];
  const walk = (dir: string, relativeDir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to report in it
    }
    // A virtualenv (often named `.env` itself) holds installed packages, not the project's settings.
    if (relativeDir !== '' && entries.some((e) => e.name === 'pyvenv.cfg')) return;
    for (const entry of entries) {
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || exclude?.(relative)) continue;
        walk(path.join(dir, entry.name), relative);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isEnvFileName(entry.name)) {
        if (exclude?.(relative) || (include && !include(relative))) continue;
        const absolute = path.join(dir, entry.name);
        if (entry.isSymbolicLink() && !isFile(absolute)) continue;
        found.push(absolute);
      }
    }
  };
  walk(path.resolve(root), '');
  return found.sort();
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
