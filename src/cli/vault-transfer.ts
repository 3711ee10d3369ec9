import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../core/files/atomic-write';
import { describeFsError } from '../core/files/fs-errors';
import { GatedLocalVault } from '../core/gate';
import { PRIVATE_FILE_MODE } from '../core/vault/local/home';
import { LocalVault } from '../core/vault/local';
import { checkNewPassphrase } from '../core/vault/local/setup';
import { ageFileKind, exportLocalVault, importLocalVault, MAX_EXPORT_FILE_BYTES, notAnExport, openVaultExport, type ImportReport, type VaultExport } from '../core/vault/local/transfer';
import { VaultError, type VaultProvider } from '../core/vault/types';
import { jsonDocument } from './format/json';
import { CliError, EXIT_FOUND, EXIT_OK, type CliIO } from './io';
import { openCliRegistry } from './projects';
import { canAskAtTerminal, readPassphrase } from './terminal-passphrase';

/**
 * `envguard vault export FILE` and `vault import FILE`: the local vault moved to another machine, or
 * backed up, as one age file sealed under a passphrase typed at the terminal. For a passphrase vault
 * the key agent seals and opens the file (values never reach this process) after a human approved;
 * an automation vault does both here, with its key file.
 */
export async function exportVaultCommand(io: CliIO, vault: VaultProvider, file: string, options: { force: boolean; json: boolean }): Promise<number> {
  const local = localOnly(vault, 'export');
  const target = path.resolve(io.cwd, file);
  if (!options.force && existsSync(target)) throw new CliError(`${file} exists: choose another file, or pass --force to replace it`);
  if (!existsSync(path.dirname(target))) throw new CliError(`the folder of ${file} does not exist`);
  const passphrase = await newExportPassphrase();
  const result = local instanceof GatedLocalVault
    ? await local.exportSealed(passphrase)
    : await exportLocalVault(local, await openCliRegistry(io), passphrase).then(({ sealed, summary }) => ({ sealed, names: summary.names, versions: summary.versions }));
  try {
    await writeFileAtomic(target, result.sealed, { mode: PRIVATE_FILE_MODE });
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${describeFsError(error)}; nothing was exported`);
  }
  const repository = repositoryAbove(path.dirname(target));
  if (repository) io.stderr.write(`warning: ${file} is inside the git repository ${repository}: keep it out of version control (add it to .gitignore), where anyone could try passphrases against it\n`);
  if (options.json) {
    io.stdout.write(jsonDocument({ exported: target, vault: local.displayName, kind: local.kind, format: 'age', secrets: result.names, versions: result.versions }));
  } else {
    const count = `${result.names.length} secret${result.names.length === 1 ? '' : 's'} (${result.versions} version${result.versions === 1 ? '' : 's'})`;
    io.stdout.write(`Exported ${count} to ${file}, sealed under the passphrase you chose (age format: age -d opens it too).\n`
      + `Keep the file and the passphrase apart. On the other machine: envguard vault import ${file}\n`);
  }
  return EXIT_OK;
}

export async function importVaultCommand(io: CliIO, vault: VaultProvider, file: string, options: { json: boolean }): Promise<number> {
  const local = localOnly(vault, 'import');
  const source = path.resolve(io.cwd, file);
  let sealed: Buffer;
  try {
    const info = await stat(source);
    // A device or a pipe has no size to check, and may never end.
    if (!info.isFile()) throw new CliError(`${file} is not a regular file`);
    const size = info.size;
    if (size > MAX_EXPORT_FILE_BYTES) throw new CliError(`${file} is ${size} bytes: an export file is at most ${MAX_EXPORT_FILE_BYTES / 1024 / 1024} MiB`);
    sealed = await readFile(source);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`);
  }
  if (ageFileKind(sealed) === undefined) throw new CliError(notAnExport(file));
  if (!canAskAtTerminal()) throw new CliError(`the passphrase of ${file} is typed at a terminal, and this command has none`);
  // Opened here: whoever holds the file and its passphrase has its values already, and the key agent
  // then spends nothing on a file before a human approved it.
  let data: VaultExport | undefined;
  for (let attempt = 1; data === undefined; attempt++) {
    const passphrase = await readPassphrase(`Passphrase of ${file} (typed input is hidden):`);
    if (!passphrase) throw new CliError('no passphrase was given: nothing was imported');
    try {
      data = await openVaultExport(sealed, passphrase, file);
    } catch (error) {
      if (!(error instanceof VaultError && error.code === 'unauthenticated') || attempt === 3) throw error;
      io.stderr.write(`That passphrase does not open ${file}.\n`);
    }
  }
  const report: ImportReport = local instanceof GatedLocalVault
    ? await local.importExport(data, file)
    : await importLocalVault(local, await openCliRegistry(io), data);
  const skipped = report.secrets.filter((s) => s.result === 'skipped');
  if (options.json) {
    io.stdout.write(jsonDocument({ imported: source, vault: local.displayName, kind: local.kind, secrets: report.secrets, projects: report.projects }));
    return skipped.length > 0 ? EXIT_FOUND : EXIT_OK;
  }
  const width = Math.max(0, ...report.secrets.map((s) => s.name.length));
  io.stdout.write(`Imported ${file} into the ${local.displayName}:\n`);
  for (const s of report.secrets) {
    const added = `${s.versionsAdded} version${s.versionsAdded === 1 ? '' : 's'} added`;
    const detail = s.result === 'skipped' ? `: ${s.reason}` : s.result === 'updated' ? `  (${added}; ${s.becameCurrent ? 'the file\'s current value is now current' : 'the current value stays'})` : s.versionsAdded > 0 ? `  (${added})` : '';
    io.stdout.write(`  ${s.result.padEnd(9)} ${s.name.padEnd(width)}${detail}\n`);
  }
  for (const p of report.projects.filter((q) => q.outcome === 'added')) {
    io.stdout.write(`Project ${p.name} is new on this machine: in its folder, run envguard project link so that its files get its secrets.\n`);
  }
  if (skipped.length > 0) io.stderr.write(`${skipped.length} secret${skipped.length === 1 ? ' was' : 's were'} skipped (see above); the others were imported\n`);
  return skipped.length > 0 ? EXIT_FOUND : EXIT_OK;
}

function localOnly(vault: VaultProvider, action: 'export' | 'import'): LocalVault | GatedLocalVault {
  if (vault instanceof LocalVault || vault instanceof GatedLocalVault) return vault;
  throw new CliError(`'vault ${action}' moves the local vault, not the ${vault.displayName}`);
}

/** Typed twice at the terminal, never echoed; the same rules as the vault's own passphrase. */
async function newExportPassphrase(): Promise<string> {
  if (!canAskAtTerminal()) throw new CliError('the export\'s passphrase is typed at a terminal, and this command has none');
  let intro = 'Choose a passphrase for the export file. It is the only way to open it: EnvGuard cannot recover it.';
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await readPassphrase(`${intro}\nExport passphrase (typed input is hidden):`);
    if (!first) throw new CliError('no passphrase was given: nothing was exported');
    const weak = checkNewPassphrase(first);
    if (weak) {
      intro = `That is too short: ${weak}.`;
      continue;
    }
    if (await readPassphrase('Type it again:') === first) return first;
    intro = 'The two did not match.';
  }
  throw new CliError('no passphrase was chosen: nothing was exported');
}

/** The git repository (its folder) that holds `dir`, if any. */
function repositoryAbove(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
