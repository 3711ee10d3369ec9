import { VaultError, type VaultProvider } from '../../core/vault/types';
import { parseCommandArgs, parseFormat } from '../args';
import { jsonDocument } from '../format/json';
import { CliError, EXIT_FOUND, EXIT_OK, EXIT_USAGE, type CliIO, type Command } from '../io';
import { LocalVault } from '../../core/vault/local';
import { openCliVault, parseCliVaultSpec, parseVaultChoice } from '../vault-choice';
import { vaultTable } from './vault.table';
import { cliProjectFinder, openCliRegistry } from '../projects';
import { defaultProjectName, ProjectNameTakenError } from '../../core/project';
import { confirm, readStdin } from '../prompt';
import { initVault, newVaultPassphrase, protectVault, showReleaseLog } from '../vault-key';
import { readPassphrase } from '../terminal-passphrase';
import { GatedLocalVault } from '../../core/gate';
import { referencesToSecret, referencesWarning } from '../secret-references';
import { exportVaultCommand, importVaultCommand } from '../vault-transfer';

const USAGE = `Usage:\n${vaultTable.synopsis.map((s) => `  envguard vault ${s}`).join('\n')}\nEach subcommand's options and examples: envguard help vault SUBCOMMAND`;

/** `envguard vault`: a vault's names and metadata. */
export const vaultCommand: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, vaultTable.options);
  const [action, name, ...extra] = positionals;
  const json = values.json === true || parseFormat(values.format, vaultTable.options.format.choices) === 'json';
  if (action === undefined) {
    io.stderr.write(`${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n${USAGE}`);
  if (action === 'confirm' || action === 'unconfirm' || action === 'confirmed') return confirmations(io, action, name, json);
  if (action === 'init' || action === 'protect' || action === 'passphrase' || action === 'log') {
    if (name !== undefined) throw new CliError(`'vault ${action}' takes no argument\n${USAGE}`);
    if (action === 'init') return initVault(io);
    if (action === 'protect') return protectVault(io);
    if (action === 'passphrase') return newVaultPassphrase(io);
    return showReleaseLog(io, json);
  }
  const spec = parseVaultChoice(values.vault, io);
  // Checked before any connection: a remote vault is not contacted for what only the local one does.
  if ((action === 'export' || action === 'import') && spec.kind !== 'local') {
    throw new CliError(`'vault ${action}' moves the local vault; the ${spec.description} keeps its own backups and versions (see its own tools)`);
  }
  const vault = await openCliVault(spec, io);
  try {
    if (action === 'list') {
      if (name !== undefined) throw new CliError(`'vault list' takes no name\n${USAGE}`);
      if (values.deleted) return listDeleted(io, vault, json);
      const secrets = await vault.list();
      const keyLocation = vault instanceof LocalVault || vault instanceof GatedLocalVault ? vault.keyLocation : undefined;
      const registry = vault.kind === 'local' ? await openCliRegistry(io) : undefined;
      if (json) {
        io.stdout.write(jsonDocument({
          vault: vault.displayName, kind: vault.kind, ...(keyLocation !== undefined ? { keyLocation } : {}),
          secrets: secrets.map((s) => ({
            name: s.name, version: s.version, createdOn: s.createdOn.toISOString(), enabled: s.enabled,
            ...(registry ? { project: s.owner === undefined ? null : registry.byId(s.owner)?.name ?? null } : {}),
            ...(s.tags['envguard-source-file'] ? { source: { file: s.tags['envguard-source-file'], key: s.tags['envguard-source-key'] ?? null } } : {}),
          })),
        }));
        return EXIT_OK;
      }
      io.stdout.write(`${vault.displayName}: ${secrets.length} secret${secrets.length === 1 ? '' : 's'}${keyLocation !== undefined ? ` (key: ${keyLocation})` : ''}\n`);
      const width = Math.max(0, ...secrets.map((s) => s.name.length));
      for (const s of secrets) {
        const source = s.tags['envguard-source-file'] ? `  from ${s.tags['envguard-source-file']} ${s.tags['envguard-source-key'] ?? ''}`.trimEnd() : '';
        const owner = registry ? `  project ${s.owner === undefined ? '(none)' : registry.byId(s.owner)?.name ?? '(unknown)'}` : '';
        io.stdout.write(`  ${s.name.padEnd(width)}${s.version ? `  version ${s.version}` : ''}  ${s.createdOn.toISOString()}${owner}${source}\n`);
      }
      return EXIT_OK;
    }
    if (action === 'export' || action === 'import') {
      if (name === undefined) throw new CliError(`'vault ${action}' needs a file\n${USAGE}`);
      return action === 'export'
        ? await exportVaultCommand(io, vault, name, { force: values.force === true, json })
        : await importVaultCommand(io, vault, name, { json });
    }
    if (name === undefined) throw new CliError(`'vault ${action}' needs a secret name\n${USAGE}`);
    if (action === 'set') {
      const value = process.stdin.isTTY ? await typedValue(name) : (await readStdin()).replace(/\r?\n$/, '');
      if (value === '') throw new CliError('stdin was empty: nothing to store');
      // A new local secret belongs to the project it is set from: that project's files may refer to it.
      const owner = vault.kind === 'local' ? await ownerOfWorkingDirectory(io) : undefined;
      const info = await vault.set(name, value, owner ? { owner } : {});
      io.stdout.write(`stored ${name} (version ${info.version}); reference: ${vault.formatReference(name)}\n`);
      return EXIT_OK;
    }
    if (action === 'delete') {
      if (!values.yes && (!process.stdin.isTTY || !io.isTTY)) throw new CliError('no terminal to confirm on: pass --yes to delete');
      // The references that would break, shown before the question (and on stderr with --yes): files, lines, keys; never values.
      const found = await referencesToSecret(io, vault, name);
      io.stderr.write(referencesWarning(name, found));
      if (!values.yes && !(await confirm(`Delete ${name} and all its versions from the ${vault.displayName}?${isLocal(vault) ? ' (it can be recovered for 30 days)' : ''}`))) return EXIT_FOUND;
      await vault.delete(name);
      if (json) io.stdout.write(jsonDocument({ deleted: name, vault: vault.displayName, kind: vault.kind, references: found.sites, unreadable: found.unreadable }));
      else io.stdout.write(`deleted ${name}${isLocal(vault) ? ` (recover it within 30 days: envguard vault recover ${name})` : ''}\n`);
      return EXIT_OK;
    }
    if (action === 'recover') {
      if (isLocal(vault)) await vault.recover(name, { owner: await ownerOfWorkingDirectory(io) });
      else if (vault.recover) await vault.recover(name);
      else throw new CliError(`the ${vault.displayName} has no soft delete: nothing to recover`);
      io.stdout.write(json ? jsonDocument({ recovered: name, vault: vault.displayName, kind: vault.kind }) : `recovered ${name}\n`);
      return EXIT_OK;
    }
    if (action === 'purge') {
      if (!isLocal(vault)) throw new CliError(`'vault purge' is for the local vault; the ${vault.displayName} purges its deleted secrets itself`);
      if (!values.yes) {
        if (!process.stdin.isTTY || !io.isTTY) throw new CliError('no terminal to confirm on: pass --yes to purge');
        if (!(await confirm(`Purge the deleted secret ${name} from the ${vault.displayName}? It cannot be recovered afterwards.`))) return EXIT_FOUND;
      }
      await vault.purge(name);
      io.stdout.write(json ? jsonDocument({ purged: name, vault: vault.displayName, kind: vault.kind }) : `purged ${name}\n`);
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

function isLocal(vault: VaultProvider): vault is LocalVault | GatedLocalVault {
  return vault instanceof LocalVault || vault instanceof GatedLocalVault;
}

/** `vault list --deleted`: the local vault's deleted secrets, each with its deletion and purge dates. */
async function listDeleted(io: CliIO, vault: VaultProvider, json: boolean): Promise<number> {
  if (!isLocal(vault)) throw new CliError(`'vault list --deleted' is for the local vault; see the ${vault.displayName}'s own deleted secrets in its portal or CLI`);
  const deleted = await vault.listDeleted();
  const registry = await openCliRegistry(io);
  const project = (owner: string | undefined): string | null => (owner === undefined ? null : registry.byId(owner)?.name ?? null);
  if (json) {
    io.stdout.write(jsonDocument({
      vault: vault.displayName, kind: vault.kind,
      deleted: deleted.map((d) => ({ name: d.name, version: d.version, deletedOn: d.deletedOn.toISOString(), purgeOn: d.purgeOn.toISOString(), project: project(d.owner) })),
    }));
    return EXIT_OK;
  }
  io.stdout.write(`${vault.displayName}: ${deleted.length} deleted secret${deleted.length === 1 ? '' : 's'} (recover with envguard vault recover NAME)\n`);
  const width = Math.max(0, ...deleted.map((d) => d.name.length));
  for (const d of deleted) io.stdout.write(`  ${d.name.padEnd(width)}  deleted ${d.deletedOn.toISOString()}  purged after ${d.purgeOn.toISOString()}  project ${project(d.owner) ?? '(none)'}\n`);
  return EXIT_OK;
}

/** Longest value typed at the prompt: a longer one (a key file) is piped on stdin. */
const MAX_TYPED_VALUE = 16 * 1024;

/**
 * The value typed at the terminal, twice, never echoed (as a passphrase is read): never on the command
 * line, where shells and process lists keep it. A mismatch, an empty line or Ctrl-C stores nothing.
 */
async function typedValue(name: string): Promise<string> {
  const first = await readPassphrase(`Value for ${name} (typed input is hidden):`, MAX_TYPED_VALUE + 1);
  if (first === undefined) throw new CliError('cancelled: nothing was stored');
  if (first === '') throw new CliError('nothing was typed: nothing was stored');
  if (first.length > MAX_TYPED_VALUE) throw new CliError(`a typed value is at most ${MAX_TYPED_VALUE} characters: pipe a longer one on stdin (envguard vault set ${name} < FILE); nothing was stored`);
  const again = await readPassphrase('Type it again to confirm:', MAX_TYPED_VALUE + 1);
  if (again === undefined) throw new CliError('cancelled: nothing was stored');
  if (again !== first) throw new CliError('the two values typed differ: nothing was stored');
  return first;
}

/** The working directory's project, registered now if it was not (the user's act: setting a secret there). */
async function ownerOfWorkingDirectory(io: CliIO): Promise<string> {
  const root = await cliProjectFinder(io).of(io.cwd, true);
  const name = root.config?.project ?? defaultProjectName(root.root);
  try {
    return (await (await openCliRegistry(io)).register(root.root, name)).id;
  } catch (error) {
    if (error instanceof ProjectNameTakenError) throw new CliError(`${error.message}: if ${root.root} is that project, run 'envguard project link' first; otherwise give it another name ("project" in .envguard.json)`);
    throw error;
  }
}

/** `vault confirm V`, `vault unconfirm V`, `vault confirmed`: the remote vaults EnvGuard may send credentials and values to. */
async function confirmations(io: CliIO, action: 'confirm' | 'unconfirm' | 'confirmed', target: string | undefined, json: boolean): Promise<number> {
  const registry = await openCliRegistry(io);
  if (action === 'confirmed') {
    if (target !== undefined) throw new CliError(`'vault confirmed' takes no argument\n${USAGE}`);
    if (json) {
      io.stdout.write(jsonDocument({ vaults: registry.confirmedVaults.map((v) => ({ vault: v.vault, confirmedOn: v.confirmedOn })) }));
      return EXIT_OK;
    }
    io.stdout.write(registry.confirmedVaults.length === 0 ? 'No vault confirmed yet.\n' : registry.confirmedVaults.map((v) => `${v.vault}  confirmed ${v.confirmedOn}\n`).join(''));
    return EXIT_OK;
  }
  if (target === undefined) throw new CliError(`'vault ${action}' needs a vault (azure:NAME, a Key Vault URL, aws:REGION[:ACCOUNT] or hashicorp-vault:ADDRESS)\n${USAGE}`);
  const spec = parseCliVaultSpec(target, io);
  if (!spec.remote) throw new CliError(`${spec.description} needs no confirmation: ${spec.kind === 'local' ? 'it is yours, on this machine' : 'its address and credentials come from your own configuration'}`);
  if (action === 'confirm') {
    await registry.confirmVault(spec.key);
    io.stdout.write(`Confirmed ${spec.description}: EnvGuard may send your credentials and values to it.\n`);
    return EXIT_OK;
  }
  const removed = await registry.unconfirmVault(spec.key);
  io.stdout.write(removed ? `${spec.description} is no longer confirmed.\n` : `${spec.description} was not confirmed.\n`);
  return EXIT_OK;
}

/** The entry point dist/cli.js loads for `envguard vault`. */
export const command = vaultCommand;
