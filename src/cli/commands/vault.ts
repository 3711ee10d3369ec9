import { VaultError } from '../../core/vault/types';
import { parseCommandArgs } from '../args';
import { CliError, EXIT_FOUND, EXIT_OK, EXIT_USAGE, type Command } from '../io';
import { LocalVault } from '../../core/vault/local';
import { openCliVault, parseVaultChoice, VAULT_OPTION_HELP } from '../vault-choice';
import { confirm, readStdin } from '../prompt';

const USAGE = `Usage:
  envguard vault list [--vault V]                 names, versions and where each secret came from (never values)
  envguard vault set NAME [--vault V]             stores the value read from stdin as a new version
  envguard vault delete NAME [--vault V] [--yes]  removes the secret (Key Vault keeps it recoverable)
  envguard vault recover NAME --vault V           brings back a soft-deleted Key Vault secret
  ${VAULT_OPTION_HELP}
Reading a value out is 'envguard run's job: values only ever go to a program's environment.`;

/** `envguard vault`: a vault's names and metadata. */
export const vaultCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { vault: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, help: { type: 'boolean', short: 'h' } });
  const [action, name, ...extra] = positionals;
  if (values.help || action === undefined) {
    (values.help ? io.stdout : io.stderr).write(`${USAGE}\n`);
    return values.help ? EXIT_OK : EXIT_USAGE;
  }
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n${USAGE}`);
  const vault = await openCliVault(parseVaultChoice(values.vault, io), io);
  try {
    if (action === 'list') {
      if (name !== undefined) throw new CliError(`'vault list' takes no name\n${USAGE}`);
      const secrets = await vault.list();
      const where = vault instanceof LocalVault ? ` (key: ${vault.keyLocation})` : '';
      io.stdout.write(`${vault.displayName}: ${secrets.length} secret${secrets.length === 1 ? '' : 's'}${where}\n`);
      const width = Math.max(0, ...secrets.map((s) => s.name.length));
      for (const s of secrets) {
        const source = s.tags['envguard-source-file'] ? `  from ${s.tags['envguard-source-file']} ${s.tags['envguard-source-key'] ?? ''}`.trimEnd() : '';
        io.stdout.write(`  ${s.name.padEnd(width)}${s.version ? `  version ${s.version}` : ''}  ${s.createdOn.toISOString()}${source}\n`);
      }
      return EXIT_OK;
    }
    if (name === undefined) throw new CliError(`'vault ${action}' needs a secret name\n${USAGE}`);
    if (action === 'set') {
      if (process.stdin.isTTY) throw new CliError('pipe the value on stdin (never on the command line, where shells and process lists keep it)');
      const value = (await readStdin()).replace(/\r?\n$/, '');
      if (value === '') throw new CliError('stdin was empty: nothing to store');
      const info = await vault.set(name, value);
      io.stdout.write(`stored ${name} (version ${info.version}); reference: ${vault.formatReference(name)}\n`);
      return EXIT_OK;
    }
    if (action === 'delete') {
      if (!values.yes) {
        if (!process.stdin.isTTY || !io.isTTY) throw new CliError('no terminal to confirm on: pass --yes to delete');
        if (!(await confirm(`Delete ${name} and all its versions from the ${vault.displayName}?`))) return EXIT_FOUND;
      }
      await vault.delete(name);
      io.stdout.write(`deleted ${name}\n`);
      return EXIT_OK;
    }
    if (action === 'recover') {
      if (!vault.recover) throw new CliError(`the ${vault.displayName} has no soft delete: nothing to recover`);
      await vault.recover(name);
      io.stdout.write(`recovered ${name}\n`);
      return EXIT_OK;
    }
    throw new CliError(`unknown action '${action}'\n${USAGE}`);
  } catch (error) {
    if (error instanceof VaultError) {
      io.stderr.write(`envguard vault: ${error.message}\n`);
      return error.code === 'not-found' ? EXIT_FOUND : EXIT_USAGE;
    }
    throw error;
  }
};

/** The entry point dist/cli.js loads for `envguard vault`. */
export const command = vaultCommand;
