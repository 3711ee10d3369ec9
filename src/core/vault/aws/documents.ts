import { CreateSecretCommand, PutSecretValueCommand, UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import { VaultError } from '../types';
import { toAwsVaultError } from './errors';
import { readOne, type RegionReader } from './reads';
import { documentFields, documentText, MAX_SECRET_BYTES } from './secret-text';
import { toAwsTags } from './tags';

/** The label a new document version carries until it is made current (a fixed one: labels never pile up). */
export const PENDING_STAGE = 'envguard-pending';
/** Tries before giving up when other writers keep winning. */
const MAX_ATTEMPTS = 8;

export interface DocumentEdit {
  /** Fields to set; `undefined` removes the field. */
  readonly fields: ReadonlyMap<string, string | undefined>;
  /** Tags of a document this edit creates (never values). */
  readonly tags: Readonly<Record<string, string>>;
  readonly kmsKeyId?: string;
}

export interface DocumentVersion {
  readonly versionId: string;
  readonly createdOn: Date;
}

/**
 * A read-modify-write of one JSON document that loses no other writer's field. Secrets Manager has
 * no check-and-set on PutSecretValue, but UpdateSecretVersionStage moves AWSCURRENT only when
 * RemoveFromVersionId names the version that holds it, and fails otherwise: that is the check. So
 * the merged document is written as a new version labelled envguard-pending (not current), then made
 * current only if the version it was merged from is still current; if another writer got there
 * first, the document is read again and merged again. Readers see the old document or the new one.
 */
export async function editDocument(reader: RegionReader, document: string, edit: DocumentEdit): Promise<DocumentVersion> {
  const op = { secret: document, vault: reader.vault };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const current = await readOne(reader, { secretId: document });
    if (current instanceof VaultError && current.code !== 'not-found') throw current;
    if (current instanceof VaultError) {
      const created = await create(reader, document, edit);
      if (created) return created;
      continue; // created meanwhile by another writer: merge into theirs
    }
    const fields = documentFields(current.text);
    if (!fields) throw new VaultError('conflict', `${document} in ${reader.vault} holds something other than a JSON object of text fields; EnvGuard does not write into it (choose another name, or the secret-per-key layout)`);
    let changed = false;
    for (const [key, value] of edit.fields) {
      if (value === undefined ? fields.delete(key) : fields.get(key) !== value) changed = true;
      if (value !== undefined) fields.set(key, value);
    }
    if (!changed) return { versionId: current.versionId, createdOn: current.createdOn };
    const text = checkedText(document, fields, reader.vault);
    let versionId: string;
    try {
      const put = await reader.client.send(new PutSecretValueCommand({ SecretId: document, SecretString: text, VersionStages: [PENDING_STAGE] }), { abortSignal: AbortSignal.timeout(reader.timeoutMs) });
      versionId = put.VersionId ?? '';
    } catch (error) {
      throw toAwsVaultError(error, { verb: 'write', ...op });
    }
    try {
      await reader.client.send(new UpdateSecretVersionStageCommand({ SecretId: document, VersionStage: 'AWSCURRENT', MoveToVersionId: versionId, RemoveFromVersionId: current.versionId }), { abortSignal: AbortSignal.timeout(reader.timeoutMs) });
      return { versionId, createdOn: new Date() };
    } catch (error) {
      // AWSCURRENT is no longer on the version this was merged from: another writer won. Again.
      if ((error as { name?: string } | undefined)?.name === 'InvalidParameterException') continue;
      throw toAwsVaultError(error, { verb: 'write', ...op, action: 'secretsmanager:UpdateSecretVersionStage' });
    }
  }
  throw new VaultError('conflict', `${document} in ${reader.vault} kept changing under other writers; nothing was lost, try again`);
}

/** The document created with these fields; undefined when it appeared meanwhile (ResourceExistsException). */
async function create(reader: RegionReader, document: string, edit: DocumentEdit): Promise<DocumentVersion | undefined> {
  const fields = new Map<string, string>();
  for (const [key, value] of edit.fields) if (value !== undefined) fields.set(key, value);
  if (fields.size === 0 && [...edit.fields.keys()].length > 0) throw new VaultError('not-found', `${reader.vault} has no secret named ${document}`);
  try {
    const created = await reader.client.send(new CreateSecretCommand({
      Name: document, SecretString: checkedText(document, fields, reader.vault),
      Tags: toAwsTags(edit.tags),
      ...(edit.kmsKeyId ? { KmsKeyId: edit.kmsKeyId } : {}),
    }), { abortSignal: AbortSignal.timeout(reader.timeoutMs) });
    return { versionId: created.VersionId ?? '', createdOn: new Date() };
  } catch (error) {
    if ((error as { name?: string } | undefined)?.name === 'ResourceExistsException') return undefined;
    throw toAwsVaultError(error, { verb: 'create', secret: document, vault: reader.vault });
  }
}

function checkedText(document: string, fields: ReadonlyMap<string, string>, vault: string): string {
  const text = documentText(fields);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SECRET_BYTES) {
    throw new VaultError('too-large', `${document} in ${vault} would be ${bytes} bytes with its ${fields.size} keys; a secret holds at most ${MAX_SECRET_BYTES} bytes: move some keys to another environment document, or use the secret-per-key layout`);
  }
  return text;
}

/** A short, growing, random pause, so that writers that collided do not collide again. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 40 * attempt));
}
