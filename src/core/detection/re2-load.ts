/**
 * RE2JS, loaded on the first custom pattern: about 150 KB that a scan, a run or the extension's
 * activation does not parse when no pattern is configured. From the bundles it is dist/re2.js (an
 * esbuild entry of its own, like dist/vault-azure.js); from the sources (tests under tsx), the package.
 */
import { loadLibrary } from '../lazy-library';

export type Re2Module = typeof import('re2js');

let loaded: Re2Module | undefined;

export function loadRe2(): Re2Module {
  loaded ??= loadLibrary<Re2Module>('re2.js', 're2js');
  return loaded;
}
