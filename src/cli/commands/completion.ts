/** `envguard completion SHELL`: prints the shell's completion script, generated from the command tables. */
import { parseCommandArgs } from '../args';
import { completionScript } from '../completion';
import { CliError, EXIT_OK, type CliIO, type Command } from '../io';
import { COMMAND_TABLES } from '../tables';
import { completionTable, SHELLS } from './completion.table';

export const completionCommand: Command = (argv: string[], io: CliIO) => {
  const { positionals } = parseCommandArgs(argv, completionTable.options);
  const [shell, ...extra] = positionals;
  if (shell === undefined || extra.length > 0) throw new CliError(`expected one SHELL: ${SHELLS.join(', ')}`);
  if (!(SHELLS as readonly string[]).includes(shell)) throw new CliError(`unknown shell '${shell}': expected one of ${SHELLS.join(', ')}`);
  io.stdout.write(completionScript(shell as (typeof SHELLS)[number], COMMAND_TABLES));
  return Promise.resolve(EXIT_OK);
};

/** The entry point dist/cli.js loads for `envguard completion`. */
export const command = completionCommand;
