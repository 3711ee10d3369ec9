/**
 * Resolves HashiCorp Vault references. A reference names a path and a key, never an address: every
 * reference goes to the one Vault the user set (VAULT_ADDR or user settings), with the user's token.
 * That address is confirmed once (`confirmVault`) before the token is first sent: the environment a
 * process sees can be set by a workspace (a terminal profile, direnv, a launch configuration), so
 * VAULT_ADDR alone is not taken as the user's word; the address is the unit because it is what the
 * token is sent to (paths inside are Vault's own policies' business). References are grouped by path
 * and version (one read each, whatever number of keys), mounts looked up once each, and values kept in
 * memory for a short time.
 */
import type { VaultReference } from '../../references';
import type { ResolvedValue, SecretSource } from '../../resolve';
import { mapBounded } from '../../map-bounded';
import { VaultError } from '../types';
import { VaultAuth, type VaultAuthOptions } from './auth';
import { VaultHttp, type VaultHttpOptions } from './http';
import { KvClient, type KvEntry, type KvDeleted } from './kv';
import { hashiCorpVaultKey } from './kind';
import { vaultPathOf, type HashiCorpVaultReference } from './reference';

export interface HashiCorpSourceOptions extends VaultHttpOptions, VaultAuthOptions {
  /** How long a resolved value stays in memory (never on disk). Default 60 s; 0 turns the cache off. */
  readonly cacheTtlMs?: number;
  /** Reads in flight at once. Default 32. */
  readonly concurrency?: number;
  /**
   * Whether the user confirmed this Vault address (or does so now), asked once before the first token
   * is sent. Absent: the address is taken as confirmed (the caller checked).
   */
  readonly confirmVault?: (address: string) => Promise<boolean>;
}

interface Cached { readonly value: string; readonly expires: number }

export class HashiCorpVaultSource implements SecretSource {
  readonly name = 'HashiCorp Vault';
  private client: { http: VaultHttp; kv: KvClient; address: string; display: string } | undefined;
  private confirmed = false;
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly options: HashiCorpSourceOptions = {}) {}

  canResolve(reference: VaultReference): boolean {
    return reference.kind === 'hashicorp-vault';
  }

  async resolve(references: readonly VaultReference[]): Promise<ResolvedValue[]> {
    const results = new Array<ResolvedValue>(references.length);
    const wanted: { index: number; reference: HashiCorpVaultReference }[] = [];
    references.forEach((reference, index) => {
      if (reference.kind === 'hashicorp-vault') wanted.push({ index, reference });
      else results[index] = { ok: false, reason: 'it is not a HashiCorp Vault reference' };
    });
    if (wanted.length === 0) return results;

    let client: NonNullable<HashiCorpVaultSource['client']>;
    try {
      client = this.open();
      if (!(await this.confirm(client.address))) {
        const reason = `${client.display} is not one you confirmed: EnvGuard sends your Vault token only to an address you confirmed once`;
        for (const { index } of wanted) results[index] = { ok: false, reason, remedy: { kind: 'confirm-vault', vault: hashiCorpVaultKey(client.address) } };
        return results;
      }
    } catch (error) {
      const reason = error instanceof VaultError ? error.message : 'the Vault client could not be set up';
      for (const { index } of wanted) results[index] = { ok: false, reason };
      return results;
    }

    const now = this.options.now ?? Date.now;
    const ttl = this.options.cacheTtlMs ?? 60_000;
    const groups = new Map<string, { path: string; version?: string; items: typeof wanted }>();
    for (const item of wanted) {
      const cached = this.cache.get(cacheKey(client.address, item.reference));
      if (cached && cached.expires > now()) {
        results[item.index] = { ok: true, value: cached.value };
        continue;
      }
      const path = vaultPathOf(item.reference);
      const group = `${path}\u0000${item.reference.version ?? ''}`;
      const entry = groups.get(group) ?? { path, ...(item.reference.version ? { version: item.reference.version } : {}), items: [] };
      entry.items.push(item);
      groups.set(group, entry);
    }
    // One mount lookup per first segment goes first, so that fifty paths of one mount cost one lookup.
    const firsts = new Map<string, string>();
    for (const { path } of groups.values()) if (!firsts.has(path.split('/')[0]!)) firsts.set(path.split('/')[0]!, path);
    await Promise.all([...firsts.values()].map((path) => client.kv.mountOf(path).catch(() => undefined)));

    await mapBounded([...groups.values()], this.options.concurrency ?? 32, async ({ path, version, items }) => {
      let entry: KvEntry | KvDeleted | undefined;
      let failure: string | undefined;
      try {
        entry = await client.kv.read(path, version);
      } catch (error) {
        failure = error instanceof VaultError ? error.message : 'the Vault read failed';
      }
      for (const { index, reference } of items) {
        const result = failure !== undefined ? { ok: false as const, reason: failure } : await this.answer(client, reference, entry);
        if (result.ok && ttl > 0) this.cache.set(cacheKey(client.address, reference), { value: result.value, expires: now() + ttl });
        results[index] = result;
      }
    });
    return results;
  }

  /** Closes idle connections (a CLI process then exits at once). */
  close(): void {
    this.client?.http.close();
  }

  private open(): NonNullable<HashiCorpVaultSource['client']> {
    if (!this.client) {
      const http = new VaultHttp(this.options);
      const display = http.displayName;
      this.client = { http, kv: new KvClient(http, new VaultAuth(http, display, this.options), display), address: http.address, display };
    }
    return this.client;
  }

  private async confirm(address: string): Promise<boolean> {
    if (this.confirmed || !this.options.confirmVault) return true;
    this.confirmed = await this.options.confirmVault(address);
    return this.confirmed;
  }

  /** One reference's value from its path's entry, or why not (names the path and key, never a value). */
  private async answer(client: NonNullable<HashiCorpVaultSource['client']>, reference: HashiCorpVaultReference, entry: KvEntry | KvDeleted | undefined): Promise<ResolvedValue> {
    const path = vaultPathOf(reference);
    if (!entry) return { ok: false, reason: `${client.display} has nothing at ${path}${await this.dataHint(client, reference)}` };
    if ('deleted' in entry) return { ok: false, reason: `version ${entry.version} of ${path} in ${client.display} was ${entry.destroyed ? 'destroyed' : 'deleted'}` };
    const value = Object.prototype.hasOwnProperty.call(entry.data, reference.key) ? entry.data[reference.key] : undefined;
    if (value === undefined) return { ok: false, reason: `${path} in ${client.display} has no key ${reference.key}` };
    if (typeof value === 'string') return { ok: true, value };
    if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
    return { ok: false, reason: `the key ${reference.key} of ${path} in ${client.display} does not hold a string` };
  }

  /**
   * vals inserts `data/` after a KV v2 mount itself, so `ref+vault://secret/data/app` (vals' README's
   * old form) reads `secret/data/data/app`: say so when such a path is not found.
   */
  private async dataHint(client: NonNullable<HashiCorpVaultSource['client']>, reference: HashiCorpVaultReference): Promise<string> {
    const mount = await client.kv.mountOf(vaultPathOf(reference)).catch(() => undefined);
    if (mount?.version !== 2 || !vaultPathOf(reference).startsWith(`${mount.path}data/`)) return '';
    return ` (on a KV v2 mount, data/ is inserted after the mount, as vals does: write the path without data/)`;
  }
}

function cacheKey(address: string, reference: HashiCorpVaultReference): string {
  return `${address}\u0000${vaultPathOf(reference)}\u0000${reference.key}\u0000${reference.version ?? ''}`;
}
