/**
 * HashiCorp Vault (and OpenBao) behind the core's VaultProvider: a secret is a key inside a path of
 * a KV mount (names.ts), so writes of several keys of one path are one merge (kv.ts), reads of several
 * keys of one path one read, and a version is the path's KV v2 version. Tags go to the path's
 * custom_metadata. Deleting a key writes a version without it (its older versions keep it, so
 * `recover` brings it back); deleting a path's last key soft-deletes that version.
 */
import { mapBounded } from '../../map-bounded';
import type { VaultReference } from '../../references';
import { VaultError, type SecretInfo, type SecretRead, type SecretValue, type SecretWrite, type SetSecretOptions, type VaultProvider } from '../types';
import { VaultAuth, type TokenStatus, type VaultAuthOptions } from './auth';
import { VaultHttp, type VaultHttpOptions } from './http';
import { KvClient, type KvEntry, type KvMount } from './kv';
import { ENVGUARD_ROOT, hashiCorpNameRules, splitVaultName, type VaultName } from './names';
import { hashiCorpVaultKey } from './kind';
import { formatVaultReference, vaultPathOf } from './reference';
import { trimSlashes } from '../slashes';

/** A path holds every key of a file: Vault's storage takes entries of 512 KiB (Consul) to 1 MiB (raft). */
export const HASHICORP_MAX_VALUE_BYTES = 512 * 1024;

/** Tags that say where a path's keys came from (never values); the key's own source is its name. */
const PATH_TAGS = ['envguard-project', 'envguard-environment', 'envguard-source-file'];
const SOURCE_KEY_TAG = 'envguard-source-key';

export interface HashiCorpVaultOptions extends VaultHttpOptions, VaultAuthOptions {
  /** The KV mount EnvGuard writes into. Default `secret` (the KV v2 mount of dev servers and of most installations). */
  readonly mount?: string;
  /** `vals` (default: `ref+vault://…#/KEY`, which helmfile/vals reads too) or `vault` (`vault://MOUNT/PATH#KEY`). */
  readonly referenceStyle?: 'vals' | 'vault';
  readonly pinVersions?: boolean;
}

export class HashiCorpVault implements VaultProvider {
  readonly kind = 'hashicorp-vault' as const;
  readonly displayName: string;
  /** The user who chose this vault (`--vault hashicorp`) has confirmed its address: references it writes then resolve. */
  readonly confirmationKey: string;
  readonly names = hashiCorpNameRules;
  readonly maxValueBytes = HASHICORP_MAX_VALUE_BYTES;
  readonly pinVersions: boolean;
  /** Writes of different paths go in parallel; setMany merges the keys of one path into one write. */
  readonly writeConcurrency = 8;
  readonly mount: string;
  private readonly http: VaultHttp;
  private readonly auth: VaultAuth;
  private readonly kv: KvClient;
  private readonly style: 'vals' | 'vault';
  private kvMount: KvMount | undefined;

  constructor(options: HashiCorpVaultOptions = {}) {
    this.http = new VaultHttp(options);
    this.mount = trimSlashes(options.mount ?? 'secret');
    if (!splitVaultName(`${this.mount}#k`)) throw new VaultError('invalid-name', 'the Vault mount must be a path of letters, digits and - _ . segments');
    this.displayName = this.http.displayName;
    this.confirmationKey = hashiCorpVaultKey(this.http.address);
    this.auth = new VaultAuth(this.http, this.displayName, options);
    this.kv = new KvClient(this.http, this.auth, this.displayName);
    this.pinVersions = options.pinVersions === true;
    this.style = options.referenceStyle ?? 'vals';
  }

  /** KV v2 keeps versions; KV v1 does not (known once the mount was looked up: `open()`). */
  get versioned(): boolean {
    return this.kvMount?.version !== 1;
  }

  /** Looks the mount up (its KV version decides versions, delete and recover). */
  async open(): Promise<this> {
    this.kvMount = await this.kv.mountOf(`${this.mount}/${ENVGUARD_ROOT}`);
    return this;
  }

  /** The address and namespace this vault's token goes to (what a user confirms). */
  get address(): string {
    return this.http.address;
  }

  tokenStatus(): Promise<TokenStatus> {
    return this.auth.status();
  }

