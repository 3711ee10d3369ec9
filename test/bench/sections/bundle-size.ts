/** Size of what ships: the bundles esbuild writes to dist/, raw and gzipped (a proxy for load time). */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatBytes } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const BUNDLES = ['dist/cli.js', 'dist/extension.js'];

export const bundleSizeSection: Section = {
  name: 'Bundle sizes (after npm run build)',
  run(context: BenchContext): Promise<Row[]> {
    const rows = BUNDLES.filter((bundle) => existsSync(path.join(context.repo, bundle))).map((bundle): Row => {
      const bytes = readFileSync(path.join(context.repo, bundle));
      return { measure: bundle, value: formatBytes(bytes.length), notes: `${formatBytes(gzipSync(bytes).length)} gzipped` };
    });
    return Promise.resolve(rows.length > 0 ? rows : [{ measure: 'dist/', value: 'n/a', notes: 'no bundles: run npm run build' }]);
  },
};
