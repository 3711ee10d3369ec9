import { DeleteSecretCommand, DescribeSecretCommand, RestoreSecretCommand, type DescribeSecretCommandOutput } from '@aws-sdk/client-secrets-manager';
import type { VaultReference } from '../../references';
import { mapBounded } from '../../map-bounded';
import { infoByReading, VaultError, type SecretInfo, type SecretRead as VaultRead, type SecretValue, type SecretWrite, type SetSecretOptions, type VaultNameRules, type VaultProvider } from '../types';
import { createSecretsManagerClient, regionOf, type AwsClientOptions } from './client';
import { editDocument } from './documents';
import { toAwsVaultError, type AwsOperation } from './errors';
import { awsNameRules, splitFieldName, type AwsLayout } from './names';
import { listSecrets } from './listing';
import { putOrCreate } from './per-key';
import { readSecrets, type RegionReader } from './reads';
import { awsVaultKey, formatAwsReference } from './reference';
import { MAX_SECRET_BYTES, valueOf, type SecretText } from './secret-text';
import { TAG_SOURCE_KEY, documentTags, tagsOf } from './tags';

/**
 * The default layout is one JSON secret per project and environment. A secret costs $0.40 a month
 * (1,000 keys one by one are $400 a month; an environment's document is $0.40), AWS's own guidance
 * keeps related fields (a database's user, password, host) in one JSON secret, and a launch reads
 * its environment in one request. The price: one SecretString holds at most 65,536 bytes (a few
 * hundred keys), and IAM grants and rotation apply to the document, not to a key; teams that need a
 * key-level grant choose `secret-per-key`.
 */
export const DEFAULT_AWS_LAYOUT: AwsLayout = 'json-per-environment';

export interface AwsSecretsManagerOptions extends AwsClientOptions {
  readonly layout?: AwsLayout;
  /** Write references pinned to the version just stored (default: versionless, rotation needs no edit). */
  readonly pinVersions?: boolean;
  /** Per request, the SDK's retries included. Default 30 s. */
  readonly timeoutMs?: number;
  /** Days a deleted secret can be restored (7 to 30, AWS's default 30). */
  readonly recoveryWindowDays?: number;
  /** The KMS key new secrets are encrypted with (default: the account's aws/secretsmanager key). */
  readonly kmsKeyId?: string;
}

/**
 * AWS Secrets Manager behind the core's VaultProvider, with the official SDK: its credential and
 * region chains, its retries (which back off on throttling); every failure a VaultError that says
 * what to do. Under the JSON layout a name `DOCUMENT#KEY` is a field of a document, and writes are
 * merged into the document without losing another writer's fields (./documents.ts).
 */
export class AwsSecretsManager implements VaultProvider {
  readonly kind = 'aws-secrets-manager' as const;
  readonly displayName: string;
  readonly names: VaultNameRules;
  readonly layout: AwsLayout;
  /** A value inside a JSON document shares the document's 65,536 bytes with its neighbours and their quoting. */
  readonly maxValueBytes: number;
  readonly versioned = true;
  readonly pinVersions: boolean;
  readonly writeConcurrency = 8;
  readonly region: string | undefined;
  readonly confirmationKey: string | undefined;
  private readonly reader: RegionReader;
  private readonly options: AwsSecretsManagerOptions;

  constructor(options: AwsSecretsManagerOptions) {
    this.options = options;
    this.layout = options.layout ?? DEFAULT_AWS_LAYOUT;
    this.names = awsNameRules(this.layout);
    this.maxValueBytes = this.layout === 'json-per-environment' ? 60_000 : MAX_SECRET_BYTES;
    this.pinVersions = options.pinVersions === true;
    this.region = options.region;
    this.confirmationKey = options.region ? awsVaultKey(options.region) : undefined;
    this.displayName = `AWS Secrets Manager${options.region ? ` (${options.region})` : ''}`;
    this.reader = { client: createSecretsManagerClient(options), vault: this.displayName, timeoutMs: options.timeoutMs ?? 30_000 };
  }

