/**
 * `envguard`: the command-line adapter over src/core. Each command lives in commands/<name>.ts and
 * receives its arguments and an injected CliIO; this file only dispatches.
 */
import { helpRequest } from './args';
import { renderCommandHelp, renderOverview } from './help';
import { CliError, EXIT_OK, EXIT_USAGE, isExplainedError, type CliIO, type Command } from './io';
import { COMMAND_TABLES, commandTable } from './tables';
import { VERSION } from './version';

/**
 * Each command is its own bundle (dist/commands/<name>.js), loaded only when it runs: `scan` then
 * never pays for child_process or crypto, and startup stays close to bare Node's.
 */
function loadCommand(name: string): Command {
  const file = './commands/' + name + '.js'; // a runtime path: esbuild leaves it alone
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- kept out of the bundle on purpose
  const module = require(file) as { command: Command };
  return module.command;
}

/** `envguard --help`: generated from the command tables, as every command's own help is. */
export const USAGE = renderOverview(COMMAND_TABLES, VERSION);

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === 'help') return help(rest, io);
  const table = commandTable(name);
  if (!table) {
    io.stderr.write(`envguard: unknown command '${name}'. Run 'envguard --help' for the commands.\n`);
    return EXIT_USAGE;
  }
  const asked = helpRequest(table, rest);
  if (asked) {
    io.stdout.write(renderCommandHelp(table, asked.subcommand));
    return EXIT_OK;
  }
  try {
    return await loadCommand(name)(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`envguard ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (isExplainedError(error)) {
      io.stderr.write(`envguard ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // Unexpected failures: the message only (core errors never embed values), no stack with locals.
    io.stderr.write(`envguard ${name}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

/** `envguard help [COMMAND [SUBCOMMAND]]`. */
function help(words: readonly string[], io: CliIO): number {
  const [name, subcommand, ...extra] = words;
  if (name === undefined) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  const table = commandTable(name);
  if (!table) {
    io.stderr.write(`envguard help: unknown command '${name}'. Run 'envguard --help' for the commands.\n`);
    return EXIT_USAGE;
  }
  if (extra.length > 0 || (subcommand !== undefined && !table.subcommands?.[subcommand])) {
    const known = Object.keys(table.subcommands ?? {});
    io.stderr.write(`envguard help: ${known.length > 0 ? `'${name}' has no subcommand '${words.slice(1).join(' ')}' (it has ${known.join(', ')})` : `'${name}' has no subcommands`}\n`);
    return EXIT_USAGE;
  }
  io.stdout.write(renderCommandHelp(table, subcommand));
  return EXIT_OK;
}

/**
 * A reader that stops early (`envguard vault list | head -1`) closes the pipe, and the next write
 * fails with EPIPE. Nothing is wrong then: the rest of the output is simply not wanted. Such write
 * errors are dropped (the stream discards what follows) and the command ends with its own exit
 * code, without a stack trace. Any other stream error is still thrown.
 */
function dropOutputWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

/**
 * VS Code's `code` command runs its CLI as `ELECTRON_RUN_AS_NODE=1 "$ELECTRON" cli.js
 * --ms-enable-electron-run-as-node "$@"` (Microsoft's Electron wants the flag), and so does the
 * launcher the extension puts on PATH: the flag is the runtime's, not an argument of a command, and
 * the variable is not passed on to the programs the CLI runs (an Electron app would start as Node).
 */
export const ELECTRON_RUN_AS_NODE_FLAG = '--ms-enable-electron-run-as-node';

export function commandLineArguments(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  if (argv[0] !== ELECTRON_RUN_AS_NODE_FLAG) return [...argv];
  delete env['ELECTRON_RUN_AS_NODE'];
  return argv.slice(1);
}

if (require.main === module) {
  dropOutputWhenReaderLeaves(process.stdout);
  dropOutputWhenReaderLeaves(process.stderr);
  const args = commandLineArguments(process.argv.slice(2), process.env);
  const io: CliIO = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stdout.isTTY) };
  main(args, io).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { process.stderr.write(`envguard: ${String(error)}\n`); process.exitCode = EXIT_USAGE; },
  );
}
