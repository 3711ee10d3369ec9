/**
 * Vault's key/value engines: which mount holds a path and its KV version (asked as `vault kv` asks,
 * `sys/internal/ui/mounts/PATH`, once per mount), reads of a path (a version of it on KV v2), and
 * writes of several keys of one path as a read-modify-write with check-and-set, read again and merged
 * again on a conflict, so that two writers into one path never lose each other's keys. KV v1 has no
 * check-and-set: a write there is read back, and merged again if another writer's version won; a
 * writer that read before this one wrote and writes after its read-back can still drop its keys
 * (Vault offers nothing better on v1: use KV v2). The migration's read-back before it rewrites a file
 * then keeps the value in the file.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { VaultError } from '../types';
import type { VaultAuth } from './auth';
import { invalidToken, responseError, transportError, type Capability, type VaultOperation } from './errors';
import { errorsOf, type VaultHttp, type VaultRequest, type VaultResponse } from './http';
import { trimSlashes } from '../slashes';

export interface KvMount {
  /** With its trailing slash: `secret/`; empty when Vault did not say (an old server: read as KV v1). */
  readonly path: string;
  readonly version: 1 | 2;
}

/** A path's data at one version. */
export interface KvEntry {
  readonly data: Readonly<Record<string, unknown>>;
  /** KV v2: the version read; KV v1: undefined. */
  readonly version?: number;
  readonly createdTime?: Date;
  readonly customMetadata: Readonly<Record<string, string>>;
}

/** A read of a version that was deleted (KV v2 soft delete) or destroyed: no data, but its metadata. */
export interface KvDeleted {
  readonly deleted: true;
  readonly version: number;
  readonly destroyed: boolean;
}

/** Keys to set (a string) or remove (null) in one path. */
export type KvChanges = ReadonlyMap<string, string | null>;

/** Rounds of read, merge and check-and-set write before giving up on a path that keeps changing. */
const MAX_MERGES = 12;

export class KvClient {
  private readonly mounts = new Map<string, KvMount>();
  private readonly asking = new Map<string, Promise<KvMount>>();

  constructor(private readonly http: VaultHttp, private readonly auth: VaultAuth, readonly vault: string) {}

  /** The mount holding `path` and its KV version; asked once per mount (Vault refuses nested mounts). */
  mountOf(path: string): Promise<KvMount> {
    for (const [prefix, mount] of this.mounts) if (`${path}/`.startsWith(prefix)) return Promise.resolve(mount);
    let asking = this.asking.get(path);
    if (!asking) {
      asking = this.preflight(path);
      this.asking.set(path, asking);
      asking.then((mount) => { if (mount.path !== '') this.mounts.set(mount.path, mount); }, () => undefined).finally(() => this.asking.delete(path));
    }
    return asking;
  }

  /** The path's data (the latest, or `version` on KV v2); undefined when nothing is there. */
  async read(path: string, version?: string): Promise<KvEntry | KvDeleted | undefined> {
    const mount = await this.mountOf(path);
    const apiPath = dataPath(mount, path);
    const op: VaultOperation = { verb: 'read', path: apiPath, capability: 'read', vault: this.vault };
    const response = await this.send({ method: 'GET', path: apiPath, ...(version && mount.version === 2 ? { query: { version } } : {}) }, op);
    if (response.status === 404) return deletedOf(response);
    if (response.status !== 200) throw responseError(response, op);
    const data = (response.body as { data?: unknown } | undefined)?.data;
    if (mount.version === 1) return { data: recordOf(data), customMetadata: {} };
    const inner = (data ?? {}) as { data?: unknown; metadata?: Record<string, unknown> };
    const metadata = inner.metadata ?? {};
    return {
      data: recordOf(inner.data),
      ...(typeof metadata.version === 'number' ? { version: metadata.version } : {}),
      ...(typeof metadata.created_time === 'string' ? { createdTime: new Date(metadata.created_time) } : {}),
      customMetadata: stringsOf(metadata.custom_metadata),
    };
  }

