import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A library loaded on first use, so that activation and the commands that do not need it never
 * parse it. From the bundles it is `dist/<bundle>` (an esbuild entry of its own, see package.json's
 * build:cli); from the sources (tests under tsx), the package itself.
 */
export function loadLibrary<T>(bundle: string, packageName: string): T {
  const candidates = [path.join(__dirname, bundle), path.join(__dirname, '..', bundle)];
  const found = candidates.find((candidate) => existsSync(candidate));
  // A name known only at run time: esbuild leaves it out of the bundle that calls this.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(found ?? packageName) as T;
}

/**
 * A loader of a module of EnvGuard's own that the bundles ship apart (dist/vault-aws.js…), with the
 * sources' `index` as the fallback under tsx: loaded once on first use, and again after a failure.
 */
export function lazyModule<T>(bundle: string, sources: string): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= Promise.resolve().then(() => loadLibrary<T>(bundle, sources)).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
