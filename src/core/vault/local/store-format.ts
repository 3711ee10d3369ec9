import type { EncryptedValue } from './crypto';
import { localNameRules } from './names';

/**
 * The store file's format, in memory and on disk. Pure: no I/O, no key. On disk (format version 3, or 4):
 *
 *     { "format": "envguard-local-vault", "formatVersion": 3, "keyId": "…", "generation": N,
 *       "secrets": { "NAME": { "owner"?: "p-…", "deletedOn"?: "…", "versions": [ { "version", "createdOn", "enabled", "tags",
 *                                 "contentType"?, "iv", "authTag", "ciphertext" }, … oldest first ] } },
 *       "indexMac": "…" }
 *
 * Version 4 is version 3 with soft-deleted secrets (`deletedOn`, ISO 8601): written only while the
 * store holds one, so that an EnvGuard from before soft delete refuses it ("written by a newer
 * EnvGuard") instead of serving a deleted secret; a store without one is still written as version 3.
 * `generation` grows by one with every write; `indexMac` authenticates the whole index (integrity.ts).
 * Version 2 (projects, no index MAC) and version 1 (before projects: each secret its bare list of
 * versions, no owner) are read as such and written back as version 3.
 * Only ciphertext: names, versions, dates, owners and tags are metadata (tags carry a source file and
 * key, never a value), and every value is AES-256-GCM encrypted and bound to its name and version.
 */
export const STORE_FORMAT = 'envguard-local-vault';
export const STORE_FORMAT_VERSION = 3;
/** Version 3 with soft-deleted secrets: written only while a deleted secret is kept. */
export const SOFT_DELETE_FORMAT_VERSION = 4;
/** Before projects: each secret a bare list of versions, no owner. Read, never written. */
const PROJECTLESS_FORMAT_VERSION = 1;
/** Projects, without generation or index MAC. Read, never written. */
const UNAUTHENTICATED_FORMAT_VERSION = 2;

export interface StoredVersion extends EncryptedValue {
  readonly version: string;
  /** ISO 8601. */
  readonly createdOn: string;
  readonly enabled: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly contentType?: string;
}

/** One secret: its versions, oldest first, and the project it belongs to. */
export interface StoredSecret {
  /** The registered project (its id) that owns the secret; absent for a secret stored before projects. */
  readonly owner?: string;
  /** When it was deleted (ISO 8601): kept, values encrypted as before, until recovered or purged (format 4). */
  readonly deletedOn?: string;
  readonly versions: StoredVersion[];
}

export interface Store {
  /** Fingerprint of the key the values are encrypted with; undefined only for a store never written. */
  keyId: string | undefined;
  /** Secrets by name. A Map, so that names like `__proto__` are just names. */
  readonly secrets: Map<string, StoredSecret>;
  /** How many writes made this store (0: never written, or written before format 3). */
  generation: number;
  /** The index's HMAC (format 3); undefined for a store never written or written before format 3. */
  indexMac: string | undefined;
}

export function emptyStore(): Store {
  return { keyId: undefined, secrets: new Map(), generation: 0, indexMac: undefined };
}

/** Why a store file's text is not a store; the caller names the file. */
export class StoreFormatError extends Error {}

