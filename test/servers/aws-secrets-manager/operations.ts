/**
 * The Secrets Manager operations the product needs, with the inputs, outputs and errors of the
 * service's model (botocore's secretsmanager 2017-10-17 service-2.json) and documentation. Dates are
 * epoch seconds (JSON 1.1 timestamps); binary values travel as base64.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, decryptionFailure, invalidParameter, notFound, validation } from './errors';
import { AWSCURRENT, type Secret, type SecretStore, type SecretValue, type Tag, type Version } from './store';

export type Input = Record<string, unknown>;
export type Output = Record<string, unknown>;

export interface OperationContext {
  readonly store: SecretStore;
  /** Throws AccessDeniedException when a deny rule covers the action (and the secret, once known). */
  readonly authorize: (action: string, secret?: Secret) => void;
  /** The most results one page of a list holds here (the service may return fewer than MaxResults). */
  readonly pageSize: number;
}

type Operation = (input: Input, context: OperationContext) => Output;

const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const MAX_VALUE_BYTES = 65536;
const BATCH_LIMIT = 20;

export const OPERATIONS: Record<string, Operation> = {
  CreateSecret(input, { store, authorize }) {
    authorize('CreateSecret');
    const name = requiredString(input, 'Name');
    if (!NAME.test(name)) throw new AwsError('ValidationException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!', 400, 'lower');
    const token = requestToken(input);
    const value = secretValue(input, false);
    const existing = store.find(name);
    if (existing && existing.deletionDate === undefined) {
      const same = token !== undefined && value !== undefined && existing.versions.some((v) => v.id === token && sameValue(v.value, value));
      if (!same) throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
      return { ARN: existing.arn, Name: existing.name, VersionId: token };
    }
    const secret = store.create(name);
    if (typeof input.Description === 'string') secret.description = input.Description;
    if (typeof input.KmsKeyId === 'string') secret.kmsKeyId = input.KmsKeyId; // opaque: any key id is accepted
    secret.tags = mergeTags([], tagsOf(input, false));
    const version = value === undefined ? undefined : store.addVersion(secret, token, value, undefined);
    return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.id } : {}) };
  },

  PutSecretValue(input, { store, authorize }) {
    authorize('PutSecretValue');
    const secret = store.get(requiredString(input, 'SecretId'));
    authorize('PutSecretValue', secret);
    const value = secretValue(input, true)!;
    const token = requestToken(input);
    const stages = stagesOf(input);
    const existing = token === undefined ? undefined : secret.versions.find((v) => v.id === token);
    if (existing) {
      if (!sameValue(existing.value, value)) throw new AwsError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
      return { ARN: secret.arn, Name: secret.name, VersionId: existing.id, VersionStages: [...existing.stages] };
    }
    const version = store.addVersion(secret, token, value, stages);
    return { ARN: secret.arn, Name: secret.name, VersionId: version.id, VersionStages: [...version.stages] };
  },

  GetSecretValue(input, { store, authorize }) {
    authorize('GetSecretValue');
    const secret = store.get(requiredString(input, 'SecretId'));
    authorize('GetSecretValue', secret);
    return valueEntry(store, secret, optionalString(input, 'VersionId'), optionalString(input, 'VersionStage'));
  },

  BatchGetSecretValue(input, context) {
    const { store, authorize } = context;
    authorize('BatchGetSecretValue');
    const ids = input.SecretIdList;
    const filters = input.Filters;
    if ((ids === undefined) === (filters === undefined)) throw invalidParameter('You must include Filters or SecretIdList, but not both.');
    if (ids !== undefined) {
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw validation('secretIdList', 'Member must be a list of strings');
      if (ids.length < 1 || ids.length > BATCH_LIMIT) throw validation('secretIdList', `Member must have length less than or equal to ${BATCH_LIMIT}`);
      if (input.MaxResults !== undefined) throw invalidParameter('MaxResults can only be used with Filters.');
      return collectValues(context, (ids as string[]).map((id) => ({ id, find: () => store.get(id) })));
    }
    authorize('ListSecrets');
    const matching = store.all().filter((s) => s.deletionDate === undefined && matchesFilters(s, filters));
    const { items, next } = page(matching, input, Math.min(context.pageSize, BATCH_LIMIT), BATCH_LIMIT);
    return { ...collectValues(context, items.map((s) => ({ id: s.name, find: () => s }))), ...(next ? { NextToken: next } : {}) };
  },

  DescribeSecret(input, { store, authorize }) {
    authorize('DescribeSecret');
    const secret = store.get(requiredString(input, 'SecretId'), { evenIfDeleted: true });
    authorize('DescribeSecret', secret);
    return { ...metadataOf(secret), VersionIdsToStages: stagesMap(secret) };
  },

  ListSecrets(input, context) {
    context.authorize('ListSecrets');
    const include = input.IncludePlannedDeletion === true;
    const secrets = sortSecrets(context.store.all().filter((s) => (include || s.deletionDate === undefined) && matchesFilters(s, input.Filters)), input);
    const { items, next } = page(secrets, input, context.pageSize, 100);
    return { SecretList: items.map((s) => ({ ...metadataOf(s), SecretVersionsToStages: stagesMap(s) })), ...(next ? { NextToken: next } : {}) };
  },

  ListSecretVersionIds(input, context) {
    context.authorize('ListSecretVersionIds');
    const secret = context.store.get(requiredString(input, 'SecretId'), { evenIfDeleted: true });
    context.authorize('ListSecretVersionIds', secret);
    const versions = [...secret.versions].reverse().filter((v) => input.IncludeDeprecated === true || v.stages.size > 0);
    const { items, next } = page(versions, input, context.pageSize, 100);
    return {
      Versions: items.map((v) => ({ VersionId: v.id, VersionStages: [...v.stages], CreatedDate: seconds(v.created), KmsKeyIds: [secret.kmsKeyId ?? 'DefaultEncryptionKey'], ...(v.lastAccessed !== undefined ? { LastAccessedDate: seconds(v.lastAccessed) } : {}) })),
      ARN: secret.arn,
      Name: secret.name,
      ...(next ? { NextToken: next } : {}),
    };
  },

  UpdateSecretVersionStage(input, { store, authorize }) {
    authorize('UpdateSecretVersionStage');
    const secret = store.get(requiredString(input, 'SecretId'));
    authorize('UpdateSecretVersionStage', secret);
    store.updateLabel(secret, requiredString(input, 'VersionStage'), optionalString(input, 'RemoveFromVersionId'), optionalString(input, 'MoveToVersionId'));
    return { ARN: secret.arn, Name: secret.name };
  },

  DeleteSecret(input, { store, authorize }) {
    authorize('DeleteSecret');
    const id = requiredString(input, 'SecretId');
    const force = input.ForceDeleteWithoutRecovery === true;
    const window = input.RecoveryWindowInDays;
    if (force && window !== undefined) throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    if (force) {
      // Forcing the deletion of a secret that does not exist (any more) is not an error.
      const secret = store.find(id);
      if (!secret) return { ...(id.startsWith('arn:') ? { ARN: id } : { Name: id }), DeletionDate: seconds(store.now()) };
      authorize('DeleteSecret', secret);
      store.remove(secret);
      return { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(store.now()) };
    }
    const days = window ?? 30;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 7 || days > 30) throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    const secret = store.get(id);
    authorize('DeleteSecret', secret);
    store.scheduleDeletion(secret, days);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(secret.deletionDate!) };
  },

  RestoreSecret(input, { store, authorize }) {
    authorize('RestoreSecret');
    const secret = store.get(requiredString(input, 'SecretId'), { evenIfDeleted: true });
    authorize('RestoreSecret', secret);
    delete secret.deletionDate;
    secret.lastChanged = store.now();
    return { ARN: secret.arn, Name: secret.name };
  },

  TagResource(input, { store, authorize }) {
    authorize('TagResource');
    const secret = store.get(requiredString(input, 'SecretId'));
    authorize('TagResource', secret);
    secret.tags = mergeTags(secret.tags, tagsOf(input, true));
    secret.lastChanged = store.now();
    return {};
  },
};