  formatReference(name: string, version?: string): string {
    const { path, key } = this.split(name);
    const versionPart = version ? { version } : {};
    return this.style === 'vault'
      ? formatVaultReference({ syntax: 'vault', mount: this.mount, path, key, ...versionPart })
      : formatVaultReference({ syntax: 'vals', path: `${this.mount}/${path}`, key, ...versionPart });
  }

  ownsReference(reference: VaultReference): { name: string; version?: string } | undefined {
    if (reference.kind !== 'hashicorp-vault') return undefined;
    const full = vaultPathOf(reference);
    if (!full.startsWith(`${this.mount}/`)) return undefined;
    const name = `${full.slice(this.mount.length + 1)}#${reference.key}`;
    return reference.version ? { name, version: reference.version } : { name };
  }

  async get(name: string, version?: string): Promise<SecretValue> {
    const { path, key } = this.split(name);
    return this.valueOf(name, key, await this.kv.read(this.full(path), version));
  }

  async getMany(reads: readonly SecretRead[]): Promise<(SecretValue | VaultError)[]> {
    // One read per path and version, however many of its keys are asked for.
    const groups = new Map<string, Promise<Awaited<ReturnType<KvClient['read']>>>>();
    return Promise.all(reads.map(async ({ name, version }) => {
      try {
        const { path, key } = this.split(name);
        const group = `${path}\u0000${version ?? ''}`;
        let read = groups.get(group);
        if (!read) groups.set(group, read = this.kv.read(this.full(path), version));
        return this.valueOf(name, key, await read);
      } catch (error) {
        return error instanceof VaultError ? error : new VaultError('unknown', `could not read ${name} in ${this.displayName}`);
      }
    }));
  }

  async set(name: string, value: string, options: SetSecretOptions = {}): Promise<SecretInfo> {
    return (await this.setMany([{ name, value, options }]))[0]!;
  }

  /**
   * Groups the writes by path: each path is one merge of its keys (with check-and-set). A key written
   * twice gets two versions in order (the second in a later round), so every write has its own version.
   */
  async setMany(writes: readonly SecretWrite[]): Promise<SecretInfo[]> {
    const infos = new Array<SecretInfo>(writes.length);
    let pending = writes.map((write, index) => ({ write, index, ...this.split(write.name) }));
    for (const w of pending) this.checkSize(w.write);
    while (pending.length > 0) {
      const round = new Map<string, typeof pending>();
      const later: typeof pending = [];
      for (const w of pending) {
        const group = round.get(w.path) ?? [];
        if (group.some((g) => g.key === w.key)) later.push(w);
        else round.set(w.path, [...group, w]);
      }
      await Promise.all([...round].map(async ([path, group]) => {
        const changes = new Map(group.map((g) => [g.key, g.write.value] as const));
        const tags = pathTags(group.map((g) => g.write.options?.tags));
        const version = await this.kv.write(this.full(path), changes, tags);
        for (const g of group) infos[g.index] = this.infoOf(g.write.name, g.key, { version, tags: tags ?? {} });
      }));
      pending = later;
    }
    return infos;
  }

  async info(name: string): Promise<SecretInfo | undefined> {
    const { path, key } = this.split(name);
    const entry = await this.kv.read(this.full(path));
    if (!entry || 'deleted' in entry || !(key in entry.data)) return undefined;
    return this.entryInfo(name, key, entry);
  }