export function parseStore(text: string): Store {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new StoreFormatError('it is not valid JSON');
  }
  if (!isRecord(data) || data.format !== STORE_FORMAT) throw new StoreFormatError(`it is not an EnvGuard local vault store (no "format": "${STORE_FORMAT}")`);
  const authenticated = data.formatVersion === STORE_FORMAT_VERSION || data.formatVersion === SOFT_DELETE_FORMAT_VERSION;
  if (!authenticated && data.formatVersion !== UNAUTHENTICATED_FORMAT_VERSION && data.formatVersion !== PROJECTLESS_FORMAT_VERSION) {
    throw new StoreFormatError(typeof data.formatVersion === 'number' && data.formatVersion > SOFT_DELETE_FORMAT_VERSION
      ? `it was written by a newer EnvGuard (format version ${data.formatVersion}); update EnvGuard to read it`
      : 'its format version is not one this EnvGuard knows');
  }
  if (typeof data.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(data.keyId)) throw new StoreFormatError('its key id is missing or malformed');
  if (!isRecord(data.secrets)) throw new StoreFormatError('its "secrets" is not an object');
  const secrets = new Map<string, StoredSecret>();
  const projectless = data.formatVersion === PROJECTLESS_FORMAT_VERSION;
  for (const [name, stored] of Object.entries(data.secrets)) {
    if (!localNameRules.isValid(name)) throw new StoreFormatError(`it holds an invalid secret name ${JSON.stringify(name.slice(0, 80))}`);
    const versions = projectless ? stored : isRecord(stored) ? stored.versions : undefined;
    const owner = projectless || !isRecord(stored) ? undefined : stored.owner;
    if (owner !== undefined && (typeof owner !== 'string' || !/^p-[0-9a-f]{16}$/.test(owner))) throw new StoreFormatError(`secret ${name} has a malformed owner`);
    if (!Array.isArray(versions) || versions.length === 0) throw new StoreFormatError(`secret ${name} has no versions`);
    const deletedOn = data.formatVersion === SOFT_DELETE_FORMAT_VERSION && isRecord(stored) ? stored.deletedOn : undefined;
    if (deletedOn !== undefined && (typeof deletedOn !== 'string' || Number.isNaN(Date.parse(deletedOn)))) throw new StoreFormatError(`secret ${name} has a malformed deletion date`);
    const parsed = versions.map((entry, index) => parseVersion(entry, `secret ${name}, entry ${index + 1}`));
    secrets.set(name, { ...(owner !== undefined ? { owner } : {}), ...(deletedOn !== undefined ? { deletedOn } : {}), versions: parsed });
  }
  if (!authenticated) return { keyId: data.keyId, secrets, generation: 0, indexMac: undefined };
  if (typeof data.generation !== 'number' || !Number.isSafeInteger(data.generation) || data.generation < 1) throw new StoreFormatError('its generation is missing or malformed');
  if (typeof data.indexMac !== 'string' || !BASE64.test(data.indexMac) || data.indexMac.length !== 44) throw new StoreFormatError('its index MAC is missing or malformed');
  return { keyId: data.keyId, secrets, generation: data.generation, indexMac: data.indexMac };
}

export function serializeStore(store: Store & { keyId: string; indexMac: string }): string {
  // Object.fromEntries defines own properties, `__proto__` included.
  const secrets = Object.fromEntries([...store.secrets].map(([name, secret]) => [name, {
    ...(secret.owner !== undefined ? { owner: secret.owner } : {}),
    ...(secret.deletedOn !== undefined ? { deletedOn: secret.deletedOn } : {}),
    versions: secret.versions,
  }]));
  const formatVersion = [...store.secrets.values()].some((s) => s.deletedOn !== undefined) ? SOFT_DELETE_FORMAT_VERSION : STORE_FORMAT_VERSION;
  return `${JSON.stringify({ format: STORE_FORMAT, formatVersion, keyId: store.keyId, generation: store.generation, secrets, indexMac: store.indexMac }, null, 2)}\n`;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseVersion(entry: unknown, where: string): StoredVersion {
  if (!isRecord(entry)) throw new StoreFormatError(`${where} is not an object`);
  const { version, createdOn, enabled, tags, contentType, iv, authTag, ciphertext } = entry;
  if (typeof version !== 'string' || !/^[0-9a-f]{32}$/.test(version)) throw new StoreFormatError(`${where} has a malformed version id`);
  if (typeof createdOn !== 'string' || Number.isNaN(Date.parse(createdOn))) throw new StoreFormatError(`${where} has a malformed date`);
  if (typeof enabled !== 'boolean') throw new StoreFormatError(`${where} has a malformed "enabled"`);
  if (!isRecord(tags) || !Object.values(tags).every((t) => typeof t === 'string')) throw new StoreFormatError(`${where} has malformed tags`);
  if (contentType !== undefined && typeof contentType !== 'string') throw new StoreFormatError(`${where} has a malformed content type`);
  for (const [field, value] of [['iv', iv], ['authTag', authTag], ['ciphertext', ciphertext]] as const) {
    if (typeof value !== 'string' || !BASE64.test(value)) throw new StoreFormatError(`${where} has a malformed ${field}`);
  }
  return {
    version, createdOn, enabled, tags: copyTags(tags as Record<string, string>),
    ...(contentType !== undefined ? { contentType } : {}),
    iv: iv as string, authTag: authTag as string, ciphertext: ciphertext as string,
  };
}

/** A copy made of own data properties (Object.fromEntries defines them), so a tag named `__proto__` stays a tag. */
export function copyTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