function valueEntry(store: SecretStore, secret: Secret, versionId: string | undefined, stage: string | undefined): Output {
  const version = versionFor(secret, versionId, stage);
  if (secret.undecryptable) throw decryptionFailure();
  const day = startOfDay(store.now());
  secret.lastAccessed = day;
  version.lastAccessed = day;
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.id,
    ...(version.value.string !== undefined ? { SecretString: version.value.string } : { SecretBinary: version.value.binary!.toString('base64') }),
    VersionStages: [...version.stages],
    CreatedDate: seconds(version.created),
  };
}

function versionFor(secret: Secret, versionId: string | undefined, stage: string | undefined): Version {
  if (versionId !== undefined) {
    const version = secret.versions.find((v) => v.id === versionId);
    if (!version) throw notFound(` value for VersionId: ${versionId}`);
    if (stage !== undefined && !version.stages.has(stage)) throw notFound(` value for VersionId: ${versionId} and staging label: ${stage}`);
    return version;
  }
  const label = stage ?? AWSCURRENT;
  const version = secret.versions.find((v) => v.stages.has(label));
  if (!version) throw notFound(` value for staging label: ${label}`);
  return version;
}

/** Each secret read as GetSecretValue would; what fails goes to Errors with its code, the rest to SecretValues. */
function collectValues(context: OperationContext, wanted: { id: string; find: () => Secret }[]): Output {
  const values: Output[] = [];
  const errors: Output[] = [];
  for (const { id, find } of wanted) {
    try {
      const secret = find();
      context.authorize('GetSecretValue', secret);
      values.push(valueEntry(context.store, secret, undefined, undefined));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      errors.push({ SecretId: id, ErrorCode: error.code, Message: error.message });
    }
  }
  return { SecretValues: values, Errors: errors };
}

