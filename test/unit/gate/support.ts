/** Shared by the gate's tests: a passphrase vault with a secret in it, its key agent, and a terminal driven through tmux. */
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { AgentClient } from '../../../src/core/gate';
import { initPassphraseVault } from '../../../src/core/vault/local';
import { CLI, makeProject, runCli, type CliResult } from '../support/cli';

/** The human's passphrase in these tests (what an agent never knows). */
export const PASSPHRASE = 'correct horse battery staple';
/** A value no test output may show unless a human approved it. */
export const DB_PASSWORD = 'Zr8vQw2LmP4xK9tN-gate-test';

export interface ProtectedVault {
  readonly home: string;
  readonly project: string;
  readonly env: NodeJS.ProcessEnv;
  readonly client: AgentClient;
  /** Starts the key agent (as envguard does) and unlocks it with the passphrase: the human's act. */
  unlock(extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * A vault set up with the passphrase, a project whose `.env` held DB_PASSWORD, migrated (the agent
 * unlocked for it, as a human would), so `.env` now holds the reference.
 */
export async function protectedVault(files: Record<string, string> = {}): Promise<ProtectedVault> {
  const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-gate-')));
  const home = path.join(parent, 'home');
  const { dir: project, cleanup: removeProject } = makeProject({ '.env': `DB_PASSWORD=${DB_PASSWORD}\nPORT=3000\n`, ...files });
  const env: NodeJS.ProcessEnv = { ENVGUARD_HOME: home, HOME: parent };
  await passphraseVaultWith(home, project, env);
  const client = new AgentClient(realpathSync(home), { ...process.env, ...env });
  return {
    home: realpathSync(home), project, env, client,
    unlock: (extraEnv = {}) => unlockAgent(realpathSync(home), project, { ...env, ...extraEnv }),
    async cleanup() {
      await client.request({ op: 'lock' }).catch(() => undefined);
      await waitUntil(async () => !(await client.status()).running).catch(() => undefined);
      removeProject();
      rmSync(parent, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/**
 * A new vault at `home` protected by PASSPHRASE, holding the values of `project`'s env files (all of
 * them, or those `paths` names): migrated while the key agent was unlocked for it, as a human would,
 * then locked again. `env` holds at least ENVGUARD_HOME. The integration tests' gate session uses it too.
 */
export async function passphraseVaultWith(home: string, project: string, env: NodeJS.ProcessEnv, paths: readonly string[] = []): Promise<void> {
  await initPassphraseVault(home, PASSPHRASE);
  await unlockAgent(realpathSync(home), project, env);
  const migrated = await runCli(['migrate', ...paths, '--yes'], { cwd: project, env });
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  const client = new AgentClient(realpathSync(home), { ...process.env, ...env });
  await client.request({ op: 'lock' });
  await waitUntil(async () => !(await client.status()).running);
}

/** Starts the key agent (as envguard does) and unlocks it with the passphrase: the human's act. */
async function unlockAgent(home: string, project: string, env: NodeJS.ProcessEnv): Promise<void> {
  const starter = new AgentClient(home, { PATH: process.env.PATH, ...env });
  await starter.start({ node: process.execPath, cli: CLI });
  await starter.request({ op: 'unlock', passphrase: PASSPHRASE, client: { pid: process.pid, cwd: project, terminal: false } });
}

export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

/**
 * An "agent" as coding agents run commands: no terminal, a session of its own (setsid), pipes for
 * stdin, stdout and stderr. Killed after `killAfterMs`: a refusal must come well before.
 */
export function runAsAgent(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; killAfterMs?: number }): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('setsid', ['--wait', process.execPath, CLI, ...args], {
      cwd: options.cwd, env: { PATH: process.env.PATH, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 20_000);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr, ms: Date.now() - started }); });
    child.stdin.end('y\ny\ny\n');
  });
}

/**
 * A session of the test's own (setsid): a small Node process that leads it and starts each command
 * it is given as its child, so those commands share one session whose leader their chain reaches.
 * The test runner's own session cannot serve: where it has no leader the OS shows (a CI runner
 * started without one: session id 0, or a leader that exited), EnvGuard rightly allows no session.
 */
export class SessionLeader {
  private readonly leader: ChildProcessByStdio<Writable, Readable, null>;
  private readonly waiting = new Map<number, (result: CliResult) => void>();
  private next = 0;
  private buffered = '';

