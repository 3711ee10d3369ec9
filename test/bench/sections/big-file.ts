/**
 * One big env file, whole processes: `envguard scan` and `envguard migrate` (local vault, --yes) of
 * a 50 MB file of 700,000 ordinary lines and one secret, then of a 60 MB file that sets one key
 * 15.7 million times. Wall clock and peak RSS; the file is copied back before each migrate.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALNUM, Prng } from '../lib/prng';
import { processRunner, type ProcessSpec } from '../lib/measure-process';
import { formatBytes, formatCount, formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const ORDINARY_LINES = 700_000;
const REPEATED_LINES = 15_700_000;
const GITHUB_PAT = ['gh', 'p_'].join('');

/** Ordinary settings under distinct keys (`SERVICE_000123_HTTP_TIMEOUT_MS=…`), one GitHub token in the middle. */
export function ordinaryFile(): string {
  const r = new Prng(0x50_3b);
  const settings: ReadonlyArray<(n: string) => string> = [
    (n) => `SERVICE_${n}_HTTP_TIMEOUT_MS=${String(r.int(1, 120) * 250)} # per request, retried ${r.int(1, 5)} times`,
    (n) => `SERVICE_${n}_BASE_URL=https://svc-${n}.internal.example.com/api/v${r.int(1, 3)}/resources?page_size=${r.int(10, 99)}`,
    (n) => `SERVICE_${n}_LOG_LEVEL=${r.pick(['debug', 'info', 'warn', 'error'])} # verbosity of service ${n}`,
    (n) => `SERVICE_${n}_DISPLAY_NAME="${r.pick(['Acme Portal', 'Billing Service', 'Reports'])} ${n} (${r.pick(['primary', 'replica', 'canary'])} deployment)"`,
    (n) => `SERVICE_${n}_REGION=${r.pick(['us-east-1', 'eu-west-1', 'ap-southeast-2'])}-zone-${r.int(1, 9)} # placement of the service's workers`,
  ];
  const lines: string[] = [];
  for (let i = 0; i < ORDINARY_LINES; i++) {
    const n = String(i).padStart(6, '0');
    if (i % 50 === 0) lines.push(`# Service block ${n}: settings owned by team ${r.int(1, 40)}, reviewed ${r.int(2019, 2025)}`);
    else lines.push(settings[i % settings.length]!(n));
    if (i === ORDINARY_LINES / 2) lines.push(`GITHUB_TOKEN=${GITHUB_PAT}${r.string(ALNUM, 36)}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Case {
  readonly label: string;
  readonly spec: ProcessSpec;
  readonly before?: () => void;
  readonly goal?: { readonly text: string; readonly ms: number; readonly bytes: number };
}

export const bigFileSection: Section = {
  name: 'Big env file (whole processes: scan and migrate of one file)',
  async run(context: BenchContext): Promise<Row[]> {
    const dir = path.join(context.work, 'big-file');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // A project of its own: without it the folder would belong to the repository it sits in (this checkout), whose root would get the .envguard.json.
    writeFileSync(path.join(dir, '.envguard.json'), '{ "project": "bench-big-file" }\n');
    const ordinary = path.join(dir, 'ordinary.env.original');
    const repeated = path.join(dir, 'repeated.env.original');
    writeFileSync(ordinary, ordinaryFile());
    writeFileSync(repeated, 'A=1\n'.repeat(REPEATED_LINES));
    const home = path.join(dir, 'home');
    const cli = path.join(context.repo, 'dist/cli.js');
    const env = { ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' };
    const fresh = (original: string, name: string) => (): void => {
      copyFileSync(original, path.join(dir, name));
      rmSync(home, { recursive: true, force: true });
    };
    const scan = (name: string): ProcessSpec => ({ name: `scan-${name}`, cwd: dir, okExitCodes: [0, 1], args: [cli, 'scan', name], env });
    const migrate = (name: string): ProcessSpec => ({ name: `migrate-${name}`, cwd: dir, okExitCodes: [0], args: [cli, 'migrate', name, '--yes'], env });
    fresh(ordinary, 'ordinary.env')();
    fresh(repeated, 'repeated.env')();
    const cases: Case[] = [
      { label: 'scan, 50 MB / 700,000 lines, 1 secret', spec: scan('ordinary.env'), goal: { text: 'under 2 s and 300 MB', ms: 2000, bytes: 300 * 1024 * 1024 } },
      { label: 'migrate, same file', spec: migrate('ordinary.env'), before: fresh(ordinary, 'ordinary.env'), goal: { text: 'under 5 s and 500 MB', ms: 5000, bytes: 500 * 1024 * 1024 } },
      { label: 'scan, 60 MB: one key set 15.7 million times', spec: scan('repeated.env') },
      { label: 'migrate, same file (nothing to move)', spec: migrate('repeated.env'), before: fresh(repeated, 'repeated.env') },
    ];
    // Each run takes seconds: fewer runs than the quick sections.
    const runs = Math.min(context.runs, 3);
    const run = processRunner(context.work);
    const rows: Row[] = [];
    for (const c of cases) {
      const wallMs: number[] = [];
      const rss: number[] = [];
      try {
        for (let i = 0; i <= runs; i++) {
          context.log(`big file: ${c.label}, ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}`);
          c.before?.();
          const result = await run(c.spec);
          if (i > 0) {
            wallMs.push(result.wallMs);
            rss.push(result.maxRssBytes);
          }
        }
      } catch (error) {
        rows.push({ measure: c.label, value: 'failed', notes: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const row: Row = { measure: c.label, value: formatTimings(wallMs), memory: formatBytes(median(rss)), notes: `${runs} runs` };
      rows.push(c.goal ? { ...row, goal: { text: c.goal.text, met: median(wallMs) < c.goal.ms && median(rss) < c.goal.bytes } } : row);
    }
    rows.unshift({ measure: 'files', value: `${formatCount(ORDINARY_LINES)} lines + ${formatCount(REPEATED_LINES)} lines` });
    return rows;
  },
};
