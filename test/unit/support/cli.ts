import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/**
 * The Node that runs the CLI: this one, or ENVGUARD_TEST_NODE (a Node binary), with which CI runs the
 * CLI's tests again on Node 22 and 24 (test/tools/cli-on-nodes.ts).
 */
export const CLI_NODE = process.env.ENVGUARD_TEST_NODE || process.execPath;

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI as a real child process. `killAfterMs` bounds a hang (a child stuck in a
 * synchronous loop cannot be stopped by mocha's timeout): the child is killed and `signal` says so.
 */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; killAfterMs?: number; asProgram?: boolean } ): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // asProgram: dist/cli.js executed itself, as a shell runs it (its shebang picks `node` from PATH).
    const child = spawn(options.asProgram ? CLI : CLI_NODE, options.asProgram ? args : [CLI, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (options.killAfterMs !== undefined) {
      const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
      child.on('exit', () => clearTimeout(timer));
    }
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh folder with the given files (paths relative to it, `/`-separated). */
export function makeProject(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'envguard-test-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  // Retries: a process the test started (a shell of a killed tmux server) may still write here as it exits.
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) };
}