  /** A provider whose region is resolved first (the SDK's chain), so that messages and references name it. */
  static async open(options: AwsSecretsManagerOptions): Promise<AwsSecretsManager> {
    if (options.region) return new AwsSecretsManager(options);
    const probe = createSecretsManagerClient(options);
    try {
      return new AwsSecretsManager({ ...options, region: await regionOf(probe) });
    } catch (error) {
      throw toAwsVaultError(error, { verb: 'read', vault: 'AWS Secrets Manager' });
    } finally {
      probe.destroy();
    }
  }

  formatReference(name: string, version?: string): string {
    const { secret, field } = splitFieldName(name);
    return formatAwsReference({ secretId: secret, ...(this.region ? { region: this.region } : {}), ...(field ? { jsonKey: field } : {}), ...(version ? { versionId: version } : {}) });
  }

  ownsReference(reference: VaultReference): { name: string; version?: string } | undefined {
    if (reference.kind !== 'aws-secrets-manager' || reference.versionStage) return undefined;
    if (reference.region && this.region && reference.region !== this.region) return undefined;
    const arn = /^arn:[^:]+:secretsmanager:[^:]+:\d{12}:secret:(.+)-[A-Za-z0-9]{6}$/.exec(reference.secretId);
    const secret = arn ? arn[1]! : reference.secretId;
    const json = this.layout === 'json-per-environment';
    if (json !== (reference.jsonKey !== undefined) || reference.jsonKey?.includes('/')) return undefined;
    const name = reference.jsonKey ? `${secret}#${reference.jsonKey}` : secret;
    return reference.versionId ? { name, version: reference.versionId } : { name };
  }

  async get(name: string, version?: string): Promise<SecretValue> {
    const [answer] = await this.getMany([{ name, ...(version ? { version } : {}) }]);
    if (answer instanceof VaultError) throw answer;
    return answer!;
  }

  /** Values in batches of 20 (version reads singly), with each document's tags (DescribeSecret, once per secret). */
  async getMany(reads: readonly VaultRead[]): Promise<(SecretValue | VaultError)[]> {
    const parts = reads.map((r) => ({ ...splitFieldName(r.name), version: r.version }));
    const texts = await readSecrets(this.reader, parts.map((p) => ({ secretId: p.secret, ...(p.version ? { versionId: p.version } : {}) })));
    const found = [...new Set(parts.filter((_, i) => !(texts[i] instanceof VaultError)).map((p) => p.secret))];
    const described = new Map<string, DescribeSecretCommandOutput | VaultError>();
    await mapBounded(found, 8, async (secret) => { described.set(secret, await this.describe(secret).catch((e: unknown) => toAwsVaultError(e, this.op('describe', secret)))); });
    return parts.map((p, i) => {
      const text = texts[i]!;
      if (text instanceof VaultError) return text;
      const description = described.get(p.secret);
      if (description instanceof VaultError) return description;
      try {
        const value = valueOf(text, `${p.secret} in ${this.displayName}`, p.field);
        return { value, info: this.infoOf(reads[i]!.name, text, description, p.field) };
      } catch (error) {
        return error instanceof VaultError ? error : new VaultError('unknown', `${p.secret} could not be read`);
      }
    });
  }

  async set(name: string, value: string, options: SetSecretOptions = {}): Promise<SecretInfo> {
    const [info] = await this.setMany([{ name, value, options }]);
    return info!;
  }

  /**
   * Writes in order. Under the JSON layout the writes of one document become one new version (a
   * key written twice in a batch starts another version, so that each value is a version of its
   * own, the last one current); documents are written in parallel. Per key, a secret is created
   * (with its tags) or given a new version.
   */
  async setMany(writes: readonly SecretWrite[]): Promise<SecretInfo[]> {
    for (const w of writes) this.checkWrite(w.name, w.value);
    const infos = new Array<SecretInfo>(writes.length);
    const bySecret = new Map<string, number[]>();
    writes.forEach((w, i) => { const { secret } = splitFieldName(w.name); bySecret.set(secret, [...(bySecret.get(secret) ?? []), i]); });
    await mapBounded([...bySecret], 4, async ([secret, indexes]) => {
      if (this.layout === 'secret-per-key') {
        for (const i of indexes) {
          const tags = { ...(writes[i]!.options?.tags ?? {}) };
          const version = await putOrCreate(this.reader, secret, writes[i]!.value, tags, this.options.kmsKeyId);
          infos[i] = { name: secret, version, createdOn: new Date(), enabled: true, tags };
        }
        return;
      }
      for (const round of rounds(indexes, (i) => splitFieldName(writes[i]!.name).field!)) {
        const first = writes[round[0]!]!;
        const tags = documentTags(first.options?.tags ?? {});
        const fields = new Map(round.map((i) => [splitFieldName(writes[i]!.name).field!, writes[i]!.value] as [string, string]));
        const version = await editDocument(this.reader, secret, { fields, tags, ...(this.options.kmsKeyId ? { kmsKeyId: this.options.kmsKeyId } : {}) });
        for (const i of round) {
          const field = splitFieldName(writes[i]!.name).field!;
          infos[i] = { name: writes[i]!.name, version: version.versionId, createdOn: version.createdOn, enabled: true, tags: { ...tags, [TAG_SOURCE_KEY]: field } };
        }
      }
    });
    return infos;
  }

