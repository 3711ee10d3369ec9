import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { isEnvFileName, SKIPPED_DIRECTORIES } from './env-file-names';

export interface DiscoveryOptions {
  /** minimatch globs, relative to each root: when given, only matching env files are kept. */
  readonly include?: readonly string[];
  /** minimatch globs, relative to each root: matching files and folders are skipped. */
  readonly exclude?: readonly string[];
}

/**
 * The one definition of "an env file of this project", shared by `envguard scan`'s walk and the
 * extension (which lists candidates through VS Code and filters them here): same names, same
 * skipped folders, same include and exclude globs.
 */
export interface EnvFileFilter {
  /** Whether a folder (path relative to the root, `/`-separated) is walked. */
  walksDirectory(relative: string): boolean;
  /** Whether a file (path relative to the root, `/`-separated) is an env file to check. */
  acceptsFile(relative: string): boolean;
  /** Both at once: the file and every folder above it (for candidates found by another walker). */
  acceptsPath(relative: string): boolean;
}

/** The glob the extension asks VS Code for; `acceptsPath` then applies the exact rules. */
export const ENV_FILE_GLOB = '**/{.env,.env.*,*.env}';

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

export function envFileFilter(options: DiscoveryOptions = {}): EnvFileFilter {
  const include = compile(options.include);
  const exclude = compile(options.exclude);
  const walksDirectory = (relative: string): boolean => !SKIPPED_DIRECTORIES.has(path.posix.basename(relative)) && !exclude?.(relative);
  const acceptsFile = (relative: string): boolean =>
    isEnvFileName(path.posix.basename(relative)) && !exclude?.(relative) && (!include || include(relative));
  return {
    walksDirectory,
    acceptsFile,
    acceptsPath(relative) {
      const parts = relative.split('/');
      for (let i = 1; i < parts.length; i++) if (!walksDirectory(parts.slice(0, i).join('/'))) return false;
      return acceptsFile(relative);
    },
  };
}
