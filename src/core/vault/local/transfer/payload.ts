import { localNameRules } from '../names';
import { copyTags } from '../store-format';

/**
 * What an export file holds once opened: every live secret with every version (ids, dates, flags,
 * tags, values) and the projects that own them. Pure: no I/O, no key. As JSON:
 *
 *     { "format": "envguard-vault-export", "formatVersion": 1, "exportedOn": "…",
 *       "projects": [ { "id": "p-…", "name": "shop" } ],
 *       "secrets": [ { "name": "shop/production/DB", "owner"?: "p-…",
 *                      "versions": [ { "version", "createdOn", "enabled", "tags", "contentType"?, "value" }, … oldest first ] } ] }
 *
 * Values are plaintext here: this text exists only in memory, and reaches a file only sealed (export-file.ts).
 */
export const EXPORT_FORMAT = 'envguard-vault-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportedVersion {
  readonly version: string;
  readonly createdOn: string;
  readonly enabled: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly contentType?: string;
  readonly value: string;
}

export interface ExportedSecret {
  readonly name: string;
  /** The exporting machine's project id. */
  readonly owner?: string;
  readonly versions: readonly ExportedVersion[];
}

export interface ExportedProject {
  readonly id: string;
  readonly name: string;
}

export interface VaultExport {
  readonly exportedOn: string;
  readonly projects: readonly ExportedProject[];
  readonly secrets: readonly ExportedSecret[];
}

export function serializeExport(data: VaultExport): string {
  return JSON.stringify({ format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, ...data });
}

/** Why an opened export is not one EnvGuard can import: never a value in the message. */
export class ExportFormatError extends Error {}

const PROJECT_ID = /^p-[0-9a-f]{16}$/;
const VERSION_ID = /^[0-9a-f]{32}$/;
/** A lone UTF-16 surrogate: UTF-8 cannot carry it, so no store holds one. */
const LONE_SURROGATE = /\p{Cs}/u;

export function parseExport(text: string, maxValueBytes: number): VaultExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ExportFormatError('its content is not valid JSON');
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT) throw new ExportFormatError(`it is not an EnvGuard vault export (no "format": "${EXPORT_FORMAT}")`);
  if (data.formatVersion !== EXPORT_FORMAT_VERSION) {
    throw new ExportFormatError(typeof data.formatVersion === 'number' && data.formatVersion > EXPORT_FORMAT_VERSION
      ? `it was written by a newer EnvGuard (export format ${data.formatVersion}); update EnvGuard to import it`
      : 'its format version is not one this EnvGuard knows');
  }
  if (typeof data.exportedOn !== 'string' || Number.isNaN(Date.parse(data.exportedOn))) throw new ExportFormatError('its export date is missing or malformed');
  if (!Array.isArray(data.projects) || !Array.isArray(data.secrets)) throw new ExportFormatError('its "projects" or "secrets" is not a list');
  const projects = data.projects.map((p, i): ExportedProject => {
    if (!isRecord(p) || typeof p.id !== 'string' || !PROJECT_ID.test(p.id) || typeof p.name !== 'string' || p.name === '' || p.name.length > 200) {
      throw new ExportFormatError(`project ${i + 1} is malformed`);
    }
    return { id: p.id, name: p.name };
  });
  const known = new Set(projects.map((p) => p.id));
  const names = new Set<string>();
  const secrets = data.secrets.map((s, i): ExportedSecret => {
    if (!isRecord(s) || typeof s.name !== 'string' || !localNameRules.isValid(s.name)) throw new ExportFormatError(`secret ${i + 1} has a missing or invalid name`);
    const name = s.name;
    if (names.has(name)) throw new ExportFormatError(`secret ${name} appears twice`);
    names.add(name);
    if (s.owner !== undefined && (typeof s.owner !== 'string' || !known.has(s.owner))) throw new ExportFormatError(`secret ${name} has an owner that is not among the file's projects`);
    if (!Array.isArray(s.versions) || s.versions.length === 0) throw new ExportFormatError(`secret ${name} has no versions`);
    const ids = new Set<string>();
    const versions = s.versions.map((v, j) => {
      const version = parseVersion(v, `secret ${name}, version ${j + 1}`, maxValueBytes);
      if (ids.has(version.version)) throw new ExportFormatError(`secret ${name} holds version ${version.version} twice`);
      ids.add(version.version);
      return version;
    });
    return { name, ...(s.owner !== undefined ? { owner: s.owner } : {}), versions };
  });
  return { exportedOn: data.exportedOn, projects, secrets };
}

function parseVersion(entry: unknown, where: string, maxValueBytes: number): ExportedVersion {
  if (!isRecord(entry)) throw new ExportFormatError(`${where} is not an object`);
  const { version, createdOn, enabled, tags, contentType, value } = entry;
  if (typeof version !== 'string' || !VERSION_ID.test(version)) throw new ExportFormatError(`${where} has a malformed version id`);
  if (typeof createdOn !== 'string' || Number.isNaN(Date.parse(createdOn))) throw new ExportFormatError(`${where} has a malformed date`);
  if (typeof enabled !== 'boolean') throw new ExportFormatError(`${where} has a malformed "enabled"`);
  if (!isRecord(tags) || !Object.values(tags).every((t) => typeof t === 'string')) throw new ExportFormatError(`${where} has malformed tags`);
  if (contentType !== undefined && typeof contentType !== 'string') throw new ExportFormatError(`${where} has a malformed content type`);
  if (typeof value !== 'string') throw new ExportFormatError(`${where} has no value`);
  if (Buffer.byteLength(value, 'utf8') > maxValueBytes) throw new ExportFormatError(`${where} holds a value over ${maxValueBytes} bytes, more than the local vault stores`);
  if (LONE_SURROGATE.test(value)) throw new ExportFormatError(`${where} holds a value that is not valid Unicode text`);
  return { version, createdOn, enabled, tags: copyTags(tags as Record<string, string>), ...(contentType !== undefined ? { contentType } : {}), value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
