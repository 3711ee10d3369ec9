import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { compileChild } from './compile-child';

/** A whole process to time: Node runs `args` in `cwd`. */
export interface ProcessSpec {
  readonly name: string;
  /** The Node binary; default: the bench's own. */
  readonly node?: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Exit codes that mean "ran fine" (scanners exit 1 when they find secrets). */
  readonly okExitCodes: readonly number[];
  /** Added to the bench's own environment. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ProcessRun {
  readonly wallMs: number;
  /** Peak resident set of the largest Node process it ran, in bytes. */
  readonly maxRssBytes: number;
  /** Where stdout went: read it for counts (findings, files). */
  readonly stdoutFile: string;
}

export type ProcessRunner = (spec: ProcessSpec) => Promise<ProcessRun>;

/** Compiles the RSS probe once; the runner then times processes, keeping its files in `scratch`. */
export function processRunner(scratch: string): ProcessRunner {
  const probe = compileChild('rss-probe', scratch);
  return (spec) => runProcess(spec, scratch, probe);
}

/**
 * Runs the process once, wall clock from spawn to exit. Output goes to files rather than pipes so
 * that no tool pays for a parent draining its stdout, and so a big JSON report needs no buffer.
 */
async function runProcess(spec: ProcessSpec, scratch: string, probe: string): Promise<ProcessRun> {
  const stem = path.join(scratch, spec.name.replace(/\W+/g, '-'));
  const stdoutFile = `${stem}.out`;
  const stderrFile = `${stem}.err`;
  const rssFile = `${stem}.rss`;
  rmSync(rssFile, { force: true });
  const env = { ...process.env, ...spec.env, NODE_OPTIONS: `--require ${JSON.stringify(probe)}`, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' };
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  let exit: [number | null, NodeJS.Signals | null];
  let wallMs: number;
  try {
    const start = process.hrtime.bigint();
    const child = spawn(spec.node ?? process.execPath, spec.args, { cwd: spec.cwd, env, stdio: ['ignore', out, err] });
    exit = (await once(child, 'exit')) as typeof exit; // rejects if the spawn itself failed
    wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    closeSync(out);
    closeSync(err);
  }
  const [code, signal] = exit;
  if (code === null || !spec.okExitCodes.includes(code)) {
    const stderr = readFileSync(stderrFile, 'utf8').trim().split('\n').slice(0, 3).join(' | ');
    throw new Error(`${spec.name} exited ${code ?? signal}: ${stderr || '(no stderr)'}`);
  }
  return { wallMs, maxRssBytes: readMaxRss(rssFile), stdoutFile };
}

/** Node reports maxRSS in kilobytes; each Node process of the run wrote one line. */
function readMaxRss(rssFile: string): number {
  if (!existsSync(rssFile)) return Number.NaN;
  const kilobytes = readFileSync(rssFile, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[1]));
  return Math.max(...kilobytes) * 1024;
}
