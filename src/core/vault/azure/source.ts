import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { SecretClientOptions } from '@azure/keyvault-secrets';
import type { VaultReference } from '../../references';
import type { AzureKeyVaultReference } from './kind';
import type { ResolvedValue, SecretSource } from '../../resolve';
import { VaultError } from '../types';
import { mapBounded } from '../../map-bounded';
import { AzureKeyVault } from './azure-key-vault';
import { hostRefusal, isAllowedVaultHost, KEY_VAULT_DOMAINS } from './hosts';

export interface AzureSourceOptions {
  /** Called once, on the first reference that needs a vault (a file without any needs no sign-in). */
  readonly credential: () => TokenCredential;
  readonly allowedHosts?: readonly string[];
  /** How long a resolved value stays in memory (never on disk). Default 60 s; 0 turns the cache off. */
  readonly cacheTtlMs?: number;
  /** Reads in flight at once, across vaults. Default 64: fifty references resolve in one round trip. */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly clientOptions?: SecretClientOptions;
  /** Clock for the cache (tests). */
  readonly now?: () => number;
  /**
   * The tenant the vaults are expected in (AZURE_TENANT_ID, the extension's tenant setting). When
   * known, the token is requested at once, in parallel with Key Vault's challenge round trip,
   * instead of after it; a challenge naming another tenant still gets its own token.
   */
  readonly tenantId?: string;
  /**
   * Whether the user confirmed this vault (or does so now): a repository's env file or launch
   * configuration names vaults, and none of them gets a token before the user said yes once.
   * Absent: every allowed host is taken as confirmed (the caller checked).
   */
  readonly confirmVault?: (vaultUrl: string) => Promise<boolean>;
}

/** A cached value, and when it stops being used. */
interface Cached { readonly value: string; readonly expires: number }

/**
 * Resolves Azure Key Vault references: every host checked against the allow-list before any
 * request, one client (one token) per vault, reads in parallel up to a bound, identical references
 * read once, and values kept in memory for a short time so that a second launch is instant.
 */
export class AzureSecretSource implements SecretSource {
  readonly name = 'Azure Key Vault';
  private readonly vaults = new Map<string, AzureKeyVault>();
  private readonly cache = new Map<string, Cached>();
  private credential: SharedTokenCredential | undefined;
  /** Vaults the user confirmed, asked once each (a refusal is asked again next time). */
  private readonly confirmed = new Set<string>();

  constructor(private readonly options: AzureSourceOptions) {}

  canResolve(reference: VaultReference): boolean {
    return reference.kind === 'azure-keyvault';
  }

  async resolve(references: readonly VaultReference[]): Promise<ResolvedValue[]> {
    const unconfirmed = await this.unconfirmedVaults(references);
    const now = this.options.now ?? Date.now;
    const ttl = this.options.cacheTtlMs ?? 60_000;
    const results: ResolvedValue[] = new Array<ResolvedValue>(references.length);
    const pending = new Map<string, { reference: AzureKeyVaultReference; indexes: number[] }>();
    references.forEach((reference, index) => {
      if (reference.kind !== 'azure-keyvault') {
        results[index] = { ok: false, reason: 'it is not an Azure Key Vault reference' };
        return;
      }
      if (!isAllowedVaultHost(reference.host, this.options.allowedHosts)) {
        results[index] = { ok: false, reason: hostRefusal(reference.host) }; // refused before any request
        return;
      }
      if (unconfirmed.has(reference.vaultUrl.toLowerCase())) {
        const vault = reference.vaultUrl.toLowerCase();
        results[index] = { ok: false, reason: `Azure Key Vault ${vault} is not one you confirmed: EnvGuard sends your credentials only to vaults you confirmed once`, remedy: { kind: 'confirm-vault', vault } };
        return;
      }
      const key = cacheKey(reference);
      const cached = this.cache.get(key);
      if (cached && cached.expires > now()) {
        results[index] = { ok: true, value: cached.value };
        return;
      }
      const entry = pending.get(key) ?? { reference, indexes: [] };
      entry.indexes.push(index);
      pending.set(key, entry);
    });

    const read = async ([key, { reference, indexes }]: (typeof work)[number]): Promise<void> => {
      const result = await this.readOne(reference);
      if (result.ok && ttl > 0) this.cache.set(key, { value: result.value, expires: now() + ttl });
      for (const index of indexes) results[index] = result;
    };
    // A new client meets Key Vault's challenge on its first request. One request per new vault goes
    // first; the others follow the moment it is resent with its token (the client then knows the
    // challenge, and the token, fetched meanwhile when the tenant is known, is shared): about two
    // round trips in all, and one 401 per vault instead of one per request.
    const work = [...pending.entries()];
    const firstReads: Promise<void>[] = [];
    const openers: Promise<void>[] = [];
    const opening = new Set<string>();
    const rest: typeof work = [];
    for (const item of work) {
      const vaultUrl = item[1].reference.vaultUrl.toLowerCase();
      if (this.vaults.has(vaultUrl) || opening.has(vaultUrl)) {
        rest.push(item);
        continue;
      }
      opening.add(vaultUrl);
      const first = read(item);
      firstReads.push(first);
      const authorized = this.authorizedSignal(item[1].reference.vaultUrl);
      openers.push(authorized ? Promise.race([first, authorized]) : first);
    }
    await Promise.all(openers);
    await Promise.all([...firstReads, mapBounded(rest, this.options.concurrency ?? 64, read)]);
    return results;
  }

