/** What a CLI command may touch of its process: injected so that tests and the demo can drive it. */
export interface CliIO {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** True when stdout is a terminal (colours, prompts). */
  readonly isTTY: boolean;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FOUND = 1;
export const EXIT_USAGE = 2;

/** A usage or input error: printed as `envguard: <message>` with exit code 2. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Each command is a bundle of its own with its own copy of CliError, so `instanceof` in main.ts
 * never sees a command's CliError: recognise it by name.
 */
export function isCliError(error: unknown): error is CliError {
  return error instanceof Error && error.name === 'CliError' && typeof (error as Partial<CliError>).exitCode === 'number';
}

/** Every command module exports one of these. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;