  constructor() {
    const script = `
      const { spawn } = require('node:child_process');
      require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
        const { id, command, args, cwd, env } = JSON.parse(line);
        const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '', stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
        child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
        child.on('error', (e) => process.stdout.write(JSON.stringify({ id, code: null, signal: null, stdout, stderr: String(e) }) + '\\n'));
        child.on('close', (code, signal) => process.stdout.write(JSON.stringify({ id, code, signal, stdout, stderr }) + '\\n'));
      });`;
    this.leader = spawn(process.execPath, ['-e', script], { detached: true, stdio: ['pipe', 'pipe', 'inherit'] });
    this.leader.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.buffered += chunk;
      for (let end = this.buffered.indexOf('\n'); end >= 0; end = this.buffered.indexOf('\n')) {
        const { id, ...result } = JSON.parse(this.buffered.slice(0, end)) as CliResult & { id: number };
        this.buffered = this.buffered.slice(end + 1);
        this.waiting.get(id)?.(result);
        this.waiting.delete(id);
      }
    });
  }

  /** Runs a command in this session (no terminal), as the leader's child. */
  run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliResult> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.leader.stdin.write(`${JSON.stringify({ id, command, args, cwd: options.cwd, env: options.env })}\n`);
    });
  }

  close(): void {
    this.leader.stdin.end();
    this.leader.kill();
  }
}

/** Whether tmux can run here (CI installs it; see .ci/run). */
export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Terminals driven through tmux on a server of their own: what a human types, and what an agent
 * that holds a terminal types (Codex in tmux, Copilot's agent mode). Each window is its own
 * terminal: its own pty and shell session.
 */
export class Terminals {
  private readonly socket = `envguard-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private windows = 0;

  constructor(private readonly cwd: string, private readonly env: NodeJS.ProcessEnv) {}

  /** Opens a terminal (a tmux window running bash) and returns its target. */
  open(): string {
    const exports = Object.entries(this.env).map(([k, v]) => `export ${k}=${shellQuote(v ?? '')}`).join('; ');
    const rc = path.join(this.cwd, `.bashrc-${this.socket}`);
    writeFileSync(rc, `PS1='$ '\n${exports}\ncd ${shellQuote(this.cwd)}\n`);
    const target = `t:${this.windows}`;
    if (this.windows === 0) execFileSync('tmux', ['-L', this.socket, 'new-session', '-d', '-s', 't', '-x', '220', '-y', '60', `bash --rcfile ${rc} --noprofile -i`], { env: { PATH: process.env.PATH, HOME: this.cwd, TERM: 'xterm' } });
    else execFileSync('tmux', ['-L', this.socket, 'new-window', '-t', 't', `bash --rcfile ${rc} --noprofile -i`]);
    this.windows++;
    return target;
  }

  /** Types a line (Enter at the end). */
  type(target: string, text: string): void {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', target, '-l', text]);
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', target, 'Enter']);
  }

  screen(target: string): string {
    return execFileSync('tmux', ['-L', this.socket, 'capture-pane', '-p', '-J', '-S', '-200', '-t', target], { encoding: 'utf8' });
  }

  /** Waits until the screen matches; returns it. */
  async waitFor(target: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    let screen = '';
    await waitUntil(() => pattern.test(screen = this.screen(target)), timeoutMs, `${pattern} in terminal ${target}; it shows:\n${screen}`).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${this.screen(target)}`);
    });
    return screen;
  }

  /** Runs `envguard ARGS` in the terminal, then prints its exit code as `EXIT=<n>` (numbered per call). */
  runEnvguard(target: string, args: string, marker: string): void {
    this.type(target, `clear; node ${CLI} ${args}; echo "${marker}=$?"`);
  }

  private runs = 0;

  /** runEnvguard with the next marker of these terminals (`EXIT1`, `EXIT2`…), which it returns. */
  start(target: string, args: string): string {
    const marker = `EXIT${++this.runs}`;
    this.runEnvguard(target, args, marker);
    return marker;
  }

  /** Types a new passphrase for `vault export` twice, as its prompts come. */
  async chooseExportPassphrase(target: string, passphrase: string): Promise<void> {
    await this.waitFor(target, /Export passphrase \(typed input is hidden\): *$/m);
    this.type(target, passphrase);
    await this.waitFor(target, /Type it again: *$/m);
    this.type(target, passphrase);
  }

  close(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
