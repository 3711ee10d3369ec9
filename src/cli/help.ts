/**
 * The one renderer of `--help`, `envguard help CMD [SUB]` and the general usage: it reads the
 * command tables (command-table.ts) and prints a synopsis, the arguments, every option with its
 * meaning, examples and exit codes.
 */
import { HELP_OPTION, type ArgumentRow, type CommandTable, type ExitCodeRow, type OptionRow, type SubcommandTable } from './command-table';

const WIDTH = 100;

/** `--format FORMAT`, `-f, --env-file FILE`: an option as help names it. */
export function optionLabel(name: string, row: OptionRow): string {
  const value = row.type === 'string' ? ` ${row.value ?? 'VALUE'}` : '';
  return `${row.short ? `-${row.short}, ` : '    '}--${name}${value}`;
}

/** The help of a command, or of one of its subcommands. */
export function renderCommandHelp(table: CommandTable, subcommand?: string): string {
  const sub = subcommand === undefined ? undefined : table.subcommands?.[subcommand];
  if (subcommand !== undefined && !sub) throw new Error(`${table.name} has no subcommand ${subcommand}`);
  return sub ? renderSubcommand(table, subcommand!, sub) : renderCommand(table);
}

function renderCommand(table: CommandTable): string {
  const sections: string[] = [`envguard ${table.name}: ${table.summary}`];
  sections.push(block('Usage:', table.synopsis.map((s) => `envguard ${table.name}${s ? ` ${s}` : ''}`)));
  if (table.description) sections.push(wrap(table.description, 0));
  if (table.arguments?.length) sections.push(argumentsSection(table.arguments));
  if (table.subcommands) {
    const names = Object.entries(table.subcommands);
    sections.push(rows('Subcommands:', names.map(([name, s]) => [name, s.summary])));
  }
  sections.push(optionsSection(Object.entries(table.options)));
  if (table.examples.length) sections.push(examplesSection(table.examples));
  sections.push(exitCodesSection(table.exitCodes));
  if (table.subcommands) sections.push(`Each subcommand's options and examples: envguard help ${table.name} SUBCOMMAND`);
  return `${sections.join('\n\n')}\n`;
}

function renderSubcommand(table: CommandTable, name: string, sub: SubcommandTable): string {
  const full = `${table.name} ${name}`;
  const sections: string[] = [`envguard ${full}: ${sub.summary}`];
  sections.push(block('Usage:', (sub.synopsis ?? ['']).map((s) => `envguard ${full}${s ? ` ${s}` : ''}`)));
  if (sub.description) sections.push(wrap(sub.description, 0));
  if (sub.arguments?.length) sections.push(argumentsSection(sub.arguments));
  sections.push(optionsSection((sub.options ?? []).map((option) => [option, table.options[option]!])));
  if (sub.examples?.length) sections.push(examplesSection(sub.examples));
  sections.push(exitCodesSection(sub.exitCodes ?? table.exitCodes));
  return `${sections.join('\n\n')}\n`;
}

/** `envguard --help`: every command's synopsis and summary, and what the exit codes mean. */
export function renderOverview(tables: readonly CommandTable[], version: string): string {
  const usage = tables.flatMap((t) => t.synopsis.map((s) => `envguard ${t.name}${s ? ` ${s}` : ''}`));
  const sections = [
    `envguard ${version}: keeps the secrets in .env files out of reach of AI coding agents`,
    block('Usage:', [...usage, 'envguard help COMMAND [SUBCOMMAND] | COMMAND --help', 'envguard --version']),
    rows('Commands:', tables.map((t) => [t.name, t.summary])),
    'Exit codes: 0 ok, 1 secrets found / check failed / not all moved, 2 usage or I/O error, 3 release not approved (run: otherwise the command\'s own code; 126 not executable, 127 not found).',
    'Each command\'s options, examples and exit codes: envguard help COMMAND. Colours: NO_COLOR turns them off, FORCE_COLOR on.',
  ];
  return `${sections.join('\n\n')}\n`;
}

function argumentsSection(args: readonly ArgumentRow[]): string {
  return rows('Arguments:', args.map((a) => [a.name, a.choices ? `${a.help} (${a.choices.join(', ')})` : a.help]));
}

function optionsSection(options: readonly (readonly [string, OptionRow])[]): string {
  const all: (readonly [string, OptionRow])[] = [...options, ['help', HELP_OPTION]];
  return rows('Options:', all.map(([name, row]) => [optionLabel(name, row), optionMeaning(row)]));
}

function optionMeaning(row: OptionRow): string {
  const notes = [
    ...(row.choices ? [`one of ${row.choices.join(', ')}`] : []),
    ...(row.default !== undefined ? [`default ${row.default}`] : []),
    ...(row.multiple ? ['repeatable'] : []),
  ];
  return notes.length ? `${row.help} (${notes.join('; ')})` : row.help;
}

function examplesSection(examples: readonly { command: string; says: string }[]): string {
  return block('Examples:', examples.flatMap((e) => [e.command, ...wrap(e.says, 4).split('\n')]));
}

function exitCodesSection(codes: readonly ExitCodeRow[]): string {
  return rows('Exit codes:', codes.map((c) => [String(c.code), c.meaning]));
}

function block(title: string, lines: readonly string[]): string {
  return [title, ...lines.map((l) => `  ${l}`)].join('\n');
}

/** A two-column list: labels padded to one width, meanings wrapped under themselves. */
function rows(title: string, items: readonly (readonly [string, string])[]): string {
  const width = Math.min(28, Math.max(...items.map(([label]) => label.length)));
  const lines = items.map(([label, meaning]) => {
    const indent = 2 + width + 2;
    const text = wrap(meaning, indent).trimStart();
    return label.length > width ? `  ${label}\n${' '.repeat(indent)}${text}` : `  ${label.padEnd(width)}  ${text}`;
  });
  return [title, ...lines].join('\n');
}

/** Wraps at word boundaries to WIDTH columns, every line indented by `indent` spaces. */
function wrap(text: string, indent: number): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
        out.push(' '.repeat(indent) + line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(' '.repeat(indent) + line);
  }
  return out.join('\n');
}
