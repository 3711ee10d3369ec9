import type { VaultReference } from '../../core/references';
import type { SecretInfo } from '../../core/vault/types';

/**
 * What the after-text of a reference says (no vscode, no value): the vault, the version and the age
 * ("local · v3 · 2 days ago", "Key Vault myvault · 5 weeks ago"), or why the vault was not asked.
 */
export interface ReferenceLabel {
  readonly text: string;
  /** Shown in the warning colour: the vault says there is no such secret. */
  readonly warning: boolean;
}

/** Why a label carries no metadata: the vault was not asked, or could not answer. */
export type UnaskedReason = 'restricted' | 'not-confirmed' | 'not-signed-in' | 'locked' | 'unavailable';

const UNASKED_TEXT: Record<Exclude<UnaskedReason, 'restricted'>, string> = {
  'not-confirmed': 'not confirmed',
  'not-signed-in': 'not signed in',
  locked: 'locked',
  unavailable: 'unavailable',
};

const SEPARATOR = ' · ';

/** The vault as the reference names it, short: "local", "Key Vault myvault", "AWS us-east-1", "HashiCorp Vault". */
export function vaultLabelOf(reference: VaultReference): string {
  switch (reference.kind) {
    case 'local': return 'local';
    case 'azure-keyvault': return `Key Vault ${reference.host.split('.')[0]!}`;
    case 'aws-secrets-manager': return reference.region ? `AWS ${reference.region}` : 'AWS';
    case 'hashicorp-vault': return 'HashiCorp Vault';
    case 'onepassword': return '1Password';
    case 'vals': return `vals ${reference.backend}`;
  }
}

/** The version a reference pins, in any vault's syntax; undefined for a versionless one. */
export function pinnedVersionOf(reference: VaultReference): string | undefined {
  switch (reference.kind) {
    case 'local': case 'azure-keyvault': case 'hashicorp-vault': return reference.version;
    case 'aws-secrets-manager': return reference.versionId ?? reference.versionStage;
    default: return undefined;
  }
}

/**
 * "v3" where the vault counts its versions (the local vault's `versionNumber`, HashiCorp's KV v2
 * numbers); nothing for an opaque id (Key Vault's 32 hex digits say nothing at a glance).
 */
export function versionLabelOf(info: Pick<SecretInfo, 'version' | 'versionNumber'>): string | undefined {
  if (info.versionNumber !== undefined) return `v${info.versionNumber}`;
  return /^[1-9][0-9]{0,5}$/.test(info.version) ? `v${info.version}` : undefined;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "1 hour ago", "2 days ago", "5 weeks ago", "3 months ago", "2 years ago". */
export function formatAge(createdOn: Date, now: Date): string {
  const elapsed = now.getTime() - createdOn.getTime();
  // A clock a little behind the vault's is still "just now".
  if (elapsed < MINUTE) return 'just now';
  const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (elapsed < HOUR) return count(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return count(Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 14 * DAY) return count(Math.floor(elapsed / DAY), 'day');
  if (elapsed < 60 * DAY) return count(Math.floor(elapsed / (7 * DAY)), 'week');
  if (elapsed < 365 * DAY) return count(Math.floor(elapsed / (30 * DAY)), 'month');
  return count(Math.floor(elapsed / (365 * DAY)), 'year');
}

/** The label of a reference whose vault answered: its latest version's metadata, or undefined when it has no such secret. */
export function labelFromInfo(reference: VaultReference, info: SecretInfo | undefined, now: Date): ReferenceLabel {
  const vault = vaultLabelOf(reference);
  if (!info) return { text: `${vault}${SEPARATOR}not found`, warning: true };
  const pinned = pinnedVersionOf(reference);
  const version = versionLabelOf(info);
  const parts = [vault];
  if (pinned === undefined) {
    if (version) parts.push(version);
  } else if (pinned === info.version) {
    parts.push(version ? `${version} (pinned)` : 'pinned');
  } else {
    // The vault's metadata is the latest version's: the pinned one is older.
    parts.push(`pinned to an older version${version ? ` (latest ${version})` : ''}`);
  }
  parts.push(formatAge(info.createdOn, now));
  if (!info.enabled) parts.push('disabled');
  return { text: parts.join(SEPARATOR), warning: !info.enabled };
}

/** The label of a reference whose vault was not asked: what the reference text says, and why no more. */
export function labelWithoutInfo(reference: VaultReference, reason: UnaskedReason): ReferenceLabel {
  const vault = vaultLabelOf(reference);
  const pinned = pinnedVersionOf(reference) !== undefined ? `${SEPARATOR}pinned` : '';
  // Restricted Mode: just what the reference text says.
  if (reason === 'restricted') return { text: `${vault}${pinned}`, warning: false };
  return { text: `${vault}${pinned}${SEPARATOR}${UNASKED_TEXT[reason]}`, warning: false };
}
