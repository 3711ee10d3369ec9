import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { envFileFilter, type DiscoveryOptions } from './env-file-filter';
import { isWithin, realPathOf } from './project-files';

export type { DiscoveryOptions } from './env-file-filter';

/**
 * Finds env files below `root` (gitignored ones included: that is where they live), without
 * following symlinked folders and without entering dependency folders or Python virtualenvs. A
 * symlinked file is listed when its real path is inside `root`; one that leads out (a `.env` linked
 * to `~/.aws/credentials`) is not, and `onLinkOutside` hears of it with its real path.
 * Returns absolute paths, sorted. Synchronous on purpose: for a command-line walk, the sync calls
 * cost a fraction of the promise round trips (the extension lists files through VS Code and applies the same EnvFileFilter).
 */
export function discoverEnvFiles(root: string, options: DiscoveryOptions = {}, onLinkOutside?: (link: string, realPath: string) => void): string[] {
  const filter = envFileFilter(options);
  const found: string[] = [];
  let realRoot: string | undefined;
  const linksOut = (link: string): boolean => {
    let real: string;
    try {
      realRoot ??= realPathOf(root);
      real = realpathSync.native(link);
    } catch {
      return true; // gone or unresolvable since it was listed: nothing to read through it
    }
    if (isWithin(realRoot, real)) return false;
    onLinkOutside?.(link, real);
    return true;
  };
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
        if (!filter.walksDirectory(relative)) continue;
        walk(path.join(dir, entry.name), relative);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && filter.acceptsFile(relative)) {
        const absolute = path.join(dir, entry.name);
        if (entry.isSymbolicLink() && (!isFile(absolute) || linksOut(absolute))) continue;
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
