import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';

/**
 * The terminal of an `envguard` task. The command runs as a child of the extension host with the
 * resolved values in its environment, so they never pass through VS Code's task or terminal
 * machinery (which persists launch configurations, environment included, to restore sessions).
 */
export class SecretTaskTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private child: ChildProcess | undefined;

  constructor(private readonly command: string, private readonly env: Record<string, string>, private readonly cwd: string | undefined, private readonly keys: readonly string[]) {}

  /** A terminal that says why the task did not start, and ends with exit code 1. */
  static refused(reason: string): vscode.Pseudoterminal {
    const written = new vscode.EventEmitter<string>();
    const closed = new vscode.EventEmitter<number>();
    return {
      onDidWrite: written.event,
      onDidClose: closed.event,
      open: () => { written.fire(`\x1b[31m${reason}\x1b[0m\r\n`); closed.fire(1); },
      close: () => undefined,
    };
  }

  open(): void {
    this.written.fire(`\x1b[33mEnvGuard: ${this.command}\x1b[0m (${this.keys.length} value(s) from the vault: ${this.keys.join(', ')})\r\n`);
    const child = spawn(this.command, { shell: true, cwd: this.cwd, env: { ...process.env, ...this.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    const forward = (chunk: Buffer): void => this.written.fire(chunk.toString('utf8').replace(/\r?\n/g, '\r\n'));
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('error', (error) => { this.written.fire(`EnvGuard: the command could not start (${error.message})\r\n`); this.closed.fire(127); });
    child.on('close', (code, signal) => this.closed.fire(code ?? (signal ? 128 : 1)));
  }

  handleInput(data: string): void {
    if (data === '\x03') this.child?.kill('SIGINT');
    else this.child?.stdin?.write(data.replace(/\r/g, '\n'));
  }

  close(): void {
    if (this.child && this.child.exitCode === null) this.child.kill();
  }
}
