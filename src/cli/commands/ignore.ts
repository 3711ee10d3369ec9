/**
 * `envguard ignore [DIR] [--check]`: writes (or checks) the AI tools' ignore files of DIR.
 * The core computes and writes; this adapter only resolves DIR and prints the report.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { applyIgnoreFiles, type FileResult, type FileStatus } from '../../core/ai-ignore';
import { parseCommandArgs } from '../args';
import { CliError, EXIT_FOUND, EXIT_OK, EXIT_USAGE, type CliIO, type Command } from '../io';

const HELP = `Usage: envguard ignore [DIR] [--check]

Writes a managed block into the ignore file of every AI tool (Cursor, Windsurf, Gemini, JetBrains,
aider, Continue, Cline, Roo Code, Kilo Code, Augment, Kiro, Qwen Code), deny rules into
.claude/settings.json, turns Copilot off for dotenv in .vscode/settings.json, and ignores env files
in .gitignore. DIR defaults to the current folder.

  --check   write nothing; exit 1 when a file is missing or stale
`;

export const ignoreCommand: Command = async (argv: string[], io: CliIO): Promise<number> => {
  const { values, positionals } = parseCommandArgs(argv, {
    check: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new CliError(`expected at most one DIR, got ${positionals.length}`);
  const dir = await projectDirectory(io.cwd, positionals[0] ?? '.');
  const check = values.check === true;

  const results = await applyIgnoreFiles(dir, { check });
  for (const result of results) io.stdout.write(`${reportLine(result)}\n`);
  io.stdout.write(`${summary(results, check)}\n`);

  if (results.some((result) => result.status === 'error')) return EXIT_USAGE;
  if (results.some((result) => result.status === 'missing' || result.status === 'stale')) return EXIT_FOUND;
  return EXIT_OK;
};

async function projectDirectory(cwd: string, argument: string): Promise<string> {
  const dir = path.resolve(cwd, argument);
  const stats = await stat(dir).catch(() => undefined);
  if (!stats) throw new CliError(`${argument}: no such directory`);
  if (!stats.isDirectory()) throw new CliError(`${argument}: not a directory`);
  return dir;
}

function reportLine(result: FileResult): string {
  return result.status === 'error' ? `error ${result.path}: ${result.reason ?? 'unknown error'}` : `${result.status} ${result.path}`;
}

const WRITE_ORDER: readonly FileStatus[] = ['created', 'updated', 'unchanged', 'error'];
const CHECK_ORDER: readonly FileStatus[] = ['missing', 'stale', 'unchanged', 'error'];

/** e.g. `15 files: 13 created, 2 unchanged` or, when checking, `15 files: 1 stale, 14 unchanged; run 'envguard ignore' to update`. */
function summary(results: readonly FileResult[], check: boolean): string {
  const counts = (check ? CHECK_ORDER : WRITE_ORDER)
    .map((status) => ({ status, count: results.filter((result) => result.status === status).length }))
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => `${count} ${status === 'error' && count > 1 ? 'errors' : status}`);
  const outdated = check && results.some((result) => result.status === 'missing' || result.status === 'stale');
  return `${results.length} files: ${counts.join(', ')}${outdated ? "; run 'envguard ignore' to update" : ''}`;
}

/** The entry point dist/cli.js loads for `envguard ignore`. */
export const command = ignoreCommand;
