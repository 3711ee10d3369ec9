/**
 * Redaction throughput (in-process): the masker of `envguard run --redact` over 32 MB of a child's
 * output in 64 KiB chunks, as a pipe delivers it. 20 released values (and 200, to show that the cost
 * does not grow with their number), each with all its forms: case, base64 at three offsets, hex,
 * URL and JSON escapes, pieces. Two kinds of output: log lines, and JSON-escaped text where the
 * decoded view works on almost every line. Every 200th line carries a value in one of its forms.
 */
import { RedactingStream, Redaction } from '../../../src/core/run/redact';
import { needlesOf } from '../../../src/core/run/redact-forms';
import { ALNUM, BASE64, Prng } from '../lib/prng';
import { formatBytes, formatCount, formatRatio, formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const TARGET_BYTES = 32 * 1024 * 1024;
const CHUNK = 64 * 1024;
const GITHUB_PAT = ['gh', 'p_'].join('');

function values(r: Prng, count: number): Map<string, string> {
  const secrets = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    secrets.set(`SECRET_${i}`, kind === 0 ? `${GITHUB_PAT}${r.string(ALNUM, 36)}` : kind === 1 ? r.string(BASE64, 40) : kind === 2 ? `${r.string(ALNUM, 10)}!${r.int(10, 99)}` : r.string(ALNUM, 64));
  }
  return secrets;
}

const FORMS: ReadonlyArray<(value: string) => string> = [
  (v) => v,
  (v) => Buffer.from(v).toString('base64'),
  (v) => Buffer.from(`x${v}`).toString('base64'),
  (v) => Buffer.from(v).toString('hex'),
  (v) => encodeURIComponent(v),
  (v) => JSON.stringify(v),
  (v) => v.toUpperCase(),
];

function output(r: Prng, secrets: ReadonlyMap<string, string>, escaped: boolean): Buffer {
  const list = [...secrets.values()];
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < TARGET_BYTES; n++) {
    const id = r.string(ALNUM, 12);
    let line = escaped
      ? `{"level":"info","msg":"request \\"${id}\\" from C:\\\\Users\\\\svc ok","path":"/api/items?q=a%20b&id=${n}","took":${r.int(1, 900)}}`
      : `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z INFO request ${id} GET /api/items/${n} took ${r.int(1, 900)}ms user=${r.pick(['ada', 'lin', 'grace'])}`;
    if (n % 200 === 0) line += ` value=${r.pick(FORMS)(r.pick(list))}`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** One pass of a RedactingStream over `input` in CHUNK-sized writes; returns how many bytes came out. */
async function redactOnce(redaction: Redaction, input: Buffer): Promise<number> {
  const stream = new RedactingStream(redaction);
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => { bytes += chunk.length; });
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (let i = 0; i < input.length; i += CHUNK) stream.write(input.subarray(i, i + CHUNK));
  stream.end();
  await ended;
  return bytes;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export const redactionSection: Section = {
  name: 'Redaction throughput (in-process, run --redact, 32 MB of output)',
  async run(context: BenchContext): Promise<Row[]> {
    const rows: Row[] = [];
    const r = new Prng(0x2ed_ac7);
    const twenty = values(r, 20);
    const many = values(r, 200);
    let twentyCompiled: Redaction | undefined;
    const compileSamples = await time(context.runs, () => Promise.resolve((twentyCompiled = Redaction.compile(twenty))));
    const compiled = twentyCompiled!;
    rows.push({
      measure: 'compile 20 values, all forms',
      value: formatTimings(compileSamples),
      notes: `${formatCount(compiled.needleCount)} needles, ${formatCount(compiled.automaton.stateCount)} automaton states`,
    });
    const cases: { label: string; redaction: Redaction; input: Buffer; goal?: boolean }[] = [
      { label: 'log lines, 20 values', redaction: compiled, input: output(r, twenty, false), goal: true },
      { label: 'JSON-escaped lines, 20 values', redaction: compiled, input: output(r, twenty, true) },
      { label: 'log lines, 200 values', redaction: Redaction.compile(many), input: output(r, many, false) },
    ];
    let twentyMs = Number.NaN;
    for (const { label, redaction, input, goal } of cases) {
      context.log(`redact: ${label}, ${formatBytes(input.length)}, ${context.runs} runs`);
      let out = 0;
      const samples = await time(context.runs, async () => { out = await redactOnce(redaction, input); });
      const ms = median(samples);
      if (goal) twentyMs = ms;
      const mbPerSecond = input.length / 1024 / 1024 / (ms / 1000);
      const versus = redaction.needleCount > compiled.needleCount ? `, ${formatRatio(ms / twentyMs)} the time of 20 values` : '';
      rows.push({
        measure: `redact ${formatBytes(input.length)}: ${label}`,
        value: formatTimings(samples),
        notes: `${mbPerSecond.toFixed(1)} MB/s; ${formatCount(redaction.needleCount)} needles${versus}; ${formatBytes(input.length - out)} shorter once masked`,
        // A command's output rarely comes faster than a few MB/s; the floor is kept with room for a loaded machine.
        ...(goal ? { goal: { text: '≥ 20 MB/s', met: mbPerSecond >= 20 } } : {}),
      });
    }
    // What one indexOf per needle (the previous RedactingStream's way) would cost for the same
    // needles, finding only, on the first 4 MB: the cost grows with the number of needles.
    const needles = [...twenty.values()].flatMap((value) => needlesOf(value, { fragments: true })).map((needle) => Buffer.from(needle, 'latin1'));
    const sample = cases[0]!.input.subarray(0, 4 * 1024 * 1024);
    context.log(`indexOf per needle: ${formatCount(needles.length)} needles over ${formatBytes(sample.length)}`);
    const naive = await time(Math.min(context.runs, 3), () => Promise.resolve(needles.reduce((found, needle) => found + (sample.indexOf(needle) >= 0 ? 1 : 0), 0)));
    rows.push({
      measure: `for comparison: indexOf per needle, ${formatBytes(sample.length)}`,
      value: formatTimings(naive),
      notes: `${(sample.length / 1024 / 1024 / (median(naive) / 1000)).toFixed(1)} MB/s with the same ${formatCount(needles.length)} needles (finding only)`,
    });
    return rows;
  },
};