  /** Every key of every path under EnvGuard's folder of the mount, without values, sorted by name. */
  async list(): Promise<SecretInfo[]> {
    const paths = await this.kv.listPaths(`${this.mount}/${ENVGUARD_ROOT}`);
    const entries = await mapBounded(paths, this.writeConcurrency, async (full) => ({ full, entry: await this.kv.read(full) }));
    const infos: SecretInfo[] = [];
    for (const { full, entry } of entries) {
      if (!entry || 'deleted' in entry) continue;
      const path = full.slice(this.mount.length + 1);
      for (const key of Object.keys(entry.data)) infos.push(this.entryInfo(`${path}#${key}`, key, entry));
    }
    return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async delete(name: string): Promise<void> {
    const { path, key } = this.split(name);
    const full = this.full(path);
    const entry = await this.kv.read(full);
    if (!entry || 'deleted' in entry || !(key in entry.data)) throw new VaultError('not-found', `${this.displayName} has no key ${key} in ${full}`);
    if (Object.keys(entry.data).length === 1) await this.kv.deleteLatest(full);
    else await this.kv.write(full, new Map([[key, null]]));
  }

  /** Brings a deleted key back: undeletes the path's deleted latest version, or writes the key's last value again. */
  async recover(name: string): Promise<void> {
    const { path, key } = this.split(name);
    const full = this.full(path);
    const metadata = await this.kv.metadata(full);
    const latest = metadata?.versions.get(metadata.current);
    if (metadata && latest?.deleted && !latest.destroyed) {
      await this.kv.undelete(full, [metadata.current]);
      const entry = await this.kv.read(full);
      if (entry && !('deleted' in entry) && key in entry.data) return;
    }
    for (let version = (metadata?.current ?? 0) - 1; metadata && version > 0; version--) {
      const state = metadata.versions.get(version);
      if (!state || state.deleted || state.destroyed) continue;
      const entry = await this.kv.read(full, String(version));
      const value = entry && !('deleted' in entry) ? entry.data[key] : undefined;
      if (typeof value === 'string') {
        await this.kv.write(full, new Map([[key, value]]));
        return;
      }
    }
    throw new VaultError('not-found', `${this.displayName} keeps no version of ${full} with the key ${key} to recover`);
  }

  /** Closes idle connections. */
  close(): void {
    this.http.close();
  }

  private split(name: string): VaultName {
    const parts = splitVaultName(name);
    if (!parts) throw new VaultError('invalid-name', `${name} is not a Vault name (${this.names.description})`);
    return parts;
  }

  private full(path: string): string {
    return `${this.mount}/${path}`;
  }

  private checkSize(write: SecretWrite): void {
    const bytes = Buffer.byteLength(write.value, 'utf8');
    if (bytes > HASHICORP_MAX_VALUE_BYTES) throw new VaultError('too-large', `the value for ${write.name} is ${bytes} bytes; EnvGuard stores at most ${HASHICORP_MAX_VALUE_BYTES} bytes (512 KiB) in one Vault key`);
  }

  private valueOf(name: string, key: string, entry: Awaited<ReturnType<KvClient['read']>>): SecretValue {
    const { path } = this.split(name);
    if (!entry) throw new VaultError('not-found', `${this.displayName} has nothing at ${this.full(path)}`);
    if ('deleted' in entry) throw new VaultError('deleted', `version ${entry.version} of ${this.full(path)} in ${this.displayName} was ${entry.destroyed ? 'destroyed' : 'deleted (envguard vault recover can bring it back)'}`);
    const value = entry.data[key];
    if (value === undefined) throw new VaultError('not-found', `${this.full(path)} in ${this.displayName} has no key ${key}`);
    if (typeof value !== 'string') throw new VaultError('corrupt', `the key ${key} of ${this.full(path)} in ${this.displayName} does not hold a string`);
    return { value, info: this.entryInfo(name, key, entry) };
  }

  private entryInfo(name: string, key: string, entry: KvEntry): SecretInfo {
    return this.infoOf(name, key, { version: entry.version, tags: entry.customMetadata, ...(entry.createdTime ? { createdOn: entry.createdTime } : {}) });
  }

  private infoOf(name: string, key: string, at: { version: number | undefined; tags: Readonly<Record<string, string>>; createdOn?: Date }): SecretInfo {
    const tags: Record<string, string> = {};
    for (const tag of PATH_TAGS) if (at.tags[tag] !== undefined) tags[tag] = at.tags[tag];
    if (Object.keys(tags).length > 0) tags[SOURCE_KEY_TAG] = key;
    return { name, version: at.version === undefined ? '' : String(at.version), createdOn: at.createdOn ?? new Date(), enabled: true, tags };
  }
}

/** The tags a path carries: those its writes agree on (a path's keys come from one file). */
function pathTags(all: readonly (Readonly<Record<string, string>> | undefined)[]): Record<string, string> | undefined {
  const first = all.find((t) => t !== undefined);
  if (!first) return undefined;
  const tags: Record<string, string> = {};
  for (const tag of PATH_TAGS) if (first[tag] !== undefined && all.every((t) => t?.[tag] === first[tag])) tags[tag] = first[tag];
  return Object.keys(tags).length > 0 ? tags : undefined;
}
