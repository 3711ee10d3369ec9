/**
 * `envguard protect [DIR] [--tools LIST] [--check] [--enable-sandbox]` (also `envguard ignore`):
 * writes (or checks) the AI tools' controls in DIR: ignore files, settings, hooks, for the tools the
 * project chose (`.envguard.json` "aiTools", set by --tools). The core computes and writes; this
 * adapter resolves DIR and the choice, asks before turning Claude Code's sandbox on, and prints the report.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { AI_TOOL_IDS, aiToolInfo, applyIgnoreFiles, checkTools, claudeSandboxState, detectTools, isAiToolId, type AiToolId, type FileResult, type FileStatus, type ToolStatus } from '../../core/ai-ignore';
import { saveAiToolChoice } from '../../core/config/ai-tools';
import { PROJECT_CONFIG_FILE, readProjectConfigFile } from '../../core/config/project-config';
import { parseCommandArgs, parseFormat } from '../args';
import { jsonDocument } from '../format/json';
import { CliError, EXIT_FOUND, EXIT_OK, EXIT_USAGE, type CliIO, type Command } from '../io';
import { confirm } from '../prompt';
import { protectCommandTable } from './protect.table';

/** `envguard protect`, or `envguard ignore` when `name` says so (its old name, kept working). */
export function protectCommand(name: string): Command {
  return async (argv: string[], io: CliIO): Promise<number> => {
    const { values, positionals } = parseCommandArgs(argv, protectCommandTable.options);
    if (positionals.length > 1) throw new CliError(`expected at most one DIR, got ${positionals.length}`);
    const dir = await projectDirectory(io.cwd, positionals[0] ?? '.');
    const check = values.check === true;
    if (check && values['enable-sandbox'] === true) throw new CliError('--check writes nothing: drop --enable-sandbox');

    const json = parseFormat(values.format, protectCommandTable.options.format.choices) === 'json';
    const given = values.tools === undefined ? undefined : parseToolList(values.tools);
    // A choice given on the command line is kept (not by --check, which writes nothing), so that CI checks the same tools.
    const saved = given !== undefined && !check && (await saveAiToolChoice(dir, given));
    const choice = given ?? (await readProjectConfigFile(dir))?.aiTools;
    const claudeChosen = choice === undefined || choice.includes('claude-code');
    const enableSandbox = check || !claudeChosen ? false : values['enable-sandbox'] === true || (!json && (await askForSandbox(dir, io)));
    const results = await applyIgnoreFiles(dir, { check, enableSandbox, tools: choice });
    const tools = check ? await checkTools(dir, io.env, choice) : undefined;
    const notes = !check && claudeChosen && !enableSandbox && (await claudeSandboxState(dir, io.env)) === false
      ? [`Claude Code's sandbox is off here, so a script the agent runs can still open env files; 'envguard ${name} --enable-sandbox' turns it on for you`]
      : [];
    if (values['enable-sandbox'] === true && !claudeChosen) notes.push("--enable-sandbox did nothing: Claude Code is not among the chosen tools");
    if (saved) notes.push(`the choice of tools is kept in ${PROJECT_CONFIG_FILE} ("aiTools"), so that 'envguard ${name} --check' checks the same tools`);
    const chosenIds = choice === undefined ? [...AI_TOOL_IDS] : AI_TOOL_IDS.filter((id) => choice.includes(id));
    // A tool in use here (its own folder or instructions file) but left out gets nothing: said, never a failure.
    const leftOut = choice === undefined ? [] : (await detectTools(dir, { markersOnly: true })).filter((id) => !choice.includes(id));
    if (leftOut.length > 0) {
      const names = leftOut.map((id) => aiToolInfo(id).name).join(', ');
      notes.push(`${names} ${leftOut.length === 1 ? 'is' : 'are'} used in this folder but not among the chosen tools, so ${leftOut.length === 1 ? 'it gets' : 'they get'} no controls; to add ${leftOut.length === 1 ? 'it' : 'them'}: envguard ${name} --tools ${AI_TOOL_IDS.filter((id) => chosenIds.includes(id) || leftOut.includes(id)).join(',')}`);
    }
    if (json) {
      io.stdout.write(jsonDocument({ directory: dir, check, chosenTools: chosenIds, files: results.map((r) => ({ path: r.path, status: r.status, ...(r.reason !== undefined ? { reason: r.reason } : {}) })), ...(tools ? { tools } : {}), notes }));
    } else {
      io.stdout.write(`tools chosen: ${choice === undefined ? `all (set "aiTools" in ${PROJECT_CONFIG_FILE} or use --tools to choose)` : chosenIds.length === 0 ? 'none' : chosenIds.join(', ')}\n`);
      for (const result of results) io.stdout.write(`${reportLine(result)}\n`);
      io.stdout.write(`${summary(results, check, name)}\n`);
      if (tools) printTools(tools, io);
      for (const note of notes) io.stdout.write(`note: ${note}\n`);
    }

    if (results.some((result) => result.status === 'error')) return EXIT_USAGE;
    if (results.some((result) => result.status === 'missing' || result.status === 'stale')) return EXIT_FOUND;
    return EXIT_OK;
  };
}

