import { statSync } from 'node:fs';
import * as path from 'node:path';
import { executeMigration, isBlocked, planMigration, type MigrationResult, type MigrationSource } from '../../core/migrate';
import { migrationSources, prepareProjects } from '../../core/migrate/sources';
import type { ProjectLayout, ProjectRegistry } from '../../core/project';
import { discoverEnvFiles } from '../../core/files/discover';
import { hashiCorpAddressKey } from '../../core/vault/hashicorp/kind';
import type { VaultSpec } from '../../core/vault/spec';
import { VaultError, type VaultProvider } from '../../core/vault/types';
import { parseCommandArgs, parseFormat } from '../args';
import { CliError, EXIT_FOUND, EXIT_OK, type CliIO, type Command } from '../io';
import { displayPath } from '../format/paths';
import { formatInterrupted, formatPlan, formatResult } from '../format/migration';
import { migrationJson, type MigrationOutcome } from '../format/json';
import { migrationProgress } from '../migration-progress';
import { openCliVault, parseCliVaultSpec, parseReferenceStyle, parseVaultChoice, type AzureWriteOptions } from '../vault-choice';
import { cliProjectFinder, isVaultConfirmed, openCliRegistry } from '../projects';
import { confirm } from '../prompt';
import { migrateTable } from './migrate.table';

/**
 * `envguard migrate`: moves plaintext secrets into a vault and leaves references. Prints the plan,
 * grouped by project and environment with each group's vault, applies it once confirmed (a terminal
 * prompt, or --yes), then prints what moved.
 * Exit 0 when every planned value moved (or none needed to), 1 when any could not, 2 on usage errors.
 */
export const migrateCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, migrateTable.options);
  const json = parseFormat(values.format, migrateTable.options.format.choices) === 'json';
  const referenceStyle = parseReferenceStyle(values['reference-style']);
  const typed = values.vault !== undefined ? parseVaultChoice(values.vault, io) : undefined;
  const keys = values.keys?.split(',').map((k) => k.trim()).filter((k) => k.length > 0);
  if (values.keys !== undefined && (!keys || keys.length === 0)) throw new CliError('--keys needs a comma-separated list of keys');

  const finder = cliProjectFinder(io);
  const paths = await targets(positionals, io, finder);
  const registry = await openCliRegistry(io);
  const vaults = cliVaults(io, registry, typed, {
    ...(values['pin-versions'] === true ? { pinVersions: true } : {}),
    ...(referenceStyle ? { referenceStyle } : {}),
  });
  const resolved = await migrationSources(paths, {
    projects: finder,
    envFilesOf: (root) => finder.envFilesOf(root),
    vaultFor: vaults.forEnvironment,
    registry,
    label: (p) => displayPath(io.cwd, p),
  });
  const wanted = values.env;
  const sources: MigrationSource[] = wanted ? resolved.sources.filter((s) => wanted.includes(s.file.environment.name)) : resolved.sources;
  const plan = await planMigration(sources, { ...(keys ? { keys } : {}), ...(values.prefix !== undefined ? { prefix: values.prefix } : {}) });
  const problems = [...resolved.problems, ...plan.problems];
  // JSON: one document at the end, with the plan, how it ended and the result.
  const ended = (outcome: MigrationOutcome, code: number, result?: MigrationResult, error?: string): number => {
    if (json) io.stdout.write(migrationJson({ items: plan.items, problems }, outcome, result, error));
    return code;
  };
  if (!json) io.stdout.write(formatPlan({ ...plan, problems }, resolved.projects));

  if (problems.some((p) => p.blocking) || isBlocked(plan)) {
    io.stderr.write(`envguard migrate: nothing was written: resolve the blocked items ${json ? 'of the plan' : 'above'} first\n`);
    return ended('blocked', EXIT_FOUND);
  }
  if (plan.items.length === 0) return ended('nothing-to-move', problems.length > 0 ? EXIT_FOUND : EXIT_OK);
  if (values['dry-run']) {
    if (!json) io.stdout.write('Dry run: nothing was written.\n');
    return ended('dry-run', EXIT_OK);
  }
  if (!values.yes) {
    if (!process.stdin.isTTY || !io.isTTY) throw new CliError('no terminal to confirm on: pass --yes to apply the plan');
    if (!(await confirm('Move these values into their vaults and rewrite the files?'))) {
      if (!json) io.stdout.write('Nothing was written.\n');
      return ended('declined', EXIT_FOUND);
    }
  }

  // The vault the user typed is theirs: remembered as confirmed, so its references resolve later.
  let ownerIds: Map<string, string>;
  try {
    const chosen = typed ? await vaults.typed() : undefined;
    const confirmationKey = chosen?.confirmationKey ?? (typed?.remote ? typed.key : undefined);
    if (confirmationKey !== undefined) await registry.confirmVault(confirmationKey);
    ownerIds = await prepareProjects(plan, registry);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`envguard migrate: ${message}; nothing was written\n`);
    return ended('not-started', EXIT_FOUND, undefined, message);
  }
  const progress = migrationProgress(io.stderr, (io.stderr as { isTTY?: boolean }).isTTY === true);
  const stop = new AbortController();
  const onInterrupt = (): void => {
    if (stop.signal.aborted) {
      // A second Ctrl-C stops at once: every value is still in its file or in the vault with its file referring to it.
      process.removeListener('SIGINT', onInterrupt);
      process.kill(process.pid, 'SIGINT');
      return;
    }
    progress.end();
    io.stderr.write('envguard migrate: interrupted: finishing the item in flight, then stopping (Ctrl-C again stops at once; nothing is lost either way)\n');
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  let result;
  try {
    result = await executeMigration(plan, { ownerIds, signal: stop.signal, onProgress: progress.onProgress });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    progress.end();
  }
  if (!json) io.stdout.write(formatResult(result));
  if (result.interrupted) {
    io.stderr.write(formatInterrupted(result));
    return ended('interrupted', EXIT_INTERRUPTED, result);
  }
  return ended('applied', result.outcomes.every((o) => o.moved) ? EXIT_OK : EXIT_FOUND, result);
};

