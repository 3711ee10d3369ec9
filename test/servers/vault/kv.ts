/**
 * The key/value secrets engines, as hashicorp/vault-plugin-secrets-kv answers: version 2 (data/,
 * metadata/, delete/, undelete/, destroy/, config; versions, check-and-set, soft delete with
 * deletion_time, destroy, max_versions, delete_version_after, custom_metadata, JSON merge patch) and
 * version 1 (a plain map of paths). Each route says which capability the ACL must grant (writes are
 * `create` when nothing exists yet, else `update`, as the engine's existence check decides) and what
 * it answers. Response maps are written with their keys sorted, as Go's JSON encoder writes maps.
 */
import type { Capability } from './policy';
import { badRequest, goTime, nothingHere, VaultError, type Envelope } from './responses';

export type Operation = 'read' | 'list' | 'write' | 'delete' | 'patch';

export interface EngineRequest {
  readonly op: Operation;
  /** The path inside the mount, without a leading slash ("data/app/db", "metadata/app/"). */
  readonly rest: string;
  readonly body: Record<string, unknown>;
  readonly query: URLSearchParams;
  readonly now: number;
  readonly contentType: string;
}

export type EngineResult = { readonly status: 200; readonly envelope: Envelope } | { readonly status: 204 };

export interface Route {
  readonly capability: Capability;
  run(): EngineResult;
}

export interface Engine {
  readonly version: 1 | 2;
  route(request: EngineRequest): Route;
  /** Every path and its current data (for assertions). */
  snapshot(now: number): Map<string, Record<string, unknown>>;
}

/** KV v1 reads carry the mount's default lease (32 days) as a lease_duration. */
const KV1_LEASE_SECONDS = 2_764_800;
/** KV v2 keeps 10 versions of a key unless max_versions says otherwise. */
const DEFAULT_MAX_VERSIONS = 10;

const ok = (data: unknown, extra: Partial<Envelope> = {}): EngineResult => ({ status: 200, envelope: { data, mountType: 'kv', ...extra } });
const noContent: EngineResult = { status: 204 };
const capabilityFor = (op: Operation, exists: boolean): Capability => (op === 'write' ? (exists ? 'update' : 'create') : op);

export class KvV1 implements Engine {
  readonly version = 1 as const;
  private readonly entries = new Map<string, Record<string, unknown>>();

  route({ op, rest, body }: EngineRequest): Route {
    return {
      capability: capabilityFor(op, this.entries.has(rest)),
      run: () => {
        switch (op) {
          case 'read': {
            const data = this.entries.get(rest);
            if (!data) throw nothingHere();
            return ok(data, { leaseDuration: KV1_LEASE_SECONDS });
          }
          case 'list': return ok({ keys: listKeys(this.entries.keys(), rest) });
          case 'write':
            if (rest === '') throw badRequest('missing path');
            this.entries.set(rest, body);
            return noContent;
          case 'delete': this.entries.delete(rest); return noContent;
          case 'patch': throw new VaultError(405, ['unsupported operation']);
        }
      },
    };
  }

  snapshot(): Map<string, Record<string, unknown>> {
    return new Map(this.entries);
  }
}

interface VersionMeta {
  readonly data: Record<string, unknown>;
  readonly created: number;
  deletionTime?: number;
  destroyed: boolean;
}

interface KeyMeta {
  readonly versions: Map<number, VersionMeta>;
  current: number;
  oldest: number;
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfterSeconds: number;
  customMetadata: Record<string, string> | null;
  readonly created: number;
  updated: number;
}

const SUBPATHS = ['data', 'metadata', 'delete', 'undelete', 'destroy'];

export class KvV2 implements Engine {
  readonly version = 2 as const;
  private readonly keys = new Map<string, KeyMeta>();
  private readonly config = { maxVersions: 0, casRequired: false, deleteVersionAfterSeconds: 0 };

  route(request: EngineRequest): Route {
    const { op, rest } = request;
    if (rest === 'config') return { capability: op === 'write' ? 'update' : op, run: () => this.configRoute(request) };
    const slash = rest.indexOf('/');
    const sub = slash < 0 ? rest : rest.slice(0, slash);
    const key = slash < 0 ? '' : rest.slice(slash + 1);
    const exists = this.keys.has(key);
    const route = (capability: Capability, run: () => EngineResult): Route => ({ capability, run });
    if (sub === 'metadata' && op === 'list') return route('list', () => ok({ keys: listKeys(this.keys.keys(), key) }));
    if (!SUBPATHS.includes(sub) || (slash < 0 && op !== 'list')) return route(capabilityFor(op, false), () => this.invalidPath(op, rest));
    if (key === '' || key.endsWith('/')) return route(capabilityFor(op, false), () => this.invalidPath(op, rest));
    if (sub === 'data') {
      if (op === 'read') return route('read', () => this.read(key, request));
      if (op === 'write') return route(capabilityFor(op, exists), () => this.write(key, request));
      if (op === 'patch') return route('patch', () => this.patch(key, request));
      if (op === 'delete') return route('delete', () => this.deleteLatest(key, request.now));
    }
    if (sub === 'metadata') {
      if (op === 'read') return route('read', () => this.readMetadata(key));
      if (op === 'write') return route(capabilityFor(op, exists), () => this.writeMetadata(key, request));
      if (op === 'delete') return route('delete', () => { this.keys.delete(key); return noContent; });
    }
    if (op === 'write' && (sub === 'delete' || sub === 'undelete' || sub === 'destroy')) {
      return route('update', () => this.versionsRoute(sub, key, request));
    }
    return route(capabilityFor(op, exists), () => { throw new VaultError(405, ['unsupported operation']); });
  }

