import type { ProjectRegistry } from '../../../project/registry';
import type { LocalVault } from '../local-vault';
import { LOCAL_MAX_VALUE_BYTES } from '../local-vault';
import { MAX_EXPORT_FILE_BYTES, openExport, parseOpenedExport, sealExport } from './export-file';
import { VaultError } from '../../types';
import type { ImportOutcome } from './merge';
import { serializeExport, type VaultExport } from './payload';

/**
 * Moving a local vault to another machine, or keeping a backup of it: `exportLocalVault` seals every
 * live secret (every version, its id and metadata, and the projects that own them) under a passphrase
 * in an age file; `importLocalVault` merges one in. Both run where the key is: in the key agent for a
 * passphrase vault (after a human approved), in the process itself for an automation vault.
 */
export { ageFileKind, MAX_EXPORT_FILE_BYTES, notAnExport } from './export-file';
export { serializeExport } from './payload';
export type { ImportOutcome } from './merge';
export type { VaultExport } from './payload';

export interface ExportSummary {
  readonly names: string[];
  readonly versions: number;
  /** The `project/environment` scopes the secrets belong to (what an approval names). */
  readonly scopes: string[];
}

export interface ImportReport {
  readonly secrets: ImportOutcome[];
  readonly projects: { name: string; outcome: 'known' | 'added' }[];
}

/** A secret's scope as approvals show it, from the tags a migration wrote. */
export function scopeOfTags(tags: Readonly<Record<string, string>>): string {
  return `${tags['envguard-project'] ?? 'unknown'}/${tags['envguard-environment'] ?? 'default'}`;
}

/**
 * Every live secret with its values and owners' names, in memory, with what an approval names. The
 * approval comes after this and before `sealVaultExport`: what the human approves is exactly what is sealed.
 */
export async function prepareExport(vault: LocalVault, registry: ProjectRegistry): Promise<{ data: VaultExport; summary: ExportSummary }> {
  const secrets = await vault.exportSecrets();
  const owners = [...new Set(secrets.flatMap((s) => (s.owner !== undefined ? [s.owner] : [])))];
  // An owner this machine no longer knows travels without a name: the import leaves the secret unowned, as it is here.
  const projects = owners.flatMap((id) => { const p = registry.byId(id); return p ? [{ id, name: p.name }] : []; });
  const known = new Set(projects.map((p) => p.id));
  const data: VaultExport = {
    exportedOn: new Date().toISOString(),
    projects,
    secrets: secrets.map((s) => (s.owner !== undefined && !known.has(s.owner) ? { name: s.name, versions: s.versions } : s)),
  };
  // Checked before anyone is asked: an export too big to import again is not made.
  const bytes = Buffer.byteLength(serializeExport(data), 'utf8');
  if (bytes > MAX_EXPORT_PAYLOAD_BYTES) {
    throw new VaultError('too-large', `the local vault's values and metadata come to ${Math.ceil(bytes / 1024 / 1024)} MiB; an export file holds at most ${MAX_EXPORT_FILE_BYTES / 1024 / 1024} MiB: nothing was exported`);
  }
  return { data, summary: { ...describeImport(data), versions: secrets.reduce((n, s) => n + s.versions.length, 0) } };
}

export function sealVaultExport(data: VaultExport, passphrase: string, logN?: number): Promise<Uint8Array> {
  return sealExport(data, passphrase, logN);
}

/** The payload's share of an export file: age adds 16 bytes per 64 KiB chunk and a header of a few hundred bytes. */
const MAX_EXPORT_PAYLOAD_BYTES = Math.floor((MAX_EXPORT_FILE_BYTES - 64 * 1024) / (1 + 16 / 65536));

/** An opened export as the key agent receives it (the command opened the file), checked again whole. */
export function parseExportPayload(text: string, file: string): VaultExport {
  return parseOpenedExport(text, file, LOCAL_MAX_VALUE_BYTES);
}

/** Both steps at once, where no approval comes between (an automation vault, tests). */
export async function exportLocalVault(vault: LocalVault, registry: ProjectRegistry, passphrase: string, logN?: number): Promise<{ sealed: Uint8Array; summary: ExportSummary }> {
  const { data, summary } = await prepareExport(vault, registry);
  return { sealed: await sealVaultExport(data, passphrase, logN), summary };
}

/** Opens an export file; `file` names it in messages (a wrong passphrase: VaultError 'unauthenticated'). */
export function openVaultExport(bytes: Uint8Array, passphrase: string, file: string): Promise<VaultExport> {
  return openExport(bytes, passphrase, file, LOCAL_MAX_VALUE_BYTES);
}

/** The names and scopes an export holds: what the approval of an export or an import names. */
export function describeImport(data: VaultExport): { names: string[]; scopes: string[] } {
  return { names: data.secrets.map((s) => s.name), scopes: [...new Set(data.secrets.map((s) => scopeOfTags(s.versions.at(-1)!.tags)))] };
}

export async function importLocalVault(vault: LocalVault, registry: ProjectRegistry, data: VaultExport): Promise<ImportReport> {
  const { ids, outcomes } = await registry.importProjects(data.projects);
  const secrets = await vault.importSecrets(data.secrets, (owner) => (owner === undefined ? undefined : ids.get(owner)));
  return { secrets, projects: outcomes };
}
