/**
 * What a command is, as data: its synopsis, options, arguments, subcommands, examples and exit codes.
 * One table per command (commands/<name>.table.ts) is the single source of its `--help`, of the
 * options its parser knows (args.ts) and of the shell completion scripts (completion/).
 */

/** One option: what the parser needs (node:util parseArgs), and what help and completion say of it. */
export interface OptionRow {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string;
  /** The placeholder of its value in help (FILE, GLOB, V). */
  readonly value?: string;
  /** The values it accepts: listed in help, offered by completion. */
  readonly choices?: readonly string[];
  /**
   * The value is a comma-separated list of the choices (`--tools claude-code,cursor`): completion
   * offers, after the last comma, the choices not given yet; `alone` are choices only valid by themselves.
   */
  readonly list?: { readonly alone: readonly string[] };
  /** What completion offers for its value when it has no choices. */
  readonly complete?: 'file' | 'directory';
  readonly help: string;
}

export type OptionTable = Readonly<Record<string, OptionRow>>;

/** A positional argument (or the words after a subcommand). */
export interface ArgumentRow {
  readonly name: string;
  readonly help: string;
  readonly choices?: readonly string[];
  readonly complete?: 'file' | 'directory' | 'command';
}

export interface ExampleRow {
  readonly command: string;
  readonly says: string;
}

export interface ExitCodeRow {
  readonly code: number | string;
  readonly meaning: string;
}

/** A subcommand (`vault list`): its options are names from its command's option table. */
export interface SubcommandTable {
  readonly summary: string;
  /** Usage lines without `envguard COMMAND SUB`. */
  readonly synopsis?: readonly string[];
  readonly description?: string;
  readonly options?: readonly string[];
  readonly arguments?: readonly ArgumentRow[];
  readonly examples?: readonly ExampleRow[];
  readonly exitCodes?: readonly ExitCodeRow[];
}

export interface CommandTable {
  readonly name: string;
  readonly summary: string;
  /** Usage lines without `envguard NAME`. */
  readonly synopsis: readonly string[];
  readonly description?: string;
  readonly options: OptionTable;
  readonly arguments?: readonly ArgumentRow[];
  readonly subcommands?: Readonly<Record<string, SubcommandTable>>;
  readonly examples: readonly ExampleRow[];
  readonly exitCodes: readonly ExitCodeRow[];
  /** Everything after the first argument that is not an option (or after `--`) belongs to another program (`run`). */
  readonly passThrough?: boolean;
}

/** Every command takes `-h, --help`; the parser and help add it, tables do not repeat it. */
export const HELP_OPTION = { type: 'boolean', short: 'h', help: 'print this help and exit' } as const satisfies OptionRow;

/** `--format text|json`: the shape of each command's JSON is documented in docs/cli-json.md. */
export const FORMAT_OPTION = {
  type: 'string', short: 'f', default: 'text', value: 'FORMAT', choices: ['text', 'json'],
  help: 'text for people, json for programs (its schema: docs/cli-json.md)',
} as const satisfies OptionRow;

export const EXIT_OK_ROW: ExitCodeRow = { code: 0, meaning: 'done' };
export const EXIT_USAGE_ROW: ExitCodeRow = { code: 2, meaning: 'a usage error, or an input or I/O error (the message says which)' };
