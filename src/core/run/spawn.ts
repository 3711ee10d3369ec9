import { constants } from 'node:os';
import spawn from 'cross-spawn';
import { RedactingStream } from './redact';

export interface ChildOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  /** Values to mask in the child's stdout and stderr; undefined passes output straight through. */
  readonly redact?: ReadonlyMap<string, string>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export class CommandNotFoundError extends Error {
  constructor(readonly command: string) {
    super(`command not found: ${command}`);
    this.name = 'CommandNotFoundError';
  }
}

/** The command exists but cannot be executed (no execute permission, a folder): shells exit 126 then. */
export class CommandNotExecutableError extends Error {
  constructor(readonly command: string) {
    super(`permission denied: ${command} is not executable`);
    this.name = 'CommandNotExecutableError';
  }
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Runs a command with the given environment, stdin inherited, and resolves with its exit code
 * (128 + signal number when a signal ended it, as shells report it). Signals sent to us are passed on.
 */
export function runChild(options: ChildOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const redacting = options.redact !== undefined;
    const child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['inherit', redacting ? 'pipe' : 'inherit', redacting ? 'pipe' : 'inherit'],
    });
    const drained: Promise<void>[] = [];
    const redact = options.redact;
    if (redact && child.stdout && child.stderr) {
      for (const [source, target] of [[child.stdout, options.stdout], [child.stderr, options.stderr]] as const) {
        const masker = new RedactingStream(redact);
        drained.push(new Promise((done) => { masker.on('end', done); masker.on('close', done); }));
        source.pipe(masker).pipe(target, { end: false });
        // Our reader left (`envguard run --redact -- cmd | head -1`): stop reading the command's
        // output, so that it meets the closed pipe too, as it would in a shell pipeline.
        target.on('error', () => { source.destroy(); masker.destroy(); });
      }
    }
    const forward = (signal: NodeJS.Signals) => () => { child.kill(signal); };
    const handlers = FORWARDED_SIGNALS.map((signal) => [signal, forward(signal)] as const);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const cleanup = () => { for (const [signal, handler] of handlers) process.off(signal, handler); };

    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(error.code === 'ENOENT' ? new CommandNotFoundError(options.command) : error.code === 'EACCES' ? new CommandNotExecutableError(options.command) : error);
    });
    child.on('close', (code, signal) => {
      cleanup();
      void Promise.all(drained).then(() => {
        if (signal) resolve(128 + (constants.signals[signal] ?? 1));
        else resolve(code ?? 1);
      });
    });
  });
}