  info(name: string): Promise<SecretInfo | undefined> {
    return infoByReading(this.get(name));
  }

  /** Every secret's latest version, sorted by name; under the JSON layout, EnvGuard's documents field by field. */
  list(): Promise<SecretInfo[]> {
    return listSecrets(this.reader, this.layout);
  }

  /** A field leaves its document (a new version); a whole secret is scheduled for deletion, restorable during its recovery window. */
  async delete(name: string): Promise<void> {
    const { secret, field } = splitFieldName(name);
    if (field !== undefined) {
      await this.get(name); // not-found when the field is absent
      await editDocument(this.reader, secret, { fields: new Map([[field, undefined]]), tags: {} });
      return;
    }
    await this.call(this.op('delete', secret), (abortSignal) => this.reader.client.send(new DeleteSecretCommand({ SecretId: secret, RecoveryWindowInDays: this.options.recoveryWindowDays ?? 30 }), { abortSignal }));
  }

  /** RestoreSecret: what a 'deleted' refusal offers. A field's name restores its document. */
  async recover(name: string): Promise<void> {
    const { secret } = splitFieldName(name);
    await this.call(this.op('recover', secret), (abortSignal) => this.reader.client.send(new RestoreSecretCommand({ SecretId: secret }), { abortSignal }));
  }

  private checkWrite(name: string, value: string): void {
    if (!this.names.isValid(name)) throw new VaultError('invalid-name', `${name} is not a secret name for ${this.displayName} (${this.names.description})`);
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > this.maxValueBytes) throw new VaultError('too-large', `the value for ${name} is ${bytes} bytes; ${this.displayName} accepts at most ${this.maxValueBytes} bytes${this.layout === 'json-per-environment' ? ' in a JSON document' : ''}`);
  }

  private describe(secret: string): Promise<DescribeSecretCommandOutput> {
    return this.reader.client.send(new DescribeSecretCommand({ SecretId: secret }), { abortSignal: AbortSignal.timeout(this.reader.timeoutMs) });
  }

  private infoOf(name: string, text: SecretText, description: DescribeSecretCommandOutput | undefined, field: string | undefined): SecretInfo {
    const tags = tagsOf(description?.Tags);
    return {
      name, version: text.versionId, createdOn: text.createdOn, enabled: description?.DeletedDate === undefined,
      tags: field !== undefined ? { ...tags, [TAG_SOURCE_KEY]: field } : tags,
    };
  }

  private op(verb: AwsOperation['verb'], secret?: string): AwsOperation {
    return { verb, vault: this.displayName, ...(secret !== undefined ? { secret } : {}) };
  }

  private async call<T>(op: AwsOperation, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await run(AbortSignal.timeout(this.reader.timeoutMs));
    } catch (error) {
      throw toAwsVaultError(error, op);
    }
  }
}

/** Indexes split so that no round holds the same field twice (each value of a field its own version, in order). */
function rounds(indexes: readonly number[], fieldOf: (i: number) => string): number[][] {
  const out: number[][] = [];
  for (const i of indexes) {
    const field = fieldOf(i);
    const last = out.at(-1);
    if (last && !last.some((j) => fieldOf(j) === field)) last.push(i);
    else out.push([i]);
  }
  return out;
}
