import type { SecretInfo } from '../vault/types';
import type { MigrationSource } from './types';

/** The tags a migrated secret carries in every vault: where it came from, never its value. */
export const TAG_PROJECT = 'envguard-project';
export const TAG_ENVIRONMENT = 'envguard-environment';
export const TAG_SOURCE_FILE = 'envguard-source-file';
export const TAG_SOURCE_KEY = 'envguard-source-key';

export function sourceTags(source: MigrationSource, key: string): Record<string, string> {
  return {
    [TAG_PROJECT]: source.project.name,
    [TAG_ENVIRONMENT]: source.file.environment.name,
    [TAG_SOURCE_FILE]: source.file.relative,
    [TAG_SOURCE_KEY]: key,
  };
}

/**
 * Whether a secret already in the vault is this key of this file of this project: then a changed value
 * is its new version. In the local vault it must also belong to this project (a name in
 * `.envguard.json` is a label anyone can write; the owner is what the user registered).
 */
export function isOwnSecret(info: SecretInfo, source: MigrationSource, key: string): boolean {
  const tags = info.tags;
  if (tags[TAG_PROJECT] !== source.project.name || tags[TAG_SOURCE_FILE] !== source.file.relative || tags[TAG_SOURCE_KEY] !== key) return false;
  if (source.vault.kind !== 'local') return true;
  return source.ownerId !== undefined && info.owner === source.ownerId;
}
