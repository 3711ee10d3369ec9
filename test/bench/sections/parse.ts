/**
 * In-process throughput of the core: `parseEnv` over one 10 MB env file, then `detectSecrets` over
 * all of its entries. Imports the TypeScript sources directly (the bench runs under tsx).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { detectSecrets } from '../../../src/core/detection';
import { parseEnv } from '../../../src/core/dotenv';
import { Prng } from '../lib/prng';
import { formatBytes, formatCount, formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';
import { envFileText } from '../workspace/env-content';

const TARGET_BYTES = 10 * 1024 * 1024;

/** Service blocks with distinct key prefixes, concatenated until the file reaches 10 MB (also test/bench/verdicts.ts). */
export function bigEnvText(): string {
  const r = new Prng(0xb16_e4f);
  const blocks: string[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const block = envFileText(r, { secretRate: 0.15, keyPrefix: `SVC${i}_` });
    blocks.push(block);
    size += Buffer.byteLength(block);
  }
  return blocks.join('');
}

/** Runs `fn` once to warm up, then `runs` times; returns the timings and the last result. */
function time<T>(runs: number, fn: () => T): { samples: number[]; result: T } {
  let result = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = fn();
    samples.push(performance.now() - start);
  }
  return { samples, result };
}

export const parseSection: Section = {
  name: 'Core throughput: parse and detection (in-process, 10 MB env file)',
  run(context: BenchContext): Promise<Row[]> {
    const text = bigEnvText();
    const bytes = Buffer.byteLength(text);
    writeFileSync(path.join(context.work, 'big.env'), text); // kept for reproducing by hand
    const mb = bytes / 1024 / 1024;

    context.log(`parse: ${formatBytes(bytes)}, ${context.runs} runs`);
    const parse = time(context.runs, () => parseEnv(text));
    const parseMs = median(parse.samples);
    const entries = parse.result.entries.length;
    context.log(`detect: ${formatCount(entries)} entries, ${context.runs} runs`);
    const detect = time(context.runs, () => detectSecrets(parse.result, 'big.env'));
    const detectMs = median(detect.samples);
    return Promise.resolve([
      {
        measure: `parseEnv, ${formatBytes(bytes)}`,
        value: formatTimings(parse.samples),
        notes: `${(mb / (parseMs / 1000)).toFixed(1)} MB/s, ${formatCount(entries)} entries`,
        // "Well under": half the budget, so that a noisy run near 1 s does not pass for met.
        goal: { text: '10 MB parse well under 1 s (< 500 ms)', met: parseMs < 500 },
      },
      {
        measure: 'detectSecrets, all entries',
        value: formatTimings(detect.samples),
        notes: `${formatCount(entries / (detectMs / 1000))} entries/s, ${formatCount(detect.result.length)} findings`,
      },
    ]);
  },
};
