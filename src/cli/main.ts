/**
 * `envguard`: the command-line adapter over src/core. Each command lives in commands/<name>.ts and
 * receives its arguments and an injected CliIO; this file only dispatches.
 */
import { CliError, EXIT_USAGE, isExplainedError, type CliIO, type Command } from './io';
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

const COMMANDS: Record<string, { summary: string }> = {
  scan: { summary: 'find plaintext secrets in env files (text, json or sarif)' },
  migrate: { summary: 'move plaintext secrets into a vault and leave references' },
  vault: { summary: "list, set, delete or recover a vault's secrets (never prints values); confirm remote vaults" },
  project: { summary: "this folder's project; link a moved project, claim or share its secrets" },
  protect: { summary: "write the AI tools' controls: ignore files, settings, hooks (--check: what each covers)" },
  ignore: { summary: 'the old name of protect' },
  hook: { summary: "run by an AI tool's hook: blocks commands that would show env files or secrets" },
  run: { summary: 'run a command with the env files loaded and references resolved (after your approval)' },
  unlock: { summary: 'unlock the local vault with your passphrase (the key agent holds the key)' },
  lock: { summary: 'lock the local vault: the key is forgotten, every approval ends' },
  approval: { summary: 'how often you approve releases, per project and environment' },
  agent: { summary: 'the key agent itself (envguard starts it; you never need to)' },
};

export const USAGE = `envguard ${VERSION}: keeps the secrets in .env files out of reach of AI coding agents

Usage:
  envguard scan [PATH...] [--format text|json|sarif] [--include GLOB]... [--exclude GLOB]...
  envguard migrate [PATH...] [--env ENV]... [--vault local|azure:NAME|URL] [--keys K1,K2] [--prefix P] [--pin-versions] [--reference-style app-service|vals] [--dry-run] [--yes]
  envguard vault init | protect | passphrase | log [--json]
  envguard vault list | set NAME | delete NAME [--yes] | recover NAME  [--vault local|azure:NAME|URL]
  envguard vault confirm V | unconfirm V | confirmed
  envguard project [link | claim [SECRET...] | share SECRET... --with PROJECT | unshare SECRET... --with PROJECT]
  envguard protect [DIR] [--check] [--enable-sandbox]     (also: envguard ignore)
  envguard hook [claude|cursor|windsurf|gemini]            (reads the tool's JSON on stdin)
  envguard run [--env-file FILE]... [--override] [--redact] -- CMD [ARGS...]
  envguard unlock | lock | approval [set every-time|session|none [--project P] [--env E]]
  envguard --help | --version

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`).join('\n')}

Exit codes: 0 ok, 1 secrets found / check failed / not all moved, 2 usage or I/O error, 3 release not approved (run: otherwise the command's own code).
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
    io.stderr.write(`envguard: unknown command '${name}'. Run 'envguard --help' for the commands.\n`);
    return EXIT_USAGE;
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

if (require.main === module) {
  dropOutputWhenReaderLeaves(process.stdout);
  dropOutputWhenReaderLeaves(process.stderr);
  const io: CliIO = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stdout.isTTY) };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { process.stderr.write(`envguard: ${String(error)}\n`); process.exitCode = EXIT_USAGE; },
  );
}
