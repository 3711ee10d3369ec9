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

  /**
   * Branded, not identity-checked: each command is a bundle of its own (dist/commands/<name>.js)
   * with its own copy of this class, and main.ts must still recognise what a command throws.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === 'CliError' && typeof (value as { exitCode?: unknown }).exitCode === 'number';
  }
}

/**
 * Errors whose message explains a problem of the input or of the machine (a vault refusing, a
 * broken `.envguard.json`, a file that cannot be read): printed as they are, exit 2. Known by name,
 * for the same reason as CliError. Anything else is a bug and is labelled "unexpected error".
 */
const EXPLAINED_ERRORS: ReadonlySet<string> = new Set(['VaultError', 'VaultUrlError', 'ProjectConfigError', 'InvalidCustomPatternError', 'EnvFileError', 'OutsideProjectError', 'ProjectNameTakenError']);

export function isExplainedError(error: unknown): error is Error {
  return error instanceof Error && EXPLAINED_ERRORS.has(error.name);
}

/** Every command module exports one of these. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;

/**
 * Whether to colour what goes to stdout: FORCE_COLOR (set, and not 0 or false) turns colours on
 * even into a pipe, NO_COLOR (set and not empty, no-color.org) turns them off; FORCE_COLOR wins
 * when both are set, as in Node itself. Otherwise colours go to a terminal only.
 */
export function useColor(io: Pick<CliIO, 'env' | 'isTTY'>): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY;
}
