import { VaultError } from '../../types';
import { decryptValue, encryptValue } from '../crypto';
import { copyTags, type Store, type StoredSecret, type StoredVersion } from '../store-format';
import type { ExportedSecret } from './payload';

/** What an import did to one secret. */
export interface ImportOutcome {
  readonly name: string;
  /** added: new here; updated: versions added; unchanged: it had them all; skipped: see reason. */
  readonly result: 'added' | 'updated' | 'unchanged' | 'skipped';
  readonly versionsAdded: number;
  readonly reason?: string;
}

/** Every live secret, every version decrypted. One that fails authentication fails the export: a backup is whole or not made. */
export function exportedSecrets(store: Store, key: Buffer, storeFile: string): ExportedSecret[] {
  const names = [...store.secrets.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.flatMap((name) => {
    const secret = store.secrets.get(name)!;
    if (secret.deletedOn !== undefined) return [];
    const versions = secret.versions.map((entry) => {
      const value = decryptValue(key, { name, version: entry.version }, entry);
      if (value === undefined) throw new VaultError('corrupt', `the local vault's store ${storeFile} is damaged: secret ${name}, version ${entry.version}, fails authentication; nothing was exported`);
      return { version: entry.version, createdOn: entry.createdOn, enabled: entry.enabled, tags: copyTags(entry.tags), ...(entry.contentType !== undefined ? { contentType: entry.contentType } : {}), value };
    });
    return [{ name, ...(secret.owner !== undefined ? { owner: secret.owner } : {}), versions }];
  });
}

/**
 * Merges exported secrets into the store, re-encrypted under this vault's key and bound to their
 * names and version ids as every value is. Version ids are kept, so references pinned to a version
 * still resolve, and a version this vault already holds (the same id) is left as it is: importing a
 * backup twice, or into the vault it came from, changes nothing. Versions stay ordered by date, so
 * importing an older backup never makes an older value the current one. `ownerOf` maps the file's
 * project ids to this machine's. A secret deleted here, or owned here by another project, is skipped.
 */
export function mergeImport(store: Store, key: Buffer, secrets: readonly ExportedSecret[], ownerOf: (exported: string | undefined) => string | undefined): ImportOutcome[] {
  return secrets.map((incoming) => {
    const { name } = incoming;
    const existing = store.secrets.get(name);
    const owner = ownerOf(incoming.owner);
    if (existing?.deletedOn !== undefined) {
      return { name, result: 'skipped', versionsAdded: 0, reason: `it is deleted in this vault: recover it (envguard vault recover ${name}) or purge it, then import again` };
    }
    if (existing?.owner !== undefined && owner !== undefined && existing.owner !== owner) {
      return { name, result: 'skipped', versionsAdded: 0, reason: 'a secret of that name belongs to another project on this machine' };
    }
    const held = new Set(existing?.versions.map((v) => v.version));
    const added: StoredVersion[] = incoming.versions.filter((v) => !held.has(v.version)).map((v) => ({
      version: v.version, createdOn: v.createdOn, enabled: v.enabled, tags: copyTags(v.tags),
      ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
      ...encryptValue(key, { name, version: v.version }, v.value),
    }));
    const claimsOwner = existing !== undefined && existing.owner === undefined && owner !== undefined;
    if (added.length === 0 && !claimsOwner) return { name, result: 'unchanged', versionsAdded: 0 };
    // Stable: versions of the same instant keep this vault's order, then the file's.
    const versions = [...(existing?.versions ?? []), ...added].map((v, i) => ({ v, i, t: Date.parse(v.createdOn) }))
      .sort((a, b) => a.t - b.t || a.i - b.i).map(({ v }) => v);
    const kept = existing?.owner ?? owner;
    const secret: StoredSecret = { ...(kept !== undefined ? { owner: kept } : {}), versions };
    store.secrets.set(name, secret);
    return { name, result: existing ? 'updated' : 'added', versionsAdded: added.length };
  });
}
