/**
 * RE2JS, loaded on the first custom pattern: about 150 KB that a scan, a run or the extension's
 * activation does not parse when no pattern is configured. From the bundles it is dist/re2.js (an
 * esbuild entry of its own, like dist/vault-azure.js); from the sources (tests under tsx), the package.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export type Re2Module = typeof import('re2js');

let loaded: Re2Module | undefined;

export function loadRe2(): Re2Module {
  if (loaded) return loaded;
  const candidates = [path.join(__dirname, 're2.js'), path.join(__dirname, '..', 're2.js')];
  const bundle = candidates.find((candidate) => existsSync(candidate));
  const name = 're2js'; // a runtime name: esbuild leaves it out of the bundle
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require(bundle ?? name) as Re2Module;
  return loaded;
}