  /**
   * Sets and removes keys of one path, keeping every other key; on KV v2 tags go to custom_metadata
   * (merged with what is there). Returns the version written (KV v1: undefined).
   */
  async write(path: string, changes: KvChanges, tags?: Readonly<Record<string, string>>): Promise<number | undefined> {
    const mount = await this.mountOf(path);
    for (let round = 0; round < MAX_MERGES; round++) {
      if (round > 0) await delay(Math.random() * 20 * round); // two writers out of step
      const current = await this.read(path);
      const entry = current && !('deleted' in current) ? current : undefined;
      const merged: Record<string, unknown> = { ...(entry?.data ?? {}) };
      for (const [key, value] of changes) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      if (mount.version === 1) {
        await this.put(dataPath(mount, path), merged, undefined, entry !== undefined);
        const after = await this.read(path);
        const landed = after && !('deleted' in after) && [...changes].every(([k, v]) => (v === null ? !(k in after.data) : after.data[k] === v));
        if (landed) return undefined;
        continue; // another writer's version won: merge into it again
      }
      // KV v2: the version read (0 for none, or the deleted latest one) is the check-and-set.
      const cas = entry?.version ?? (current && 'deleted' in current ? current.version : 0);
      const written = await this.put(dataPath(mount, path), merged, cas, cas > 0);
      if (written === 'conflict') continue;
      await this.tag(mount, path, entry?.customMetadata ?? {}, tags);
      return written;
    }
    throw new VaultError('conflict', `${path} in ${this.vault} kept changing while EnvGuard wrote to it (${MAX_MERGES} tries); try again`);
  }

  /** KV v2: the path's metadata (versions, current version); undefined when absent. */
  async metadata(path: string): Promise<{ current: number; versions: Map<number, { deleted: boolean; destroyed: boolean }> } | undefined> {
    const mount = await this.requireV2(path, 'read the versions of');
    const apiPath = `${mount.path}metadata/${inside(mount, path)}`;
    const op: VaultOperation = { verb: 'read the metadata of', path: apiPath, capability: 'read', vault: this.vault };
    const response = await this.send({ method: 'GET', path: apiPath }, op);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw responseError(response, op);
    const data = ((response.body as { data?: unknown } | undefined)?.data ?? {}) as { current_version?: unknown; versions?: Record<string, { deletion_time?: unknown; destroyed?: unknown }> };
    const versions = new Map<number, { deleted: boolean; destroyed: boolean }>();
    for (const [number, v] of Object.entries(data.versions ?? {})) versions.set(Number(number), { deleted: typeof v.deletion_time === 'string' && v.deletion_time !== '', destroyed: v.destroyed === true });
    return { current: typeof data.current_version === 'number' ? data.current_version : 0, versions };
  }

  /** The paths under `prefix` (a folder of the mount), every level down. */
  async listPaths(prefix: string): Promise<string[]> {
    const mount = await this.mountOf(prefix);
    const found: string[] = [];
    const walk = async (folder: string): Promise<void> => {
      const apiPath = mount.version === 2 ? `${mount.path}metadata/${inside(mount, folder)}` : folder;
      const op: VaultOperation = { verb: 'list', path: apiPath, capability: 'list', vault: this.vault };
      const response = await this.send({ method: 'GET', path: apiPath, list: true }, op);
      if (response.status === 404) return;
      if (response.status !== 200) throw responseError(response, op);
      const keys = ((response.body as { data?: { keys?: unknown } } | undefined)?.data?.keys ?? []) as unknown[];
      for (const key of keys) {
        if (typeof key !== 'string' || key === '') continue;
        if (key.endsWith('/')) await walk(`${folder}/${key.slice(0, -1)}`);
        else found.push(`${folder}/${key}`);
      }
    };
    await walk(trimSlashes(prefix, 'end'));
    return found.sort();
  }

  /** KV v2: soft-deletes the latest version (undelete brings it back); KV v1: deletes the path. */
  async deleteLatest(path: string): Promise<void> {
    const mount = await this.mountOf(path);
    const apiPath = dataPath(mount, path);
    const op: VaultOperation = { verb: 'delete', path: apiPath, capability: 'delete', vault: this.vault };
    const response = await this.send({ method: 'DELETE', path: apiPath }, op);
    if (response.status !== 204 && response.status !== 200) throw responseError(response, op);
  }

  /** KV v2: brings soft-deleted versions back. */
  async undelete(path: string, versions: readonly number[]): Promise<void> {
    const mount = await this.requireV2(path, 'recover');
    const apiPath = `${mount.path}undelete/${inside(mount, path)}`;
    const op: VaultOperation = { verb: 'recover', path: apiPath, capability: 'update', vault: this.vault };
    const response = await this.send({ method: 'POST', path: apiPath, body: { versions } }, op);
    if (response.status !== 204 && response.status !== 200) throw responseError(response, op);
  }