function metadataOf(secret: Secret): Output {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    LastChangedDate: seconds(secret.lastChanged),
    ...(secret.lastAccessed !== undefined ? { LastAccessedDate: seconds(secret.lastAccessed) } : {}),
    ...(secret.deletionDate !== undefined ? { DeletedDate: seconds(secret.deletionDate) } : {}),
    ...(secret.tags.length > 0 ? { Tags: secret.tags } : {}),
    CreatedDate: seconds(secret.created),
  };
}

/** Version id → labels, for the versions that have labels (deprecated ones are left out). */
function stagesMap(secret: Secret): Record<string, string[]> {
  return Object.fromEntries(secret.versions.filter((v) => v.stages.size > 0).map((v) => [v.id, [...v.stages]]));
}

/** ListSecrets' and BatchGetSecretValue's filters: every filter must match; within one, any value (a "!" value must not). */
function matchesFilters(secret: Secret, filters: unknown): boolean {
  if (filters === undefined) return true;
  if (!Array.isArray(filters)) throw validation('filters', 'Member must be a list');
  return filters.every((filter: { Key?: unknown; Values?: unknown }) => {
    const values = Array.isArray(filter.Values) ? (filter.Values as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    const positive = values.filter((v) => !v.startsWith('!'));
    const negative = values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
    const test = (value: string): boolean => filterMatches(secret, String(filter.Key), value);
    return (positive.length === 0 || positive.some(test)) && !negative.some(test);
  });
}

function filterMatches(secret: Secret, key: string, value: string): boolean {
  switch (key) {
    case 'name': return secret.name.startsWith(value);
    case 'description': return (secret.description ?? '').toLowerCase().startsWith(value.toLowerCase());
    case 'tag-key': return secret.tags.some((t) => t.Key.startsWith(value));
    case 'tag-value': return secret.tags.some((t) => t.Value.startsWith(value));
    case 'primary-region': case 'owning-service': return false; // no replicated or service-owned secrets here
    case 'all': {
      const words = [secret.name, secret.description ?? '', ...secret.tags.flatMap((t) => [t.Key, t.Value])].flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w !== '');
      return value.toLowerCase().split(/\s+/).filter((w) => w !== '').every((w) => words.some((word) => word.startsWith(w)));
    }
    default: throw validation('filters.member.key', "Member must satisfy enum value set: [all, name, tag-key, description, tag-value, owning-service, primary-region]");
  }
}

function sortSecrets(secrets: Secret[], input: Input): Secret[] {
  const by = input.SortBy ?? 'created-date';
  const key = (s: Secret): number | string => by === 'name' ? s.name : by === 'last-changed-date' ? s.lastChanged : by === 'last-accessed-date' ? (s.lastAccessed ?? 0) : s.created;
  const sorted = [...secrets].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return input.SortOrder === 'desc' ? sorted.reverse() : sorted;
}

