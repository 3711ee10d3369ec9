/**
 * What every shell's completion script completes, read from the command tables: the commands, each
 * command's subcommands, the options of each place (a command, or a command's subcommand) and what
 * their values and the positional arguments take. Each shell's generator prints this as its own code.
 */
import { HELP_OPTION, type ArgumentRow, type CommandTable, type OptionRow } from '../command-table';

export interface CompletedOption {
  readonly long: string;
  readonly short?: string;
  readonly help: string;
  /** Undefined for a flag. */
  readonly value?: ValueCompletion;
}

/** What a value or an argument completes to. */
export type ValueCompletion =
  | { readonly kind: 'choices'; readonly choices: readonly string[]; readonly list?: { readonly alone: readonly string[] } }
  | { readonly kind: 'file' | 'directory' | 'command' | 'any' };

/** A place on the command line: `scan`, or `vault list`. */
export interface CompletionPlace {
  readonly command: string;
  readonly subcommand?: string;
  readonly summary: string;
  readonly options: readonly CompletedOption[];
  /** The positional arguments (after the subcommand, if any), in order; the last one repeats. */
  readonly arguments: readonly ValueCompletion[];
}

export interface CompletionModel {
  readonly commands: readonly { readonly name: string; readonly summary: string; readonly subcommands: readonly { readonly name: string; readonly summary: string }[]; readonly passThrough: boolean }[];
  /** Per command, its place without subcommand, then one place per subcommand. */
  readonly places: readonly CompletionPlace[];
  /** Per command, every option that takes a value (to skip its value when counting positionals). */
  readonly valued: ReadonlyMap<string, readonly string[]>;
}

export function completionModel(tables: readonly CommandTable[]): CompletionModel {
  const places: CompletionPlace[] = [];
  const valued = new Map<string, string[]>();
  for (const table of tables) {
    const all = Object.entries(table.options).map(([name, row]) => completedOption(name, row));
    valued.set(table.name, all.filter((o) => o.value).flatMap((o) => [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])]));
    places.push({ command: table.name, summary: table.summary, options: [...all, completedOption('help', HELP_OPTION)], arguments: (table.arguments ?? []).map(argumentCompletion) });
    for (const [name, sub] of Object.entries(table.subcommands ?? {})) {
      const options = (sub.options ?? []).map((o) => completedOption(o, table.options[o]!));
      places.push({ command: table.name, subcommand: name, summary: sub.summary, options: [...options, completedOption('help', HELP_OPTION)], arguments: (sub.arguments ?? []).map(argumentCompletion) });
    }
  }
  const commands = tables.map((t) => ({
    name: t.name, summary: t.summary, passThrough: t.passThrough === true,
    subcommands: Object.entries(t.subcommands ?? {}).map(([name, s]) => ({ name, summary: s.summary })),
  }));
  return { commands, places, valued };
}

function completedOption(long: string, row: OptionRow): CompletedOption {
  const value: ValueCompletion | undefined = row.type === 'boolean' ? undefined : row.choices ? { kind: 'choices', choices: row.choices, ...(row.list ? { list: row.list } : {}) } : { kind: row.complete ?? 'any' };
  return { long, ...(row.short ? { short: row.short } : {}), help: row.help, ...(value ? { value } : {}) };
}

function argumentCompletion(row: ArgumentRow): ValueCompletion {
  return row.choices ? { kind: 'choices', choices: row.choices } : { kind: row.complete ?? 'any' };
}

/** The `help` command completes the command names, then their subcommands. */
export const HELP_SUMMARY = 'the help of a command or subcommand';

/** Text safe inside single quotes of a POSIX shell. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
