import { mkdir, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { VaultReference } from '../../references';
import { formatLocalReference } from './kind';
import { VaultError, type SecretCheck, type SecretInfo, type SecretMatch, type SecretRead, type SecretValue, type SecretWrite, type SetSecretOptions, type VaultProvider } from '../types';
import { decryptValue, encryptValue, generateKey, generateVersionId, keyIdOf } from './crypto';
import { describeFsError } from '../../files/fs-errors';
import { assertPrivate, resolveLocalVaultHome } from './home';
import { KEY_FILE_NAME } from './key-file';
import { selectKeyStore, type KeySelection } from './key-store';
import { KEY_STORE_MODES, parseKeyStoreMode } from './key-store-types';
import { WRAPPED_KEY_FILE_NAME } from './wrapped-key';
import { gateKey, type GatePurpose } from '../../gate/derived-keys';
import { withStoreLock } from './lock';
import { COUNTER_FILE_NAME, readGeneration, writeGeneration } from './counter';
import { indexMac, indexMacKey, verifyIndexMac } from './integrity';
import { assertLocalName, localNameRules } from './names';
import { readStoreFile, readStoreForRead, STORE_FILE_NAME, writeStoreFile } from './store-file';
import { copyTags, type Store, type StoredSecret, type StoredVersion } from './store-format';
import { exportedSecrets, mergeImport, type ImportOutcome } from './transfer/merge';
import type { ExportedSecret } from './transfer/payload';

/**
 * 1 MiB per value: far above anything an environment variable can carry (Linux refuses a single
 * env string over 128 KiB, Windows a variable over 32,767 characters), yet small enough that the
 * store, which every write rewrites whole and every read parses whole, stays quick.
 */
export const LOCAL_MAX_VALUE_BYTES = 1024 * 1024;

const VERSION_ID = /^[0-9a-f]{32}$/;

/** How long a deleted secret can be recovered: Key Vault's default soft-delete retention. */
export const LOCAL_RETENTION_DAYS = 30;
const RETENTION_MS = LOCAL_RETENTION_DAYS * 24 * 60 * 60 * 1000;

/** A deleted secret as `listDeleted` reports it: its newest version's metadata, when it was deleted and when it goes. */
export interface DeletedSecretInfo extends SecretInfo {
  readonly deletedOn: Date;
  /** The first write to the vault from this moment on removes it for good. */
  readonly purgeOn: Date;
}
/** A lone UTF-16 surrogate (in `u` mode a valid pair is one code point): UTF-8 cannot carry it. */
const LONE_SURROGATE = /\p{Cs}/u;

export interface OpenLocalVaultOptions {
  /** The vault folder. Default: resolveLocalVaultHome(env, platform, home folder). */
  readonly home?: string;
  /** Where ENVGUARD_HOME, XDG_DATA_HOME and APPDATA are read. Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where the key is kept (key-store-types.ts): 'passphrase' (default) or 'automation'; the earlier
   * names 'auto', 'keychain' and 'file' are accepted. The CLI maps ENVGUARD_KEY_STORE to it.
   */
  readonly keyStore?: string;
  /** A passphrase vault: its key, unwrapped by the key agent. Nothing else opens one. */
  readonly key?: Buffer;
  /** The clock deletion dates and purges are measured by (tests move it; default: the system's). */
  readonly now?: () => Date;
}

/**
 * Opens (creating its folder, mode 0700) the local vault. Reads nothing but the key's whereabouts.
 * A passphrase vault opens only with its key (the key agent's); anything else gets VaultError 'locked'.
 */
export async function openLocalVault(options: OpenLocalVaultOptions = {}): Promise<LocalVault> {
  const mode = parseKeyStoreMode(options.keyStore ?? 'passphrase');
  if (mode === undefined) throw new VaultError('unknown', `unknown key store ${JSON.stringify(options.keyStore)}: use ${KEY_STORE_MODES.join(' or ')}`);
  const wanted = path.resolve(options.home ?? resolveLocalVaultHome(options.env ?? process.env, process.platform, os.homedir()));
  let home: string;
  try {
    await mkdir(wanted, { recursive: true, mode: 0o700 });
    home = await realpath(wanted); // one keychain account per folder, however it is spelled
  } catch (error) {
    throw new VaultError('unknown', `cannot create the local vault's folder ${wanted}: ${describeFsError(error)}`);
  }
  // Another user's vault, or one others can change, is never used: they could have put the store there.
  await assertPrivate(home, 'folder');
  for (const file of [STORE_FILE_NAME, KEY_FILE_NAME, WRAPPED_KEY_FILE_NAME, COUNTER_FILE_NAME]) await assertPrivate(path.join(home, file), 'file');
  const selection = await selectKeyStore({ mode, home, env: options.env ?? process.env, ...(options.key ? { key: options.key } : {}) });
  return new LocalVault(home, selection, options.now);
}

/**
 * EnvGuard's embedded vault: one JSON store of AES-256-GCM encrypted, versioned values in a folder
 * outside every workspace, its key wrapped by the user's passphrase (held unwrapped only by the key
 * agent), or in a key file for an automation vault. Any number of processes may
 * use it at once: writes are locked and atomic, reads see whole files.
 */
export class LocalVault implements VaultProvider {
  readonly kind = 'local' as const;
  readonly displayName: string;
  readonly names = localNameRules;
  readonly maxValueBytes = LOCAL_MAX_VALUE_BYTES;
  readonly versioned = true;
  /** The store file, `<home>/vault.json`. */
  readonly storeFile: string;
  /** The key file's path (automation), or the key agent. */
  readonly keyLocation: string;
  /** Whether values need a human's approval to leave (a passphrase vault). */
  readonly gated: boolean;
  private key: Buffer | undefined;
  /** Stores (one object per distinct content, see readStoreForRead) whose integrity was checked. */
  private readonly verified = new WeakSet<Store>();
  private pendingKeyLoad: Promise<Buffer | undefined> | undefined;

  /** Use openLocalVault. */
  constructor(readonly home: string, private readonly keys: KeySelection, private readonly now: () => Date = () => new Date()) {
    this.displayName = `local vault (${home})`;
    this.storeFile = path.join(home, STORE_FILE_NAME);
    this.keyLocation = keys.store.location;
    this.gated = keys.mode === 'passphrase';
  }

  formatReference(name: string, version?: string): string {
    return formatLocalReference(name, version);
  }

  ownsReference(reference: VaultReference): { name: string; version?: string } | undefined {
    if (reference.kind !== 'local') return undefined;
    return { name: reference.name, ...(reference.version ? { version: reference.version } : {}) };
  }

  async get(name: string, version?: string): Promise<SecretValue> {
    const [result] = await this.getMany([{ name, ...(version !== undefined ? { version } : {}) }]);
    if (result instanceof VaultError) throw result;
    return result!;
  }

  /** Reads the store once for all of them: a `run` with fifty references parses one file, not fifty. */
  async getMany(reads: readonly SecretRead[]): Promise<(SecretValue | VaultError)[]> {
    for (const { name } of reads) assertLocalName(name, this.displayName);
    if (reads.length === 0) return [];
    const store = await this.readChecked();
    let key: Buffer | undefined;
    const results: (SecretValue | VaultError)[] = [];
    for (const { name, version } of reads) {
      const secret = store.secrets.get(name);
      if (secret?.deletedOn !== undefined) {
        results.push(this.deletedError(name, secret));
        continue;
      }
      const entry = version === undefined ? secret?.versions.at(-1) : secret?.versions.find((v) => v.version === version);
      if (!secret || !entry) {
        results.push(this.notFound(name, version));
        continue;
      }
      if (!entry.enabled) {
        results.push(new VaultError('forbidden', `version ${entry.version} of secret ${name} is disabled in the ${this.displayName}`));
        continue;
      }
      key ??= await this.keyFor(store, false);
      const value = decryptValue(key, { name, version: entry.version }, entry);
      results.push(value === undefined
        ? new VaultError('corrupt', `the local vault's store ${this.storeFile} is damaged: secret ${name}, version ${entry.version}, fails authentication (altered, or moved from another secret); it was left untouched`)
        : { value, info: toInfo(name, secret, entry) });
    }
    return results;
  }

  async matchMany(checks: readonly SecretCheck[]): Promise<(SecretMatch | VaultError)[]> {
    const answers = await this.getMany(checks.map(({ name, version }) => ({ name, ...(version !== undefined ? { version } : {}) })));
    return answers.map((answer, i) => (answer instanceof VaultError ? answer : { info: answer.info, same: answer.value === checks[i]!.value }));
  }

  async set(name: string, value: string, options: SetSecretOptions = {}): Promise<SecretInfo> {
    const [info] = await this.setMany([{ name, value, options }]);
    return info!;
  }

  /**
   * Writes every version in order under one lock and one atomic store write: all or none. A secret
   * that belongs to another project than `options.owner` is never written ('forbidden').
   */
  async setMany(writes: readonly SecretWrite[]): Promise<SecretInfo[]> {
    for (const { name, value } of writes) {
      assertLocalName(name, this.displayName);
      const bytes = Buffer.byteLength(value, 'utf8');
      if (bytes > this.maxValueBytes) {
        throw new VaultError('too-large', `the value for ${name} is ${bytes} bytes; the ${this.displayName} holds at most ${this.maxValueBytes} bytes (1 MiB) per secret`);
      }
      if (LONE_SURROGATE.test(value)) throw new VaultError('unknown', `the value for ${name} is not valid Unicode text (it holds a lone surrogate), so it cannot be stored exactly`);
    }
    if (writes.length === 0) return [];
    return this.write((store, key) => {
      const infos: SecretInfo[] = [];
      for (const { name, value, options = {} } of writes) {
        const existing = store.secrets.get(name);
        if (existing?.deletedOn !== undefined) throw this.deletedError(name, existing, 'nothing was written');
        if (existing?.owner !== undefined && options.owner !== undefined && existing.owner !== options.owner) {
          throw new VaultError('forbidden', `secret ${name} in the ${this.displayName} belongs to another project; nothing was written`);
        }
        const version = generateVersionId();
        const entry: StoredVersion = {
          version,
          createdOn: this.now().toISOString(),
          enabled: true,
          tags: copyTags(options.tags ?? {}),
          ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
          ...encryptValue(key, { name, version }, value),
        };
        const owner = existing?.owner ?? options.owner;
        const secret = { ...(owner !== undefined ? { owner } : {}), versions: [...(existing?.versions ?? []), entry] };
        store.secrets.set(name, secret);
        infos.push(toInfo(name, secret, entry));
      }
      return { value: infos, changed: true };
    });
  }

  /**
   * Gives secrets that belong to no project (stored before projects, or whose project this machine no
   * longer knows, `isKnown` says which) to `owner`. Secrets of a known project are left alone and listed.
   */
  async claim(names: readonly string[], owner: string, isKnown: (projectId: string) => boolean): Promise<{ claimed: string[]; refused: string[]; missing: string[] }> {
    for (const name of names) assertLocalName(name, this.displayName);
    return this.write((store) => {
      const result = { claimed: [] as string[], refused: [] as string[], missing: [] as string[] };
      for (const name of names) {
        const secret = store.secrets.get(name);
        if (!secret || secret.deletedOn !== undefined) result.missing.push(name);
        else if (secret.owner === owner) continue;
        else if (secret.owner !== undefined && isKnown(secret.owner)) result.refused.push(name);
        else {
          store.secrets.set(name, { owner, versions: secret.versions });
          result.claimed.push(name);
        }
      }
      return { value: result, changed: result.claimed.length > 0 };
    });
  }

  async info(name: string): Promise<SecretInfo | undefined> {
    assertLocalName(name, this.displayName);
    const secret = liveSecret((await this.readChecked()).secrets, name);
    const entry = secret?.versions.at(-1);
    return secret && entry && toInfo(name, secret, entry);
  }

  /** Every version of a secret, newest first, without values; VaultError 'not-found' when absent. */
  async versions(name: string): Promise<SecretInfo[]> {
    assertLocalName(name, this.displayName);
    const secret = liveSecret((await this.readChecked()).secrets, name);
    if (!secret) throw this.notFound(name);
    return secret.versions.map((entry) => toInfo(name, secret, entry)).reverse();
  }

  async list(): Promise<SecretInfo[]> {
    const store = await this.readChecked();
    // Code-unit order: the same on every machine and locale, like the names themselves.
    return [...store.secrets.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).flatMap((name) => {
      const secret = store.secrets.get(name)!;
      const latest = secret.versions.at(-1);
      return latest && secret.deletedOn === undefined ? [toInfo(name, secret, latest)] : [];
    });
  }

  /**
   * Soft delete, as Key Vault's: the secret (every version, values encrypted as before) is kept with
   * its deletion date, invisible to reads, until `recover`, `purge`, or the first write after
   * LOCAL_RETENTION_DAYS days.
   */
  async delete(name: string): Promise<void> {
    assertLocalName(name, this.displayName);
    await this.write((store) => {
      const secret = liveSecret(store.secrets, name);
      if (!secret) throw this.notFound(name);
      store.secrets.set(name, { ...secret, deletedOn: this.now().toISOString() });
      return { value: undefined, changed: true };
    });
  }

  /**
   * Brings a deleted secret back, every version. `owner`: the project asking; a secret of another
   * project, or an owned secret asked for by no project, is refused ('forbidden').
   */
  async recover(name: string, options: { owner?: string } = {}): Promise<void> {
    assertLocalName(name, this.displayName);
    await this.write((store) => {
      const secret = this.deletedSecret(store, name);
      if (secret.owner !== undefined && secret.owner !== options.owner) {
        throw new VaultError('forbidden', `deleted secret ${name} in the ${this.displayName} belongs to another project: recover it from that project's folder; nothing was changed`);
      }
      const { deletedOn: _deleted, ...kept } = secret;
      store.secrets.set(name, kept);
      return { value: undefined, changed: true };
    });
  }

  /**
   * Every live secret with every version and its value: what an export seals (transfer/). Values in
   * memory only, for the caller to seal at once; deleted secrets stay behind.
   */
  async exportSecrets(): Promise<ExportedSecret[]> {
    const store = await this.readChecked();
    if (store.secrets.size === 0) return [];
    return exportedSecrets(store, await this.keyFor(store, false), this.storeFile);
  }

  /**
   * Merges an export's secrets in, under one lock and one atomic store write (transfer/merge.ts):
   * version ids kept, versions already here left alone. `ownerOf` maps the file's project ids to this machine's.
   */
  async importSecrets(secrets: readonly ExportedSecret[], ownerOf: (exported: string | undefined) => string | undefined): Promise<ImportOutcome[]> {
    for (const { name } of secrets) assertLocalName(name, this.displayName);
    if (secrets.length === 0) return [];
    return this.write((store, key) => {
      const outcomes = mergeImport(store, key, secrets, ownerOf, this.now());
      return { value: outcomes, changed: outcomes.some((o) => o.result === 'added' || o.result === 'updated') };
    });
  }

  /** Removes a deleted secret for good (before its retention ends). Only a deleted secret can be purged. */
  async purge(name: string): Promise<void> {
    assertLocalName(name, this.displayName);
    await this.write((store) => {
      this.deletedSecret(store, name);
      store.secrets.delete(name);
      return { value: undefined, changed: true };
    });
  }

  /** The deleted secrets still kept, by name: newest version's metadata, deletion and purge dates; never values. */
  async listDeleted(): Promise<DeletedSecretInfo[]> {
    const store = await this.readChecked();
    return [...store.secrets.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).flatMap((name) => {
      const secret = store.secrets.get(name)!;
      const latest = secret.versions.at(-1);
      if (!latest || secret.deletedOn === undefined) return [];
      const deletedOn = new Date(secret.deletedOn);
      return [{ ...toInfo(name, secret, latest), deletedOn, purgeOn: new Date(deletedOn.getTime() + RETENTION_MS) }];
    });
  }

  /** A key for one of the gate's own files (the release log, the approval policies), derived from the vault key, never the key itself. */
  async derivedKey(purpose: GatePurpose): Promise<Buffer> {
    const store = await this.readChecked();
    return gateKey(await this.keyFor(store, false), purpose);
  }

  private deletedSecret(store: Store, name: string): StoredSecret {
    const secret = store.secrets.get(name);
    if (secret?.deletedOn !== undefined) return secret;
    throw new VaultError('not-found', secret
      ? `secret ${name} in the ${this.displayName} is not deleted`
      : `no deleted secret ${name} in the ${this.displayName}`);
  }

  private deletedError(name: string, secret: StoredSecret, outcome?: string): VaultError {
    const until = new Date(Date.parse(secret.deletedOn!) + RETENTION_MS).toISOString().slice(0, 10);
    return new VaultError('deleted', `secret ${name} was deleted from the ${this.displayName} and can be recovered until ${until}: `
      + `run envguard vault recover ${name} to bring it back, or envguard vault purge ${name} to free the name${outcome ? `; ${outcome}` : ''}`);
  }

  /** The store for reading, its integrity checked once per content (readers share one parse). */
  private async readChecked(): Promise<Store> {
    let { store, bytes } = await readStoreForRead(this.storeFile);
    if (bytes !== undefined && this.verified.has(store)) return store;
    const counter = await readGeneration(this.home);
    if (store.generation < counter) {
      // Read without the lock: a writer may have renamed a newer store and moved the counter
      // between the two reads. It moves the store first, so a store read after the counter is
      // never older than it unless it was really rolled back.
      ({ store, bytes } = await readStoreForRead(this.storeFile));
    }
    await this.verify(store, bytes, counter);
    if (bytes !== undefined) this.verified.add(store);
    return store;
  }

  /**
   * The index authenticates (format 3), and the store is not older than the last one this vault
   * wrote (the counter kept beside it): a version dropped or reordered, or a whole store put back
   * from a backup, is refused instead of serving old values.
   */
  private async verify(store: Store, bytes: Buffer | undefined, counter: number): Promise<void> {
    if (store.generation < counter) {
      throw new VaultError('corrupt', bytes === undefined
        ? `the local vault's store ${this.storeFile} is missing, but this vault wrote ${counter} versions of it: restore it from a backup; to start an empty vault on purpose, also move ${COUNTER_FILE_NAME} away`
        : `the local vault's store ${this.storeFile} is older than the last one this vault wrote (generation ${store.generation}, expected ${counter} or later): it was rolled back or restored from an old copy, and old values would be served; restore the newest copy, or move ${COUNTER_FILE_NAME} away if you restored it on purpose`);
    }
    // Never written, written before the index was authenticated, or emptied: nothing old can be served.
    if (store.indexMac === undefined || store.secrets.size === 0) return;
    const key = await this.keyFor(store, false);
    if (!verifyIndexMac(indexMacKey(key), store, store.generation, store.indexMac)) {
      // Name what no longer authenticates on its own (a ciphertext altered or moved), when something does.
      const broken = [...store.secrets].flatMap(([name, secret]) => secret.versions.filter((v) => decryptValue(key, { name, version: v.version }, v) === undefined).map((v) => `secret ${name}, version ${v.version}`));
      throw new VaultError('corrupt', `the local vault's store ${this.storeFile} was altered outside EnvGuard (${broken.length > 0 ? `${broken.slice(0, 3).join('; ')}${broken.length > 3 ? `; and ${broken.length - 3} more` : ''} fail authentication` : 'a secret, a version, its order, an owner or a flag was changed: the index fails authentication'}); it was left untouched, restore it from a backup`);
    }
  }

  /**
   * A read-modify-write of the store under the lock: read (its bytes kept), verify, change, then
   * written only if the file still holds those bytes and the lock is still this process's; the
   * generation grows by one and the index is authenticated anew; then the counter follows.
   */
  private async write<T>(mutate: (store: Store, key: Buffer) => { value: T; changed: boolean }): Promise<T> {
    return withStoreLock(this.storeFile, async (lock) => {
      const { store, bytes } = await readStoreFile(this.storeFile);
      await this.verify(store, bytes, await readGeneration(this.home)); // under the lock: no writer moves either
      const key = await this.keyFor(store, true);
      // Deleted secrets past their retention go at the first write after it, this one (before it: their names are free again).
      const now = this.now().getTime();
      const expired = [...store.secrets].filter(([, s]) => s.deletedOn !== undefined && Date.parse(s.deletedOn) + RETENTION_MS <= now);
      for (const [name] of expired) store.secrets.delete(name);
      const { value, changed } = mutate(store, key);
      if (!changed && expired.length === 0) return value;
      store.generation += 1;
      store.keyId = keyIdOf(key);
      const mac = indexMac(indexMacKey(key), store, store.generation);
      await lock.held();
      await writeStoreFile(this.storeFile, { ...store, keyId: store.keyId, indexMac: mac }, bytes);
      // Behind is safe (a crash here): only a counter ahead of the store would refuse it.
      await writeGeneration(this.home, store.generation).catch(() => undefined);
      return value;
    });
  }

  /**
   * The key, checked against the store's key id. Only a write to a vault without secrets may
   * create one (under the store lock, so two processes never create two keys); a vault with
   * secrets and no key, or the wrong one, is an error that says where the key was looked for.
   */
  private async keyFor(store: Store, mayCreate: boolean): Promise<Buffer> {
    let key = this.key ?? await this.loadKeyOnce();
    if (!key && mayCreate && store.secrets.size === 0) {
      // Under the store lock: look again (another process may have just made one), else make it.
      key = await this.keys.store.load();
      if (!key) {
        key = generateKey();
        await this.keys.store.save(key);
      }
    }
    if (!key) throw this.missingKey(store);
    this.key = key;
    const keyId = keyIdOf(key);
    if (store.keyId !== undefined && store.keyId !== keyId && store.secrets.size > 0) {
      throw new VaultError('corrupt', `the key in ${this.keyLocation} is not the one the local vault's store ${this.storeFile} was written with `
        + `(key id ${keyId}, the store expects ${store.keyId}); restore the original key, or move the store away to start an empty vault`);
    }
    return key;
  }

  /** Concurrent reads (a `run` resolving many references) share one key-file read. */
  private loadKeyOnce(): Promise<Buffer | undefined> {
    this.pendingKeyLoad ??= this.keys.store.load().finally(() => { this.pendingKeyLoad = undefined; });
    return this.pendingKeyLoad;
  }

  private missingKey(store: Store): VaultError {
    const holds = `the ${this.displayName} holds ${store.secrets.size} secret${store.secrets.size === 1 ? '' : 's'}`;
    return new VaultError('corrupt', `${holds} but its key is missing: looked in ${this.keys.searched.join(' and ')}. `
      + `Restore the key, or move ${this.storeFile} away to start an empty vault`);
  }

  private notFound(name: string, version?: string): VaultError {
    return new VaultError('not-found', version === undefined
      ? `secret ${name} is not in the ${this.displayName}`
      : `version ${VERSION_ID.test(version) ? version : JSON.stringify(version.slice(0, 40))} of secret ${name} is not in the ${this.displayName}`);
  }
}

/** A secret that is not deleted. */
function liveSecret(secrets: ReadonlyMap<string, StoredSecret>, name: string): StoredSecret | undefined {
  const secret = secrets.get(name);
  return secret?.deletedOn === undefined ? secret : undefined;
}

function toInfo(name: string, secret: StoredSecret, entry: StoredVersion): SecretInfo {
  return {
    name,
    ...(secret.owner !== undefined ? { owner: secret.owner } : {}),
    version: entry.version,
    versionNumber: secret.versions.indexOf(entry) + 1,
    createdOn: new Date(entry.createdOn),
    enabled: entry.enabled,
    tags: copyTags(entry.tags),
    ...(entry.contentType !== undefined ? { contentType: entry.contentType } : {}),
  };
}
