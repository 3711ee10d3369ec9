/**
 * `npm run bench`: builds, then runs every section of sections/index.ts and prints one table.
 * Timings are never asserted (machines are shared and noisy): the table shows figures and goals.
 *
 *   npm run bench                      all sections, 7 timed runs each after a warm-up
 *   BENCH_RUNS=3 npm run bench         quicker, noisier
 *   npm run bench -- scan bundle       only the sections whose name contains one of the words
 */
import { mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SECTIONS } from './sections';
import { formatTable } from './table';
import type { BenchContext, Row } from './types';

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got ${process.env.BENCH_RUNS}`);
  const filters = process.argv.slice(2).map((word) => word.toLowerCase());
  const repo = path.resolve(__dirname, '../..');
  const work = path.join(__dirname, '.work');
  mkdirSync(work, { recursive: true });
  const context: BenchContext = { repo, work, runs, log: (message) => process.stderr.write(`bench: ${message}\n`) };

  const results: { name: string; rows: Row[] }[] = [];
  for (const section of SECTIONS) {
    if (filters.length > 0 && !filters.some((word) => section.name.toLowerCase().includes(word))) continue;
    context.log(`== ${section.name}`);
    try {
      results.push({ name: section.name, rows: await section.run(context) });
    } catch (error) {
      // One broken section must not hide the others' figures.
      results.push({ name: section.name, rows: [{ measure: 'section', value: 'failed', notes: error instanceof Error ? error.message : String(error) }] });
    }
  }

  const cpus = os.cpus();
  process.stdout.write(
    `\nEnvGuard bench: Node ${process.version}, ${process.platform} ${process.arch}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'})\n` +
      `Times: median (min) of ${runs} runs after 1 warm-up; peak RSS: median of each run's maxRSS. Ratios: a / b of medians.\n\n` +
      formatTable(results),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
