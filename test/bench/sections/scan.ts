/**
 * envguard vs secretlint vs the floor (a bare walk-and-read), each as a whole process over the same
 * generated workspace: wall clock spawn to exit, and peak RSS. Runs are interleaved so that noise
 * from a shared machine spreads over all three tools instead of hitting one.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileChild } from '../lib/compile-child';
import { processRunner, type ProcessSpec } from '../lib/measure-process';
import { ensureSecretlint } from '../lib/secretlint';
import { formatBytes, formatCount, formatMs, formatRatio, formatTimings, median, min } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';
import { generateWorkspace } from '../workspace/generate';

/** What a tool's stdout says it did: how many env files it read, how many secrets it reported. */
interface Output {
  readonly files: number;
  /** The files read, relative to the workspace with `/`: compared across tools, not just counted. */
  readonly paths?: ReadonlySet<string>;
  readonly findings?: number;
  readonly bytes?: number;
}

interface Tool {
  readonly spec: ProcessSpec;
  readonly label: string;
  /** Absent for a process that scans nothing (the startup baseline). */
  readonly readOutput?: (stdout: string) => Output;
}

interface Measured {
  readonly tool: Tool;
  readonly wallMs: number[];
  readonly rssBytes: number[];
  output?: Output;
  error?: string;
}

function tools(repo: string, workspace: string, floorScript: string): Tool[] {
  const secretlint = ensureSecretlint();
  return [
    {
      label: 'envguard scan --format json',
      spec: { name: 'envguard', cwd: workspace, okExitCodes: [0, 1], args: [path.join(repo, 'dist/cli.js'), 'scan', '--format', 'json'] },
      readOutput: (stdout) => {
        const report = JSON.parse(stdout) as { files: string[]; findings: unknown[] };
        return { files: report.files.length, paths: new Set(report.files), findings: report.findings.length };
      },
    },
    {
      // Startup alone (load the bundle, print, exit): how much of the scan time is not scanning.
      label: 'envguard --version (startup)',
      spec: { name: 'envguard-startup', cwd: workspace, okExitCodes: [0], args: [path.join(repo, 'dist/cli.js'), '--version'] },
    },
    {
      label: 'secretlint + preset-recommend',
      spec: {
        name: 'secretlint',
        node: secretlint.node,
        cwd: workspace,
        okExitCodes: [0, 1],
        // --no-gitignore: secretlint 13 skips gitignored files, and local env files are gitignored;
        // envguard scans them, so without it the two would not read the same files.
        args: [secretlint.bin, '**/.env', '**/.env.*', '**/*.env', '--format', 'json', '--maskSecrets', '--no-gitignore'],
      },
      readOutput: (stdout) => {
        const results = JSON.parse(stdout) as { filePath: string; messages: unknown[] }[];
        const paths = new Set(results.map((r) => path.relative(workspace, r.filePath).split(path.sep).join('/')));
        return { files: paths.size, paths, findings: results.reduce((n, r) => n + r.messages.length, 0) };
      },
    },
    {
      label: 'floor: bare walk + read',
      spec: { name: 'floor', cwd: workspace, okExitCodes: [0], args: [floorScript] },
      readOutput: (stdout) => JSON.parse(stdout) as Output,
    },
  ];
}

export const scanSection: Section = {
  name: 'Workspace scan (whole processes, cwd = generated workspace)',
  async run(context: BenchContext): Promise<Row[]> {
    const workspace = path.join(context.work, 'workspace');
    const started = performance.now();
    const stats = generateWorkspace(workspace);
    context.log(`workspace generated in ${formatMs(performance.now() - started)}: ${workspace}`);

    const run = processRunner(context.work);
    const measured: Measured[] = tools(context.repo, workspace, compileChild('floor', context.work)).map((tool) => ({ tool, wallMs: [], rssBytes: [] }));
    for (const m of measured) {
      if (m.tool.spec.name.startsWith('envguard') && !existsSync(path.join(context.repo, 'dist/cli.js'))) m.error = 'dist/cli.js missing: run npm run build';
    }
    // Run 0 is the warm-up (disk cache, V8 code cache): it also reads the outputs, then is dropped.
    for (let i = 0; i <= context.runs; i++) {
      context.log(i === 0 ? 'scan: warm-up' : `scan: run ${i}/${context.runs}`);
      for (const m of measured) {
        if (m.error !== undefined) continue;
        try {
          const result = await run(m.tool.spec);
          if (i === 0) m.output = m.tool.readOutput?.(readFileSync(result.stdoutFile, 'utf8'));
          else {
            m.wallMs.push(result.wallMs);
            m.rssBytes.push(result.maxRssBytes);
          }
        } catch (error) {
          m.error = error instanceof Error ? error.message : String(error);
        }
      }
    }

    const tool = (name: string): Measured => measured.find((m) => m.tool.spec.name === name)!;
    const [envguard, secretlint, floor] = [tool('envguard'), tool('secretlint'), tool('floor')];
    return [
      {
        measure: 'workspace',
        value: `${formatCount(stats.sourceFiles)} text + ${stats.envFiles} env files`,
        // Env-named canaries sit in node_modules and .git: a tool reading exactly envFiles skipped them.
        notes: `env files ${formatBytes(stats.envBytes)}; ${stats.skippedFiles} files in node_modules/.git to skip`,
      },
      ...measured.map((m) => toolRow(m, stats.envFiles, envguard.output?.paths)),
      ratioRow('envguard / secretlint', envguard, secretlint, { text: 'scan faster than secretlint', limit: 1 }),
      ratioRow('envguard / floor', envguard, floor, { text: 'within 2x of the floor', limit: 2 }),
    ];
  },
};

function toolRow(m: Measured, expectedFiles: number, envguardPaths: ReadonlySet<string> | undefined): Row {
  if (m.error !== undefined) return { measure: m.tool.label, value: 'failed', notes: m.error };
  const row = { measure: m.tool.label, value: formatTimings(m.wallMs), memory: formatBytes(median(m.rssBytes)) };
  if (m.output === undefined) return row;
  const { files, paths, findings, bytes } = m.output;
  const facts = [`${formatCount(files)} files${files === expectedFiles ? '' : ` (expected ${expectedFiles}!)`}`];
  if (paths && envguardPaths && paths !== envguardPaths) {
    const differing = [...paths].filter((p) => !envguardPaths.has(p)).length + [...envguardPaths].filter((p) => !paths.has(p)).length;
    facts.push(differing === 0 ? 'same files as envguard' : `${differing} differ from envguard's!`);
  }
  if (findings !== undefined) facts.push(`${formatCount(findings)} findings`);
  if (bytes !== undefined) facts.push(formatBytes(bytes));
  return { ...row, notes: facts.join(', ') };
}

/** Ratio of medians (time and memory); the ratio of the best runs is shown as a cross-check. */
function ratioRow(measure: string, a: Measured, b: Measured, goal: { text: string; limit: number }): Row {
  if (a.wallMs.length === 0 || b.wallMs.length === 0) return { measure, value: 'n/a', goal: { text: goal.text, met: undefined } };
  const time = median(a.wallMs) / median(b.wallMs);
  return {
    measure,
    value: formatRatio(time),
    memory: formatRatio(median(a.rssBytes) / median(b.rssBytes)),
    notes: `best runs: ${formatRatio(min(a.wallMs) / min(b.wallMs))}`,
    goal: { text: goal.text, met: time < goal.limit },
  };
}
