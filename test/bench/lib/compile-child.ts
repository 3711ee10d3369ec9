import * as path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Compiles a script of child/ to plain CommonJS in `work` and returns its path. The measured
 * processes must run bare JS: starting them through tsx would add the loader's cost to the figures.
 */
export function compileChild(name: 'floor' | 'rss-probe', work: string): string {
  const outfile = path.join(work, `${name}.cjs`);
  buildSync({
    entryPoints: [path.join(__dirname, '..', 'child', `${name}.ts`)],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}