  /** A request with the token; a refused AppRole token is replaced once by a new login. */
  async send(request: Omit<VaultRequest, 'token'>, op: VaultOperation): Promise<VaultResponse> {
    for (let attempt = 0; ; attempt++) {
      let response: VaultResponse;
      try {
        response = await this.http.send({ ...request, token: await this.auth.token() });
      } catch (error) {
        throw transportError(error, op);
      }
      if (response.status === 403 && isInvalidToken(response)) {
        if (attempt === 0 && (await this.auth.refresh())) continue;
        throw invalidToken(op);
      }
      return response;
    }
  }

  private async preflight(path: string): Promise<KvMount> {
    const apiPath = `sys/internal/ui/mounts/${path}`;
    const op: VaultOperation = { verb: 'find the mount of', path, capability: 'read', vault: this.vault };
    const response = await this.send({ method: 'GET', path: apiPath }, op);
    // An old Vault without the endpoint: the path is read as KV v1, as `vault kv` and vals do.
    if (response.status === 404) return { path: '', version: 1 };
    if (response.status !== 200) throw responseError(response, op);
    const data = ((response.body as { data?: unknown } | undefined)?.data ?? {}) as { path?: unknown; type?: unknown; options?: { version?: unknown } | null };
    const mountPath = typeof data.path === 'string' ? data.path.replace(/^\/+/, '') : '';
    return { path: mountPath === '' || mountPath.endsWith('/') ? mountPath : `${mountPath}/`, version: data.options?.version === '2' ? 2 : 1 };
  }

  private async requireV2(path: string, verb: string): Promise<KvMount> {
    const mount = await this.mountOf(path);
    if (mount.version !== 2) throw new VaultError('unknown', `cannot ${verb} ${path}: its mount is KV version 1, which keeps no versions`);
    return mount;
  }

  /** One data write; 'conflict' on a check-and-set mismatch. */
  private async put(apiPath: string, data: Record<string, unknown>, cas: number | undefined, exists: boolean): Promise<number | undefined | 'conflict'> {
    const capability: Capability = exists ? 'update' : 'create';
    const op: VaultOperation = { verb: 'write', path: apiPath, capability, vault: this.vault };
    const body = cas === undefined ? data : { options: { cas }, data };
    const response = await this.send({ method: 'POST', path: apiPath, body }, op);
    if (response.status === 200 || response.status === 204) {
      const version = ((response.body as { data?: { version?: unknown } } | undefined)?.data?.version);
      return typeof version === 'number' ? version : undefined;
    }
    const error = responseError(response, op);
    if (error.code === 'conflict' && error.message.includes('check-and-set')) return 'conflict';
    throw error;
  }

  /** Tags into custom_metadata (never values), written only when they change what is there. */
  private async tag(mount: KvMount, path: string, existing: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>> | undefined): Promise<void> {
    if (!tags || Object.entries(tags).every(([k, v]) => existing[k] === v)) return;
    const apiPath = `${mount.path}metadata/${inside(mount, path)}`;
    const op: VaultOperation = { verb: 'tag', path: apiPath, capability: 'update', vault: this.vault };
    const response = await this.send({ method: 'POST', path: apiPath, body: { custom_metadata: { ...existing, ...tags } } }, op);
    if (response.status !== 204 && response.status !== 200) throw responseError(response, op);
  }
}

/** The API path of a path's data: `MOUNT/data/REST` on KV v2 (as vals and `vault kv` insert it), the path itself on KV v1. */
export function dataPath(mount: KvMount, path: string): string {
  return mount.version === 2 ? `${mount.path}data/${inside(mount, path)}` : path;
}

function inside(mount: KvMount, path: string): string {
  return path.startsWith(mount.path) ? path.slice(mount.path.length) : path;
}

function isInvalidToken(response: VaultResponse): boolean {
  return errorsOf(response).some((e) => e.includes('invalid token'));
}

/** A 404: nothing there, or (KV v2) a deleted or destroyed version whose metadata Vault still tells. */
function deletedOf(response: VaultResponse): KvDeleted | undefined {
  const metadata = ((response.body as { data?: { metadata?: Record<string, unknown> } | null } | undefined)?.data?.metadata);
  if (!metadata || typeof metadata.version !== 'number') return undefined;
  return { deleted: true, version: metadata.version, destroyed: metadata.destroyed === true };
}

function recordOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

function stringsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(recordOf(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

