import type { VaultReference } from '../../references';
import type { ResolvedValue, SecretSource } from '../../resolve';
import { VaultError } from '../types';
import { assertAllowedEndpoint, createSecretsManagerClient, regionOf, type AwsClientOptions, type AwsCredentialIdentity, type AwsCredentials } from './client';
import { toAwsVaultError } from './errors';
import { readKey, readSecrets, type RegionReader, type SecretRead } from './reads';
import { accountOf, awsVaultKey, describeAwsReference, type AwsSecretsManagerReference } from './reference';
import { valueOf, type SecretText } from './secret-text';

export interface AwsSourceOptions extends Omit<AwsClientOptions, 'credentials' | 'region'> {
  /** Called once, on the first reference that needs AWS; absent: the SDK's standard chain. */
  readonly credentials?: () => AwsCredentials;
  /** The region of references that name none; absent: the SDK's chain (AWS_REGION, the profile). */
  readonly region?: string;
  /** How long a secret read stays in memory (never on disk). Default 60 s; 0 turns the cache off. */
  readonly cacheTtlMs?: number;
  /** Per request, the SDK's retries included. Default 30 s. */
  readonly timeoutMs?: number;
  /** Clock for the cache (tests). */
  readonly now?: () => number;
  /**
   * Whether the user confirmed this region (and account, for an ARN) or does so now: the key is
   * awsVaultKey(region, account). A repository's references choose the region, and with an ARN the
   * account, whose secrets your identity reads; none is read before the user said yes once. The
   * endpoint is not the unit: it follows from the region and the user's own configuration.
   * Absent: every allowed endpoint is taken as confirmed (the caller checked).
   */
  readonly confirmVault?: (vault: string) => Promise<boolean>;
}

interface Cached { readonly secret: SecretText; readonly expires: number }

interface Pending { readonly index: number; readonly reference: AwsSecretsManagerReference; readonly read: SecretRead }

/**
 * Resolves AWS Secrets Manager references: one client per region, the endpoint checked against the
 * allow-list before anything else, the region (and account) confirmed by the user, current
 * versions read in batches of 20 (./reads.ts), versions by stage or id singly, identical secrets
 * read once whatever their JSON keys, and secrets kept in memory for a short time.
 */
export class AwsSecretSource implements SecretSource {
  readonly name = 'AWS Secrets Manager';
  private readonly readers = new Map<string, RegionReader>();
  private readonly cache = new Map<string, Cached>();
  private readonly confirmed = new Set<string>();
  private credentials: AwsCredentials | undefined;
  private defaultRegion: Promise<string> | undefined;

  constructor(private readonly options: AwsSourceOptions) {}

  canResolve(reference: VaultReference): boolean {
    return reference.kind === 'aws-secrets-manager';
  }

  async resolve(references: readonly VaultReference[]): Promise<ResolvedValue[]> {
    const results = new Array<ResolvedValue>(references.length);
    const byRegion = new Map<string, { index: number; reference: AwsSecretsManagerReference }[]>();
    for (const [index, reference] of references.entries()) {
      if (reference.kind !== 'aws-secrets-manager') {
        results[index] = { ok: false, reason: 'it is not an AWS Secrets Manager reference' };
        continue;
      }
      const region = reference.region ?? (await this.regionOrFailure());
      if (typeof region !== 'string') {
        results[index] = region;
        continue;
      }
      byRegion.set(region, [...(byRegion.get(region) ?? []), { index, reference }]);
    }
    // Checks and questions one region at a time (a user answers one dialog at a time); then every region's reads at once.
    const admitted: [string, Pending[]][] = [];
    for (const [region, items] of byRegion) admitted.push([region, await this.admit(region, items, results)]);
    await Promise.all(admitted.map(([region, pending]) => this.read(region, pending, results)));
    return results;
  }