/** A page of at most MaxResults (and at most this server's page size) with an opaque NextToken. */
function page<T>(items: T[], input: Input, pageSize: number, maxResults: number): { items: T[]; next?: string } {
  const requested = input.MaxResults;
  if (requested !== undefined && (typeof requested !== 'number' || requested < 1 || requested > maxResults)) {
    throw validation('maxResults', `Member must have value less than or equal to ${maxResults}`);
  }
  let start = 0;
  if (input.NextToken !== undefined) {
    const decoded = Number(Buffer.from(typeof input.NextToken === 'string' ? input.NextToken : '', 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > items.length) throw new AwsError('InvalidNextTokenException', 'The NextToken value is invalid.');
    start = decoded;
  }
  const size = Math.min(typeof requested === 'number' ? requested : maxResults, pageSize);
  const end = start + size;
  return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(`offset:${end}`).toString('base64url') } : {}) };
}

function secretValue(input: Input, required: boolean): SecretValue | undefined {
  const { SecretString: text, SecretBinary: binary } = input;
  if (text !== undefined && binary !== undefined) throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (text === undefined && binary === undefined) {
    if (required) throw invalidParameter('You must provide either SecretString or SecretBinary.');
    return undefined;
  }
  if (text !== undefined) {
    if (typeof text !== 'string') throw validation('secretString', 'Member must be a string');
    if (text.length === 0 || Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES) throw validation('secretString', `Member must have length less than or equal to ${MAX_VALUE_BYTES}`);
    return { string: text };
  }
  if (typeof binary !== 'string') throw validation('secretBinary', 'Member must be a blob');
  const bytes = Buffer.from(binary, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_VALUE_BYTES) throw validation('secretBinary', `Member must have length less than or equal to ${MAX_VALUE_BYTES}`);
  return { binary: bytes };
}

function sameValue(a: SecretValue, b: SecretValue): boolean {
  return a.string === b.string && (a.binary === undefined ? b.binary === undefined : b.binary !== undefined && a.binary.equals(b.binary));
}

/** ClientRequestToken becomes the new version's id; the SDKs and the CLI fill it in (a UUID). */
function requestToken(input: Input): string | undefined {
  const token = optionalString(input, 'ClientRequestToken');
  if (token !== undefined && (token.length < 32 || token.length > 64)) throw validation('clientRequestToken', 'Member must have length greater than or equal to 32');
  return token ?? randomUUID();
}

function stagesOf(input: Input): string[] | undefined {
  const stages = input.VersionStages;
  if (stages === undefined) return undefined;
  if (!Array.isArray(stages) || stages.length < 1 || stages.length > 20 || stages.some((s) => typeof s !== 'string' || s.length < 1 || s.length > 256)) {
    throw validation('versionStages', 'Member must have length less than or equal to 20');
  }
  return stages as string[];
}

function tagsOf(input: Input, required: boolean): Tag[] {
  const tags = input.Tags;
  if (tags === undefined && !required) return [];
  if (!Array.isArray(tags) || tags.some((t: { Key?: unknown; Value?: unknown }) => typeof t?.Key !== 'string' || typeof t.Value !== 'string')) {
    throw validation('tags', 'Member must be a list of {Key, Value}');
  }
  return (tags as Tag[]).map((t) => ({ Key: t.Key, Value: t.Value }));
}

/** Tags are appended; a key already present takes the new value. */
function mergeTags(current: Tag[], added: Tag[]): Tag[] {
  const merged = new Map(current.map((t) => [t.Key, t.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null) throw validation(lowerFirst(name), 'Member must not be null');
  if (typeof value !== 'string' || value.length === 0) throw validation(lowerFirst(name), 'Member must have length greater than or equal to 1');
  return value;
}

function optionalString(input: Input, name: string): string | undefined {
  return input[name] === undefined ? undefined : requiredString(input, name);
}

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

function seconds(ms: number): number {
  return ms / 1000;
}

/** Secrets Manager records access dates to the day. */
function startOfDay(ms: number): number {
  return ms - (ms % 86_400_000);
}