  snapshot(now: number): Map<string, Record<string, unknown>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const [key, meta] of this.keys) {
      const version = meta.versions.get(meta.current);
      if (version && readable(version, now)) out.set(key, version.data);
    }
    return out;
  }

  private read(key: string, { query, now }: EngineRequest): EngineResult {
    const meta = this.keys.get(key);
    if (!meta) throw nothingHere();
    const asked = Number(query.get('version') ?? 0);
    const number = Number.isInteger(asked) && asked > 0 ? asked : meta.current;
    const version = meta.versions.get(number);
    if (!version) throw nothingHere();
    const metadata = versionMetadata(number, version, meta);
    // A deleted or destroyed version is a 404 that still tells its metadata.
    if (!readable(version, now)) throw new VaultError(404, [], { data: { data: null, metadata }, mountType: 'kv' });
    return ok({ data: version.data, metadata });
  }

  private write(key: string, { body, now }: EngineRequest): EngineResult {
    const data = body.data;
    if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) throw badRequest('no data provided');
    const meta = this.keys.get(key) ?? newKey(now);
    checkAndSet(body, meta, this.config.casRequired);
    return this.addVersion(key, meta, data as Record<string, unknown>, now);
  }

  /** PATCH with a JSON merge patch (RFC 7396) onto the current version, which must be readable. */
  private patch(key: string, { body, now, contentType }: EngineRequest): EngineResult {
    if (contentType !== 'application/merge-patch+json') {
      throw new VaultError(415, [`PATCH requires Content-Type of application/merge-patch+json, provided "${contentType}"`]);
    }
    const meta = this.keys.get(key);
    const current = meta?.versions.get(meta.current);
    if (!meta || !current || !readable(current, now)) throw nothingHere();
    const patch = body.data;
    if (patch === undefined || patch === null || typeof patch !== 'object') throw badRequest('no data provided');
    checkAndSet(body, meta, this.config.casRequired);
    return this.addVersion(key, meta, mergePatch(current.data, patch as Record<string, unknown>), now);
  }

  private addVersion(key: string, meta: KeyMeta, data: Record<string, unknown>, now: number): EngineResult {
    const number = meta.current + 1;
    const after = meta.deleteVersionAfterSeconds || this.config.deleteVersionAfterSeconds;
    const version: VersionMeta = { data, created: now, destroyed: false, ...(after > 0 ? { deletionTime: now + after * 1000 } : {}) };
    meta.versions.set(number, version);
    meta.current = number;
    if (meta.oldest === 0) meta.oldest = number;
    meta.updated = now;
    const keep = meta.maxVersions || this.config.maxVersions || DEFAULT_MAX_VERSIONS;
    while (meta.current - meta.oldest + 1 > keep) meta.versions.delete(meta.oldest++);
    this.keys.set(key, meta);
    return ok(versionMetadata(number, version, meta));
  }

  /** DELETE data/PATH: the latest version is soft-deleted (undelete brings it back). */
  private deleteLatest(key: string, now: number): EngineResult {
    const meta = this.keys.get(key);
    const latest = meta?.versions.get(meta.current);
    if (latest && !latest.destroyed && (latest.deletionTime === undefined || latest.deletionTime > now)) latest.deletionTime = now;
    return noContent;
  }

  private versionsRoute(kind: 'delete' | 'undelete' | 'destroy', key: string, { body, now }: EngineRequest): EngineResult {
    const versions = Array.isArray(body.versions) ? body.versions.map(Number).filter((n) => Number.isInteger(n)) : [];
    if (versions.length === 0) throw badRequest(kind === 'destroy' ? 'no version number provided' : 'No version number provided');
    const meta = this.keys.get(key);
    if (!meta) return noContent;
    for (const number of versions) {
      const version = meta.versions.get(number);
      if (!version || version.destroyed) continue;
      if (kind === 'delete' && (version.deletionTime === undefined || version.deletionTime > now)) version.deletionTime = now;
      if (kind === 'undelete') delete version.deletionTime;
      if (kind === 'destroy') version.destroyed = true;
    }
    meta.updated = now;
    return noContent;
  }

  private readMetadata(key: string): EngineResult {
    const meta = this.keys.get(key);
    if (!meta) throw nothingHere();
    const versions = Object.fromEntries([...meta.versions].map(([n, v]) => [String(n), { created_time: goTime(v.created), deletion_time: goTime(v.deletionTime), destroyed: v.destroyed }]));
    return ok({
      cas_required: meta.casRequired,
      created_time: goTime(meta.created),
      current_version: meta.current,
      custom_metadata: meta.customMetadata,
      delete_version_after: goDuration(meta.deleteVersionAfterSeconds),
      max_versions: meta.maxVersions,
      oldest_version: meta.oldest,
      updated_time: goTime(meta.updated),
      versions,
    });
  }

  private writeMetadata(key: string, { body, now }: EngineRequest): EngineResult {
    const meta = this.keys.get(key) ?? newKey(now);
    if (typeof body.max_versions === 'number') meta.maxVersions = body.max_versions;
    if (typeof body.cas_required === 'boolean') meta.casRequired = body.cas_required;
    if (body.delete_version_after !== undefined) meta.deleteVersionAfterSeconds = durationSeconds(body.delete_version_after);
    if (body.custom_metadata !== undefined) meta.customMetadata = body.custom_metadata as Record<string, string>;
    meta.updated = now;
    this.keys.set(key, meta);
    return noContent;
  }

  private configRoute({ op, body }: EngineRequest): EngineResult {
    if (op === 'read') {
      return ok({ cas_required: this.config.casRequired, delete_version_after: goDuration(this.config.deleteVersionAfterSeconds), max_versions: this.config.maxVersions });
    }
    if (op !== 'write') throw new VaultError(405, ['unsupported operation']);
    if (typeof body.max_versions === 'number') this.config.maxVersions = body.max_versions;
    if (typeof body.cas_required === 'boolean') this.config.casRequired = body.cas_required;
    if (body.delete_version_after !== undefined) this.config.deleteVersionAfterSeconds = durationSeconds(body.delete_version_after);
    return noContent;
  }

  /** What the engine says of a path it has no route for: 404 with a warning, no errors. */
  private invalidPath(op: Operation, rest: string): never {
    const root = SUBPATHS.includes(rest);
    const command = { write: 'put', patch: 'patch', read: 'get', list: 'list', delete: 'delete' }[op];
    const warning = root
      ? 'Non-listing operations on the root of a K/V v2 mount are not supported.'
      : `Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv ${command}' for this operation.`;
    throw new VaultError(404, [], { data: null, warnings: [warning], mountType: 'kv' });
  }
}

