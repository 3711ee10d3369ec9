import * as path from 'node:path';
import { executeMigration, isBlocked, planMigration } from '../../core/migrate';
import { parseCommandArgs } from '../args';
import { CliError, EXIT_FOUND, EXIT_OK, type Command } from '../io';
import { displayPath } from '../format/paths';
import { formatPlan, formatResult } from '../format/migration';
import { openCliVault, parseReferenceStyle, parseVaultChoice, VAULT_OPTION_HELP } from '../vault-choice';
import { projectOfNamedFile } from '../../core/files/project-files';
import { loadCliConfig } from '../project-config';
import { confirm } from '../prompt';

const USAGE = `Usage: envguard migrate FILE... [--vault V] [--keys K1,K2] [--prefix P] [--pin-versions] [--reference-style app-service|vals] [--dry-run] [--yes]
  ${VAULT_OPTION_HELP}`;

/**
 * `envguard migrate`: moves plaintext secrets into a vault and leaves references. Prints the plan,
 * applies it once confirmed (a terminal prompt, or --yes), then prints what moved.
 * Exit 0 when every planned value moved (or none needed to), 1 when any could not, 2 on usage errors.
 */
export const migrateCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    vault: { type: 'string' },
    'pin-versions': { type: 'boolean' },
    'reference-style': { type: 'string' },
    keys: { type: 'string' },
    prefix: { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError(`name the env files to migrate\n${USAGE}`);
  const choice = parseVaultChoice(values.vault, io);
  const referenceStyle = parseReferenceStyle(values['reference-style']);
  const keys = values.keys?.split(',').map((k) => k.trim()).filter((k) => k.length > 0);
  if (values.keys !== undefined && (!keys || keys.length === 0)) throw new CliError('--keys needs a comma-separated list of keys');

  const { detection } = await loadCliConfig(io);
  const vault = await openCliVault(choice, io, {
    pinVersions: values['pin-versions'] === true,
    referenceStyle,
  });
  const plan = await planMigration(positionals.map((p) => path.resolve(io.cwd, p)), {
    vault,
    ...(keys ? { keys } : {}),
    ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
    detection,
    label: (p) => displayPath(io.cwd, p),
    projectOf: (p) => projectOfNamedFile(io.cwd, p),
  });
  io.stdout.write(formatPlan(plan));

  if (isBlocked(plan)) {
    io.stderr.write('envguard migrate: nothing was written: resolve the blocked items above first\n');
    return EXIT_FOUND;
  }
  if (plan.items.length === 0) return plan.problems.length > 0 ? EXIT_FOUND : EXIT_OK;
  if (values['dry-run']) {
    io.stdout.write('Dry run: nothing was written.\n');
    return EXIT_OK;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY || !io.isTTY) throw new CliError('no terminal to confirm on: pass --yes to apply the plan');
    if (!(await confirm(`Move these values into the ${vault.displayName} and rewrite the files?`))) {
      io.stdout.write('Nothing was written.\n');
      return EXIT_FOUND;
    }
  }

  const result = await executeMigration(plan, { vault });
  io.stdout.write(formatResult(result));
  return result.outcomes.every((o) => o.moved) ? EXIT_OK : EXIT_FOUND;
};

/** The entry point dist/cli.js loads for `envguard migrate`. */
export const command = migrateCommand;