  /** The allowed vaults of these references that the user has not confirmed (asked once per vault, before any request). */
  private async unconfirmedVaults(references: readonly VaultReference[]): Promise<Set<string>> {
    const refused = new Set<string>();
    const confirm = this.options.confirmVault;
    if (!confirm) return refused;
    const vaults = new Set(references.flatMap((r) => (r.kind === 'azure-keyvault' && isAllowedVaultHost(r.host, this.options.allowedHosts) ? [r.vaultUrl.toLowerCase()] : [])));
    for (const vault of vaults) {
      if (this.confirmed.has(vault)) continue;
      if (await confirm(vault)) this.confirmed.add(vault);
      else refused.add(vault);
    }
    return refused;
  }

  private async readOne(reference: AzureKeyVaultReference): Promise<ResolvedValue> {
    try {
      const vault = this.vaultFor(reference.vaultUrl);
      const { value } = await vault.get(reference.secretName, reference.version);
      return { ok: true, value };
    } catch (error) {
      // VaultError messages are written to carry no value (the SDK's own texts are never passed on).
      return { ok: false, reason: error instanceof VaultError ? error.message : 'the vault read failed' };
    }
  }

  /** The moment a vault's client first sends an authorized request (undefined if it cannot be opened). */
  private authorizedSignal(vaultUrl: string): Promise<void> | undefined {
    try {
      return this.vaultFor(vaultUrl).authorized;
    } catch {
      return undefined;
    }
  }

  private vaultFor(vaultUrl: string): AzureKeyVault {
    const key = vaultUrl.toLowerCase();
    let vault = this.vaults.get(key);
    if (!vault) {
      this.credential ??= sharedTokenCredential(this.options.credential());
      const scope = keyVaultScope(new URL(vaultUrl).hostname);
      if (this.options.tenantId && scope) void this.credential.prefetch(scope, this.options.tenantId);
      vault = new AzureKeyVault({
        vault: vaultUrl,
        credential: this.credential,
        ...(this.options.allowedHosts ? { allowedHosts: this.options.allowedHosts } : {}),
        ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
        ...(this.options.clientOptions ? { clientOptions: this.options.clientOptions } : {}),
      });
      this.vaults.set(key, vault);
    }
    return vault;
  }
}

/**
 * Every request of a new client meets Key Vault's challenge and asks for a token at once: this
 * shares one request for the same scopes and tenant, and reuses the token until shortly before it
 * expires, so fifty parallel reads cost one sign-in.
 */
interface SharedTokenCredential extends TokenCredential {
  /** Starts fetching a token without being asked by a client (errors are left for the real ask). */
  prefetch(scope: string, tenantId: string): Promise<void>;
}

function sharedTokenCredential(inner: TokenCredential): SharedTokenCredential {
  const tokens = new Map<string, Promise<AccessToken | null>>();
  const get = async (scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => {
    const key = `${[scopes].flat().join(' ')}\u0000${options?.tenantId ?? ''}`;
    const existing = tokens.get(key);
    if (existing) {
      const token = await existing.catch(() => null);
      if (token && token.expiresOnTimestamp - Date.now() > 5 * 60_000) return token;
    }
    const pending = inner.getToken(scopes, options);
    tokens.set(key, pending);
    pending.catch(() => tokens.delete(key));
    return pending;
  };
  return {
    getToken: get,
    async prefetch(scope, tenantId) {
      await get(scope, { tenantId }).catch(() => undefined);
    },
  };
}

/** The token scope Key Vault's challenge will ask for, by cloud; undefined for other hosts. */
function keyVaultScope(host: string): string | undefined {
  const domain = KEY_VAULT_DOMAINS.find((d) => host.toLowerCase().endsWith(`.${d}`));
  return domain ? `https://${domain}/.default` : undefined;
}

function cacheKey(reference: AzureKeyVaultReference): string {
  return `${new URL(reference.vaultUrl).host.toLowerCase()}\u0000${reference.secretName.toLowerCase()}\u0000${reference.version ?? ''}`;
}
