/** Size of what ships: the bundles esbuild writes to dist/, raw and gzipped (a proxy for load time). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatBytes } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

/** The CLI's dispatcher, one bundle per command (loaded only when that command runs), the Azure SDK bundle (loaded on the first Key Vault call), RE2JS (loaded on the first custom pattern), age (loaded by a vault export or import), the extension. */
function bundles(repo: string): string[] {
  const commands = path.join(repo, 'dist/commands');
  const perCommand = existsSync(commands) ? readdirSync(commands).filter((f) => f.endsWith('.js')).sort().map((f) => `dist/commands/${f}`) : [];
  return ['dist/cli.js', ...perCommand, 'dist/vault-azure.js', 'dist/vault-aws.js', 'dist/vault-hashicorp.js', 'dist/re2.js', 'dist/js-yaml.js', 'dist/smol-toml.js', 'dist/age.js', 'dist/extension.js'];
}

export const bundleSizeSection: Section = {
  name: 'Bundle sizes (after npm run build)',
  run(context: BenchContext): Promise<Row[]> {
    const rows = bundles(context.repo).filter((bundle) => existsSync(path.join(context.repo, bundle))).map((bundle): Row => {
      const bytes = readFileSync(path.join(context.repo, bundle));
      return { measure: bundle, value: formatBytes(bytes.length), notes: `${formatBytes(gzipSync(bytes).length)} gzipped` };
    });
    return Promise.resolve(rows.length > 0 ? rows : [{ measure: 'dist/', value: 'n/a', notes: 'no bundles: run npm run build' }]);
  },
};
