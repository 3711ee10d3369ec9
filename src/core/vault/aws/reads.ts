import { BatchGetSecretValueCommand, GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mapBounded } from '../../map-bounded';
import { VaultError } from '../types';
import { fromBatchErrorCode, toAwsVaultError } from './errors';
import type { SecretText } from './secret-text';

/** BatchGetSecretValue's documented limit for SecretIdList. */
export const BATCH_LIMIT = 20;
/** Requests in flight at once per region: fifty references are three batches, sent together. */
const PARALLEL = 8;

export interface SecretRead {
  /** A name or an ARN (full or partial). */
  readonly secretId: string;
  readonly versionStage?: string;
  readonly versionId?: string;
}

/** One region's client, and what it learnt: whether IAM denies the batch action to this identity. */
export interface RegionReader {
  readonly client: SecretsManagerClient;
  /** "AWS Secrets Manager (us-east-1)", for messages. */
  readonly vault: string;
  readonly timeoutMs: number;
  batchDenied?: boolean;
}

export function readKey(read: SecretRead): string {
  return `${read.secretId}\u0000${read.versionStage ?? ''}\u0000${read.versionId ?? ''}`;
}

/**
 * Reads secrets: the current versions in batches of 20 (BatchGetSecretValue), each secret's own
 * error from the reply's `Errors`; where IAM denies the batch action (AccessDeniedException on the
 * call), single GetSecretValue reads, from then on. Versions asked by stage or id are read singly
 * (the batch reads AWSCURRENT only). Identical reads are made once. Results in the reads' order.
 */
export async function readSecrets(reader: RegionReader, reads: readonly SecretRead[]): Promise<(SecretText | VaultError)[]> {
  const unique = new Map<string, SecretRead>();
  for (const read of reads) unique.set(readKey(read), read);
  const answers = new Map<string, SecretText | VaultError>();
  const current = [...unique.values()].filter((r) => !r.versionStage && !r.versionId);
  const versioned = [...unique.values()].filter((r) => r.versionStage || r.versionId);
  const chunks: SecretRead[][] = [];
  for (let i = 0; i < current.length; i += BATCH_LIMIT) chunks.push(current.slice(i, i + BATCH_LIMIT));
  await Promise.all([
    mapBounded(chunks, PARALLEL, async (chunk) => {
      const results = reader.batchDenied || chunk.length === 1 ? await readSingly(reader, chunk) : await readBatch(reader, chunk);
      chunk.forEach((read, i) => answers.set(readKey(read), results[i]!));
    }),
    mapBounded(versioned, PARALLEL, async (read) => { answers.set(readKey(read), await readOne(reader, read)); }),
  ]);
  return reads.map((read) => answers.get(readKey(read))!);
}

async function readBatch(reader: RegionReader, chunk: readonly SecretRead[]): Promise<(SecretText | VaultError)[]> {
  let reply;
  try {
    reply = await reader.client.send(new BatchGetSecretValueCommand({ SecretIdList: chunk.map((r) => r.secretId) }), { abortSignal: AbortSignal.timeout(reader.timeoutMs) });
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'AccessDeniedException') {
      reader.batchDenied = true; // IAM allows GetSecretValue but not the batch: read one by one
      return readSingly(reader, chunk);
    }
    const mapped = toAwsVaultError(error, { verb: 'read', vault: reader.vault, action: 'secretsmanager:BatchGetSecretValue' });
    return chunk.map(() => mapped);
  }
  return chunk.map((read) => {
    const id = read.secretId;
    const value = reply.SecretValues?.find((v) => v.ARN === id || v.Name === id || (v.ARN !== undefined && v.ARN.slice(0, -7) === id));
    if (value) return textOf(value, id);
    const error = reply.Errors?.find((e) => e.SecretId === id);
    if (error) return fromBatchErrorCode(error.ErrorCode ?? '', error.Message ?? '', { verb: 'read', secret: id, vault: reader.vault });
    return new VaultError('unknown', `${reader.vault} gave no answer for ${id} in a batch read; try again`);
  });
}

function readSingly(reader: RegionReader, reads: readonly SecretRead[]): Promise<(SecretText | VaultError)[]> {
  return mapBounded(reads, PARALLEL, (read) => readOne(reader, read));
}

export async function readOne(reader: RegionReader, read: SecretRead): Promise<SecretText | VaultError> {
  try {
    const reply = await reader.client.send(new GetSecretValueCommand({
      SecretId: read.secretId,
      ...(read.versionStage ? { VersionStage: read.versionStage } : {}),
      ...(read.versionId ? { VersionId: read.versionId } : {}),
    }), { abortSignal: AbortSignal.timeout(reader.timeoutMs) });
    return textOf(reply, read.secretId);
  } catch (error) {
    return toAwsVaultError(error, { verb: 'read', secret: read.secretId, vault: reader.vault });
  }
}

interface ValueReply {
  readonly ARN?: string | undefined;
  readonly Name?: string | undefined;
  readonly VersionId?: string | undefined;
  readonly SecretString?: string | undefined;
  readonly CreatedDate?: Date | undefined;
}

function textOf(reply: ValueReply, id: string): SecretText {
  return {
    name: reply.Name ?? id,
    arn: reply.ARN ?? '',
    versionId: reply.VersionId ?? '',
    createdOn: reply.CreatedDate ?? new Date(0),
    ...(reply.SecretString !== undefined ? { text: reply.SecretString } : {}),
  };
}
