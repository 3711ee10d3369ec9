/**
 * The secrets one account holds in one region, as Secrets Manager models them: a secret has a name,
 * an ARN (name + "-" + six random characters), metadata, tags, and versions; each version has an id
 * (the ClientRequestToken that created it) and staging labels. AWSCURRENT is on exactly one version
 * once there is a value; moving it moves AWSPREVIOUS to the version it left. A version with no label
 * is deprecated. Deleting schedules the secret for deletion at the end of a recovery window; when the
 * server's clock passes it, the secret is gone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { invalidParameter, invalidRequest, markedForDeletion, notFound } from './errors';

export const AWSCURRENT = 'AWSCURRENT';
export const AWSPREVIOUS = 'AWSPREVIOUS';
/** Secrets Manager keeps the 100 most recent versions (and all of the last 24 hours). */
const KEPT_VERSIONS = 100;
const DAY_MS = 86_400_000;

export interface SecretValue {
  readonly string?: string;
  readonly binary?: Buffer;
}

export interface Version {
  readonly id: string;
  readonly value: SecretValue;
  readonly stages: Set<string>;
  readonly created: number;
  lastAccessed?: number;
}

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface Secret {
  readonly name: string;
  readonly arn: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  /** In creation order. */
  readonly versions: Version[];
  readonly created: number;
  lastChanged: number;
  lastAccessed?: number;
  /** When the scheduled deletion happens (set by DeleteSecret, cleared by RestoreSecret). */
  deletionDate?: number;
  /** A test switch: its values cannot be decrypted (the KMS key is gone or not usable). */
  undecryptable?: boolean;
}

export class SecretStore {
  private readonly secrets = new Map<string, Secret>();

  constructor(
    readonly region: string,
    readonly account: string,
    /** The server's clock (tests can move it forward to end recovery windows). */
    readonly now: () => number,
  ) {}

  /** Every secret, oldest first, including those scheduled for deletion. */
  all(): Secret[] {
    this.purge();
    return [...this.secrets.values()];
  }

  /** The secret an id names: its name, its full ARN, or its ARN without the six random characters. */
  find(secretId: string): Secret | undefined {
    this.purge();
    if (!secretId.startsWith('arn:')) return this.secrets.get(secretId);
    for (const secret of this.secrets.values()) {
      if (secret.arn === secretId || secret.arn.slice(0, -7) === secretId) return secret;
    }
    return undefined;
  }

  /** The secret, or ResourceNotFoundException; scheduled for deletion is InvalidRequestException unless allowed. */
  get(secretId: string, options: { evenIfDeleted?: boolean } = {}): Secret {
    const secret = this.find(secretId);
    if (!secret) throw notFound();
    if (secret.deletionDate !== undefined && !options.evenIfDeleted) throw markedForDeletion();
    return secret;
  }

  create(name: string): Secret {
    const existing = this.find(name);
    if (existing?.deletionDate !== undefined) throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
    const now = this.now();
    const secret: Secret = { name, arn: `arn:aws:secretsmanager:${this.region}:${this.account}:secret:${name}-${randomSuffix()}`, tags: [], versions: [], created: now, lastChanged: now };
    this.secrets.set(name, secret);
    return secret;
  }

  /** Adds a version with these labels (AWSCURRENT when none are given, or when it is the first value). */
  addVersion(secret: Secret, id: string | undefined, value: SecretValue, stages: readonly string[] | undefined): Version {
    const version: Version = { id: id ?? randomUUID(), value, stages: new Set(), created: this.now() };
    const labels = new Set(stages ?? [AWSCURRENT]);
    if (!secret.versions.some((v) => v.stages.has(AWSCURRENT))) labels.add(AWSCURRENT);
    secret.versions.push(version);
    for (const label of labels) this.moveLabel(secret, label, version);
    this.prune(secret);
    secret.lastChanged = this.now();
    return version;
  }

  /**
   * UpdateSecretVersionStage: attach `label` to `moveTo` (taking it off `removeFrom`, which must be the
   * version that holds it), or only take it off `removeFrom`.
   */
  updateLabel(secret: Secret, label: string, removeFrom: string | undefined, moveTo: string | undefined): void {
    const holder = secret.versions.find((v) => v.stages.has(label));
    const versionOf = (id: string): Version => {
      const version = secret.versions.find((v) => v.id === id);
      if (!version) throw invalidParameter(`The version ${id} doesn't exist for secret ${secret.name}.`);
      return version;
    };
    if (moveTo !== undefined) {
      const target = versionOf(moveTo);
      if (holder && holder !== target && removeFrom !== holder.id) {
        throw invalidParameter(`The staging label ${label} is currently attached to version ${holder.id}. You must specify RemoveFromVersionId to move it to ${moveTo}.`);
      }
      if (holder !== target) this.moveLabel(secret, label, target);
    } else {
      if (removeFrom === undefined) throw invalidParameter('You must specify MoveToVersionId or RemoveFromVersionId.');
      const from = versionOf(removeFrom);
      if (!from.stages.has(label)) throw invalidParameter(`The staging label ${label} is not attached to version ${removeFrom}.`);
      if (label === AWSCURRENT) throw invalidParameter(`You can't remove the staging label ${AWSCURRENT} without moving it to another version (MoveToVersionId).`);
      from.stages.delete(label);
    }
    secret.lastChanged = this.now();
  }

  scheduleDeletion(secret: Secret, days: number): void {
    secret.deletionDate = this.now() + days * DAY_MS;
    secret.lastChanged = this.now();
  }

  remove(secret: Secret): void {
    this.secrets.delete(secret.name);
  }

  clear(): void {
    this.secrets.clear();
  }

  /** A label lives on one version: taking AWSCURRENT away from a version gives that version AWSPREVIOUS. */
  private moveLabel(secret: Secret, label: string, to: Version): void {
    const from = secret.versions.find((v) => v !== to && v.stages.has(label));
    from?.stages.delete(label);
    to.stages.add(label);
    if (label === AWSCURRENT && from) this.moveLabel(secret, AWSPREVIOUS, from);
  }

  /** Deprecated versions (no label) beyond the 100 most recent go, unless created in the last 24 hours. */
  private prune(secret: Secret): void {
    while (secret.versions.length > KEPT_VERSIONS) {
      const oldest = secret.versions.find((v) => v.stages.size === 0 && v.created < this.now() - DAY_MS);
      if (!oldest) return;
      secret.versions.splice(secret.versions.indexOf(oldest), 1);
    }
  }

  /** Secrets whose recovery window has ended are deleted for good. */
  private purge(): void {
    const now = this.now();
    for (const [name, secret] of this.secrets) if (secret.deletionDate !== undefined && secret.deletionDate <= now) this.secrets.delete(name);
  }
}

const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomSuffix(): string {
  return [...randomBytes(6)].map((b) => SUFFIX[b % SUFFIX.length]).join('');
}