function newKey(now: number): KeyMeta {
  return { versions: new Map(), current: 0, oldest: 0, maxVersions: 0, casRequired: false, deleteVersionAfterSeconds: 0, customMetadata: null, created: now, updated: now };
}

function readable(version: VersionMeta, now: number): boolean {
  return !version.destroyed && (version.deletionTime === undefined || version.deletionTime > now);
}

function versionMetadata(number: number, version: VersionMeta, meta: KeyMeta): Record<string, unknown> {
  return { created_time: goTime(version.created), custom_metadata: meta.customMetadata, deletion_time: goTime(version.deletionTime), destroyed: version.destroyed, version: number };
}

/** options.cas: 0 writes only a new key, N only over version N; required when the key or mount says so. */
function checkAndSet(body: Record<string, unknown>, meta: KeyMeta, mountRequires: boolean): void {
  const options = body.options;
  const cas = options !== null && typeof options === 'object' ? (options as Record<string, unknown>).cas : undefined;
  if (cas === undefined) {
    if (mountRequires || meta.casRequired) throw badRequest('check-and-set parameter required for this call');
    return;
  }
  const expected = Number(cas);
  if (!Number.isInteger(expected)) throw badRequest('error parsing check-and-set parameter');
  if (expected !== meta.current) throw badRequest('check-and-set parameter did not match the current version');
}

/** The next segment of every key under a prefix; a folder ends with "/". */
function listKeys(paths: Iterable<string>, prefix: string): string[] {
  const keys = new Set<string>();
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    keys.add(slash < 0 ? rest : rest.slice(0, slash + 1));
  }
  keys.delete('');
  if (keys.size === 0) throw nothingHere();
  return [...keys].sort();
}

function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (typeof v === 'object' && !Array.isArray(v) && typeof out[k] === 'object' && out[k] !== null && !Array.isArray(out[k])) out[k] = mergePatch(out[k] as Record<string, unknown>, v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

/** Vault's duration parameters: seconds as a number, or Go's "1h30m", "90s", "3600". */
export function durationSeconds(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|m|s|d)/g)) total += Number(amount) * { d: 86400, h: 3600, m: 60, s: 1 }[unit as 'd' | 'h' | 'm' | 's'];
  return Math.round(total);
}

/** Go's time.Duration.String() for whole seconds: "0s", "1h0m0s", "30m0s". */
function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
}
