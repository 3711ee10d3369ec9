/**
 * The floor: the least any env-file scanner has to do. Walks the working directory (skipping
 * node_modules and .git), picks the env files by the names envguard uses, reads them, and prints
 * {"files":N,"bytes":B}. Synchronous and dependency-free on purpose: the simplest fast walker.
 * Compiled to plain JS before it is timed (see lib/compile-child.ts), so no TS loader is measured.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED = new Set(['node_modules', '.git']);
const isEnvFileName = (name: string): boolean => name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4);

let files = 0;
let bytes = 0;
const pending = [process.cwd()];
for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) pending.push(join(dir, entry.name));
    } else if (entry.isFile() && isEnvFileName(entry.name)) {
      bytes += readFileSync(join(dir, entry.name), 'utf8').length;
      files++;
    }
  }
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