/**
 * The env files to migrate: those named; every env file under a folder named; with no PATH, every
 * env file of the working directory's project (the same files `envguard scan` reports there).
 */
async function targets(positionals: readonly string[], io: CliIO, finder: ReturnType<typeof cliProjectFinder>): Promise<string[]> {
  if (positionals.length === 0) {
    const root = await finder.of(io.cwd, true);
    return finder.envFilesOf(root);
  }
  const files: string[] = [];
  for (const target of positionals) {
    const absolute = path.resolve(io.cwd, target);
    let isFolder: boolean;
    try {
      isFolder = statSync(absolute).isDirectory();
    } catch {
      throw new CliError(`${target} does not exist`);
    }
    if (!isFolder) files.push(absolute);
    else {
      const root = await finder.of(absolute, true);
      files.push(...discoverEnvFiles(absolute, { include: root.config?.include ?? [], exclude: root.config?.exclude ?? [] }));
    }
  }
  return [...new Set(files)];
}

/**
 * Where each environment's secrets go: the vault typed with --vault (all of them); else the one
 * `.envguard.json` names for the environment, used only once the user confirmed it (a repository
 * must not choose where credentials and values go); else ENVGUARD_VAULT; else the local vault.
 */
function cliVaults(io: CliIO, registry: ProjectRegistry, typed: VaultSpec | undefined, options: AzureWriteOptions) {
  const opened = new Map<string, Promise<VaultProvider>>();
  const open = (spec: VaultSpec): Promise<VaultProvider> => {
    const key = spec.key;
    let vault = opened.get(key);
    if (!vault) {
      vault = openCliVault(spec, io, options);
      opened.set(key, vault);
    }
    return vault;
  };
  return {
    /** The vault typed with --vault, once opened (its region resolved): undefined when none was typed. */
    typed: (): Promise<VaultProvider> | undefined => (typed ? open(typed) : undefined),
    forEnvironment: async (environment: string, project: ProjectLayout): Promise<VaultProvider> => {
      if (typed) return open(typed);
      const named = project.config.environments?.[environment]?.vault;
      if (named !== undefined) {
        const spec = parseCliVaultSpec(named, io);
        // A Vault's address comes from the environment, which a workspace can set for a terminal: confirmed like a named vault.
        const key = spec.kind === 'hashicorp-vault' ? hashiCorpAddressKey(io.env) : spec.remote ? spec.key : undefined;
        if (key !== undefined && !isVaultConfirmed(io, registry, key)) {
          throw new VaultError('forbidden', `its vault, ${spec.description}, is named by ${project.root}/.envguard.json and you have not confirmed it: EnvGuard sends credentials and values only to vaults you confirmed. If you trust it: envguard vault confirm ${key}`);
        }
        return open(spec);
      }
      return open(parseVaultChoice(undefined, io));
    },
  };
}

/** Exit code of a migration stopped by Ctrl-C, as shells report a command SIGINT ended (128 + 2). */
const EXIT_INTERRUPTED = 130;

/** The entry point dist/cli.js loads for `envguard migrate`. */
export const command = migrateCommand;
