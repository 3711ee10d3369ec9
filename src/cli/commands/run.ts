import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { EnvFileError } from '../../core/files/read';
import { groupByCause } from '../../core/group-by-cause';
import { CommandNotExecutableError, CommandNotFoundError, runChild } from '../../core/run';
import { resolveEnvironment } from '../../core/resolve';
import { LoaderFinder } from '../../core/project';
import { CliError, EXIT_USAGE, type CliIO, type Command } from '../io';
import { displayPath } from '../format/paths';
import { loadCliConfig } from '../project-config';
import { secretSourcesFor } from '../secret-sources';
import { cliProjectFinder, openCliRegistry } from '../projects';
import { remedyCommand, type ProjectRegistry } from '../../core/project';
import { cliReleaseGate } from '../local-vault';
import { runTable } from './run.table';
import { looksLikeReference } from '../../core/references';

const USAGE = `Usage: envguard run ${runTable.synopsis[0]}  (more: envguard help run)`;

interface RunArguments {
  envFiles: string[];
  override: boolean;
  redact: boolean;
  command: string[];
}

/**
 * Options come before the command; `--` is optional but recommended. Parsed by hand because
 * everything after the command belongs to it, including options envguard does not know.
 */
export function parseRunArguments(argv: readonly string[]): RunArguments | 'help' {
  const parsed: RunArguments = { envFiles: [], override: false, redact: false, command: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.command = argv.slice(i + 1);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.command = argv.slice(i);
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--override' || arg === '-o') parsed.override = true;
    else if (arg === '--redact') parsed.redact = true;
    else if (arg === '--env-file' || arg === '-f') {
      const file = argv[++i];
      if (file === undefined || file === '--') throw new CliError(`${arg} needs a file path`);
      parsed.envFiles.push(file);
    } else if (arg.startsWith('--env-file=')) parsed.envFiles.push(arg.slice('--env-file='.length));
    else throw new CliError(`unknown option '${arg}'\n${USAGE}`);
  }
  if (parsed.command.length === 0) throw new CliError(`no command to run\n${USAGE}`);
  return parsed;
}

/** `envguard run`: loads env files as their loaders do, resolves references, runs the command with them. */
export const runCommand: Command = async (argv: string[], io: CliIO) => {
  const args = parseRunArguments(argv);
  if (args === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { detection } = await loadCliConfig(io);
  const files = envFilesToLoad(args.envFiles, io).map((f) => path.resolve(io.cwd, f));
  const label = (p: string) => displayPath(io.cwd, p);

  const finder = cliProjectFinder(io);
  const loaders = new LoaderFinder(finder);
  let registry: Promise<ProjectRegistry> | undefined;
  let resolution;
  try {
    resolution = await resolveEnvironment({
      files, baseEnv: io.env, override: args.override, detection, label, projects: finder, folder: io.cwd, resolveInherited: true,
      loadersOf: async (file) => (await loaders.loadersOf(file)).dialects,
      sources: secretSourcesFor(io, () => (registry ??= openCliRegistry(io))),
      gated: { gate: cliReleaseGate(io), purpose: 'run', label: args.command.join(' ') },
    });
  } catch (error) {
    if (error instanceof EnvFileError) {
      const hint = error.problem === 'missing' && args.envFiles.length === 0 ? ' (pass --env-file FILE to load another file)' : '';
      throw new CliError(`${error.message}${hint}; the command was not started`);
    }
    throw error;
  }
  for (const warning of resolution.warnings) io.stderr.write(`envguard run: warning: ${warning}\n`);

  const refused = resolution.failures.filter((f) => f.refused !== undefined);
  if (refused.length > 0) {
    // Not approved: one reason for the whole release, then the keys it held back.
    io.stderr.write(`envguard run: no secret was released: ${refused[0]!.cause}\n  held back: ${refused.map((f) => f.key).join(', ')}\n`);
    io.stderr.write('envguard run: the command was not started\n');
    return EXIT_DENIED;
  }
  const unresolved = resolution.failures.filter((f) => !f.interpolation);
  if (unresolved.length > 0) {
    // A cause shared by several references (a refused credential, a damaged store) is said once.
    for (const { cause, items } of groupByCause(unresolved, (f) => f.cause)) {
      const remedy = items[0]!.remedy ? `\n  ${remedyCommand(items[0]!.remedy)}` : '';
      if (items.length === 1 || cause === undefined) for (const f of items) io.stderr.write(`envguard run: ${f.message}${f.remedy ? `\n  ${remedyCommand(f.remedy)}` : ''}\n`);
      else io.stderr.write(`envguard run: ${items.length} references could not be resolved: ${cause}${remedy}\n  ${items.map((f) => `${f.key} (${f.origin})`).join(', ')}\n`);
    }
    io.stderr.write(`envguard run: ${unresolved.length} reference${unresolved.length === 1 ? '' : 's'} could not be resolved; the command was not started\n`);
    return EXIT_USAGE;
  }
  const interpolation = resolution.failures.find((f) => f.interpolation);
  if (interpolation) {
    io.stderr.write(`envguard run: ${interpolation.message}; the command was not started\n`);
    return EXIT_USAGE;
  }
  const env: Record<string, string | undefined> = { ...io.env };
  const secrets = new Map<string, string>();
  for (const [key, value] of resolution.values) {
    if (value === null) continue;
    env[key] = value;
    if (resolution.secretKeys.has(key)) secrets.set(key, value);
  }

  // Under an AI agent, output is redacted whatever was asked: what the agent reads goes to its provider.
  const redact = args.redact || resolution.agent !== undefined;
  if (resolution.agent !== undefined && !args.redact) io.stderr.write(`envguard run: running under ${resolution.agent}: secret values are masked in the command's output\n`);
  const [command, ...commandArgs] = args.command as [string, ...string[]];
  try {
    return await runChild({
      command, args: commandArgs, cwd: io.cwd, env,
      ...(redact ? { redact: secrets } : {}),
      stdout: io.stdout, stderr: io.stderr,
    });
  } catch (error) {
    if (error instanceof CommandNotFoundError) {
      io.stderr.write(`envguard run: ${error.message}\n`);
      return 127;
    }
    if (error instanceof CommandNotExecutableError) {
      io.stderr.write(`envguard run: ${error.message}\n`);
      return 126;
    }
    throw error;
  }
};

/**
 * The files named, else `.env`. Without `.env`, a command whose references all come from the
 * inherited environment (`MYREF=envguard://… envguard run -- cmd`) runs on those alone, as `op run` does.
 */
function envFilesToLoad(named: readonly string[], io: CliIO): readonly string[] {
  if (named.length > 0) return named;
  const inheritsReferences = Object.values(io.env).some((v) => v !== undefined && looksLikeReference(v));
  return inheritsReferences && !existsSync(path.resolve(io.cwd, '.env')) ? [] : ['.env'];
}

/** Exit code when no value was released because approval was refused (denied, nobody to ask, no answer). */
export const EXIT_DENIED = 3;

/** The entry point dist/cli.js loads for `envguard run`. */
export const command = runCommand;
