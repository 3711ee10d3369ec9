import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HELP_OPTION, type CommandTable, type OptionTable } from './command-table';
import { CliError } from './io';

type ParserOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs over a command table's options (commands/<name>.table.ts), with EnvGuard's
 * error wording: unknown options are usage errors (exit 2). `--help` is known to every command.
 */
export function parseCommandArgs<T extends OptionTable & ParserOptions>(argv: string[], options: T) {
  try {
    const known: ParserOptions = { help: parserOption(HELP_OPTION) };
    for (const [name, row] of Object.entries(options)) known[name] = parserOption(row);
    return parseArgs({ args: argv, options: known as T, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new CliError(message);
  }
}

/** What parseArgs reads of an option row (its help and choices are for people and shells). */
function parserOption(row: OptionTable[string]): ParserOptions[string] {
  return {
    type: row.type,
    ...(row.short !== undefined ? { short: row.short } : {}),
    ...(row.multiple ? { multiple: true } : {}),
    ...(row.default !== undefined ? { default: row.default } : {}),
  };
}

/** `--format`: one of the values its option row lists, else a usage error. */
export function parseFormat<F extends string>(value: string | undefined, choices: readonly F[]): F {
  const format = value ?? choices[0]!;
  if (!(choices as readonly string[]).includes(format)) throw new CliError(`unknown format '${format}' (use ${choices.join(', ')})`);
  return format as F;
}

/**
 * Whether the words of a command ask for its help (`-h` or `--help` before `--`), and for which
 * subcommand: `envguard vault list --help`. For a command that runs another program (`run`), the
 * search stops at that program's name, so `envguard run -- node --help` is node's.
 */
export function helpRequest(table: CommandTable, argv: readonly string[]): { subcommand?: string } | undefined {
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--help' || arg === '-h') {
      const sub = positionals[0];
      return sub !== undefined && table.subcommands?.[sub] ? { subcommand: sub } : {};
    }
    if (arg.startsWith('-') && arg !== '-') {
      const row = arg.startsWith('--') ? table.options[arg.slice(2)] : Object.values(table.options).find((o) => o.short === arg.slice(1));
      if (row?.type === 'string' && !arg.includes('=')) i++; // its value, which may look like anything
      continue;
    }
    if (table.passThrough) return undefined;
    positionals.push(arg);
  }
  return undefined;
}