/** `--tools claude-code,cursor` or `--tools all`: every id checked, an unknown one named with the list to choose from. */
function parseToolList(value: string): AiToolId[] {
  const words = value.split(',').map((word) => word.trim()).filter((word) => word !== '');
  if (words.length === 1 && words[0] === 'all') return [...AI_TOOL_IDS];
  const unknown = words.filter((word) => !isAiToolId(word));
  if (unknown.length > 0) throw new CliError(`--tools: unknown tool ${unknown.map((word) => `'${word}'`).join(', ')}; the tools are ${AI_TOOL_IDS.join(', ')} (or 'all')`);
  if (words.length === 0) throw new CliError(`--tools needs at least one tool: ${AI_TOOL_IDS.join(', ')} (or 'all')`);
  return words.filter(isAiToolId);
}

/** At a terminal, asks whether to turn Claude Code's sandbox on when it is off (never without a yes). */
async function askForSandbox(dir: string, io: CliIO): Promise<boolean> {
  if (!io.isTTY || !process.stdin.isTTY) return false;
  if ((await claudeSandboxState(dir, io.env)) !== false) return false;
  return confirm(
    "Claude Code's sandbox is off in this project. Turn it on for you (.claude/settings.local.json)? Its Bash commands then run under OS confinement that cannot read env files or the EnvGuard vault; some tools may need sandbox settings of their own.",
  );
}

async function projectDirectory(cwd: string, argument: string): Promise<string> {
  const dir = path.resolve(cwd, argument);
  const stats = await stat(dir).catch(() => undefined);
  if (!stats) throw new CliError(`${argument}: no such directory`);
  if (!stats.isDirectory()) throw new CliError(`${argument}: not a directory`);
  return dir;
}

function reportLine(result: FileResult): string {
  return result.reason !== undefined || result.status === 'error' ? `${result.status} ${result.path}: ${result.reason ?? 'unknown error'}` : `${result.status} ${result.path}`;
}

const WRITE_ORDER: readonly FileStatus[] = ['created', 'updated', 'unchanged', 'error', 'not-chosen'];
const CHECK_ORDER: readonly FileStatus[] = ['missing', 'stale', 'unchanged', 'error', 'not-chosen'];

/** e.g. `22 files: 20 created, 2 unchanged` or, when checking, `22 files: 1 stale, 21 unchanged; run 'envguard protect' to update`. */
function summary(results: readonly FileResult[], check: boolean, name: string): string {
  const counts = (check ? CHECK_ORDER : WRITE_ORDER)
    .map((status) => ({ status, count: results.filter((result) => result.status === status).length }))
    .filter(({ count }) => count > 0)
    .map(({ status, count }) => `${count} ${status === 'error' && count > 1 ? 'errors' : status}`);
  const outdated = check && results.some((result) => result.status === 'missing' || result.status === 'stale');
  return `${results.length} files: ${counts.join(', ')}${outdated ? `; run 'envguard ${name}' to update` : ''}`;
}

const LEVEL_LABEL: Readonly<Record<ToolStatus['level'], string>> = {
  protected: 'protected',
  partial: 'partial',
  'not-protected': 'not protected',
  'honours-nothing': 'honours nothing',
  unknown: 'unknown',
  'not-chosen': 'not chosen',
};

function printTools(statuses: readonly ToolStatus[], io: CliIO): void {
  io.stdout.write('tools:\n');
  for (const status of statuses) {
    io.stdout.write(`  ${LEVEL_LABEL[status.level].padEnd(16)} ${status.tool}\n`);
    for (const note of status.notes) io.stdout.write(`  ${''.padEnd(16)}   ${note}\n`);
  }
}

/** The entry point dist/cli.js loads for `envguard protect`. */
export const command = protectCommand('protect');
