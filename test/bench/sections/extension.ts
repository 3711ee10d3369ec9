/**
 * The extension in a real VS Code extension host (test/host): require and activate() times,
 * re-diagnosis of a 5,000-line env file after one edit (end to end: edit → new diagnostics, with the
 * debounce set to 0), the same work in-process (analyzeEnvText), and the VSIX size.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { analyzeEnvText, DocumentAnalyzer } from '../../../src/core/scan';
import { Prng } from '../lib/prng';
import { formatBytes, formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';
import { envFileText } from '../workspace/env-content';

interface HostFigures { require: number[]; activate: number[]; vaultLoaded: boolean; rediagnosis: number[]; roundTrip: number[] }

/** 5,000 lines of realistic env content (comments, config, some secrets). */
function fiveThousandLines(): string {
  const r = new Prng(0x5000);
  const lines: string[] = [];
  for (let i = 0; lines.length < 5000; i++) lines.push(...envFileText(r, { secretRate: 0.1, keyPrefix: `S${i}_` }).split('\n').filter((l) => !l.includes('"') && !l.includes("'")));
  return `${lines.slice(0, 5000).join('\n')}\n`;
}

async function hostFigures(context: BenchContext, text: string): Promise<HostFigures> {
  const hostModules = path.join(context.repo, 'test', 'host');
  const { ensureHostTools } = await import(path.join(hostModules, 'install.mjs')) as { ensureHostTools: () => void };
  const { runHost, serverLogTail } = await import(path.join(hostModules, 'host.mjs')) as {
    runHost: (options: Record<string, unknown>) => Promise<number>; serverLogTail: (dir: string) => string;
  };
  ensureHostTools();
  const runDir = path.join(context.work, 'host-run');
  rmSync(runDir, { recursive: true, force: true });
  const workspace = path.join(runDir, 'workspace');
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'envguard.diagnostics.delay': 0, 'git.enabled': false }));
  // Outside the workspace: an env file there at startup would activate EnvGuard before the entry measures activate().
  const bigFile = path.join(runDir, 'big.env.txt');
  writeFileSync(bigFile, text);
  const entry = path.join(runDir, 'entry.js');
  await build({ entryPoints: [path.join(context.repo, 'test/bench/host/entry.ts')], outfile: entry, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  const results = path.join(runDir, 'results.json');
  const code = await runHost({ runDir, workspace, extensionPath: context.repo, testsEntry: entry, trust: true,
    env: { ENVGUARD_REPO: context.repo, ENVGUARD_BENCH_RESULTS: results, ENVGUARD_BENCH_RUNS: String(context.runs), ENVGUARD_BENCH_ENV_FILE: bigFile, ENVGUARD_HOME: path.join(runDir, 'vault') } });
  if (code !== 0 || !existsSync(results)) throw new Error(`the host run failed (exit ${code}):\n${serverLogTail(runDir)}`);
  return JSON.parse(readFileSync(results, 'utf8')) as HostFigures;
}

function vsixSize(context: BenchContext): Row {
  const out = path.join(context.work, 'envguard.vsix');
  execFileSync(process.execPath, [path.join(context.repo, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-rewrite-relative-links', '--out', out], { cwd: context.repo, stdio: 'ignore' });
  return { measure: 'VSIX (vsce package)', value: formatBytes(statSync(out).size), notes: 'bundles, icon, walkthrough, docs, and the OS keychain binding (one platform)' };
}

export const extensionSection: Section = {
  name: 'VS Code extension (real extension host)',
  async run(context: BenchContext): Promise<Row[]> {
    const text = fiveThousandLines();
    const rows: Row[] = [];
    // As the extension does it: one analyzer per open document, so an edit re-parses around itself
    // and only the edited entry is classified again. The edit is in the middle of the file.
    const inProcess: number[] = [];
    const middle = text.indexOf('\n', text.length >> 1) + 1;
    const edited = `${text.slice(0, middle)}BENCH_TOKEN=Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac\n${text.slice(middle)}`;
    const analyzer = new DocumentAnalyzer();
    for (let i = 0; i < 20; i++) analyzer.analyze(i % 2 ? edited : text, 'big.env'); // the host is long-lived: a warm JIT
    for (let i = 0; i < Math.max(context.runs, 7); i++) {
      const t = performance.now();
      analyzer.analyze(i % 2 ? text : edited, 'big.env');
      inProcess.push(performance.now() - t);
    }
    const cold: number[] = [];
    for (let i = 0; i < Math.max(context.runs, 7); i++) {
      const t = performance.now();
      analyzeEnvText(`${text}X${i}=1\n`, 'big.env');
      cold.push(performance.now() - t);
    }
    try {
      const host = await hostFigures(context, text);
      rows.push(
        { measure: 'require dist/extension.js', value: formatTimings(host.require), notes: 'in the extension host, module cache cleared each run' },
        { measure: 'activate()', value: formatTimings(host.activate), notes: host.vaultLoaded ? 'a vault SDK was loaded' : 'no vault SDK or keychain module loaded', goal: { text: '< 20 ms, no vault SDK', met: median(host.activate) < 20 && !host.vaultLoaded } },
        { measure: 're-diagnosis, 5,000-line file, one edit', value: formatTimings(host.rediagnosis), notes: 'change event → new diagnostics, in the extension host (debounce 0, after 15 warm-up edits)', goal: { text: '< 10 ms', met: median(host.rediagnosis) < 10 } },
        { measure: '  the same, from workspace.applyEdit', value: formatTimings(host.roundTrip), notes: 'adds VS Code\'s own round trip to the workbench (browser) and back' },
      );
    } catch (error) {
      rows.push({ measure: 'extension host', value: 'failed', notes: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    }
    rows.push(
      { measure: 'analyze, 5,000 lines, after one edit', value: formatTimings(inProcess), notes: 'in-process, with the document\'s analyzer (as the extension runs it)', goal: { text: '< 10 ms', met: median(inProcess) < 10 } },
      { measure: '  the same, a full parse and check (first check)', value: formatTimings(cold), notes: 'every entry parsed and classified' },
    );
    try {
      rows.push(vsixSize(context));
    } catch (error) {
      rows.push({ measure: 'VSIX', value: 'failed', notes: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    }
    const bundle = statSync(path.join(context.repo, 'dist/extension.js')).size;
    rows.push({ measure: 'dist/extension.js', value: formatBytes(bundle), goal: { text: '< 300 KB', met: bundle < 300 * 1024 } });
    return rows;
  },
};