  /** The references of one region that may be read: its endpoint allowed (checked before any request or question), its region and accounts confirmed, not cached. */
  private async admit(region: string, items: readonly { index: number; reference: AwsSecretsManagerReference }[], results: ResolvedValue[]): Promise<Pending[]> {
    const reader = this.readerFor(region);
    try {
      await assertAllowedEndpoint(reader.client, this.options.allowedHosts ?? []);
    } catch (error) {
      const reason = toAwsVaultError(error, { verb: 'read', vault: reader.vault }).message;
      for (const { index } of items) results[index] = { ok: false, reason };
      return [];
    }
    const now = this.options.now ?? Date.now;
    const refused = await this.unconfirmed(items.map((item) => awsVaultKey(region, accountOf(item.reference))));
    const pending: Pending[] = [];
    for (const item of items) {
      const vault = awsVaultKey(region, accountOf(item.reference));
      if (refused.has(vault)) {
        results[item.index] = { ok: false, reason: `AWS Secrets Manager ${vault.slice('aws-secrets-manager:'.length)} is not one you confirmed: EnvGuard uses your AWS credentials only for regions and accounts you confirmed once`, remedy: { kind: 'confirm-vault', vault } };
        continue;
      }
      const read: SecretRead = {
        secretId: item.reference.secretId,
        ...(item.reference.versionStage ? { versionStage: item.reference.versionStage } : {}),
        ...(item.reference.versionId ? { versionId: item.reference.versionId } : {}),
      };
      const cached = this.cache.get(`${region}\u0000${readKey(read)}`);
      if (cached && cached.expires > now()) results[item.index] = this.answer(cached.secret, item.reference, region);
      else pending.push({ ...item, read });
    }
    return pending;
  }

  private async read(region: string, pending: readonly Pending[], results: ResolvedValue[]): Promise<void> {
    if (pending.length === 0) return;
    const now = this.options.now ?? Date.now;
    const ttl = this.options.cacheTtlMs ?? 60_000;
    const answers = await readSecrets(this.readerFor(region), pending.map((p) => p.read));
    pending.forEach(({ index, reference, read }, i) => {
      const answer = answers[i]!;
      if (answer instanceof VaultError) {
        results[index] = { ok: false, reason: answer.message };
        return;
      }
      if (ttl > 0) this.cache.set(`${region}\u0000${readKey(read)}`, { secret: answer, expires: now() + ttl });
      results[index] = this.answer(answer, reference, region);
    });
  }

  /** The value a reference asks for; a failure names the secret and its region (the one resolved), never the value. */
  private answer(secret: SecretText, reference: AwsSecretsManagerReference, region: string): ResolvedValue {
    try {
      return { ok: true, value: valueOf(secret, describeAwsReference({ ...reference, region, jsonKey: undefined }), reference.jsonKey) };
    } catch (error) {
      return { ok: false, reason: error instanceof VaultError ? error.message : 'the secret could not be read' };
    }
  }

  /** Of these regions (and accounts), the ones the user does not confirm: each asked once (a refusal is asked again next time). */
  private async unconfirmed(vaults: readonly string[]): Promise<Set<string>> {
    const refused = new Set<string>();
    const confirm = this.options.confirmVault;
    if (!confirm) return refused;
    for (const vault of new Set(vaults)) {
      if (this.confirmed.has(vault)) continue;
      if (await confirm(vault)) this.confirmed.add(vault);
      else refused.add(vault);
    }
    return refused;
  }

  /** The SDK's default region, resolved once; a failure for every reference without a region when none is configured. */
  private async regionOrFailure(): Promise<string | ResolvedValue> {
    if (this.options.region) return this.options.region;
    this.defaultRegion ??= (async () => {
      const probe = createSecretsManagerClient({ ...this.clientOptions() });
      try {
        return await regionOf(probe);
      } finally {
        probe.destroy();
      }
    })();
    try {
      return await this.defaultRegion;
    } catch (error) {
      this.defaultRegion = undefined;
      return { ok: false, reason: toAwsVaultError(error, { verb: 'read', vault: 'AWS Secrets Manager' }).message };
    }
  }

  private readerFor(region: string): RegionReader {
    let reader = this.readers.get(region);
    if (!reader) {
      reader = {
        client: createSecretsManagerClient({ ...this.clientOptions(), region, ...(this.options.credentials ? { credentials: () => this.credentialIdentity() } : {}) }),
        vault: `AWS Secrets Manager (${region})`,
        timeoutMs: this.options.timeoutMs ?? 30_000,
      };
      this.readers.set(region, reader);
    }
    return reader;
  }

  /** The caller's credentials, asked for once and only when a request is about to be signed (a refused host asks nothing). */
  private async credentialIdentity(): Promise<AwsCredentialIdentity> {
    this.credentials ??= this.options.credentials!();
    const credentials = this.credentials;
    return typeof credentials === 'function' ? credentials() : credentials;
  }

  private clientOptions(): AwsClientOptions {
    const { profile, endpoint, allowedHosts, requestHandler, maxAttempts } = this.options;
    return {
      ...(profile ? { profile } : {}), ...(endpoint ? { endpoint } : {}), ...(allowedHosts ? { allowedHosts } : {}),
      ...(requestHandler ? { requestHandler } : {}), ...(maxAttempts ? { maxAttempts } : {}),
    };
  }
}
