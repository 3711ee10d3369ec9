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
  /** For 'updated': whether the file's current version became the current one here. */
  readonly becameCurrent?: boolean;
  readonly reason?: string;
}

/** A clock a day fast is a clock; a version dated later than that was made up, and would stay current over every real one. */
const FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

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
 * still resolve; a version this vault already holds (the same id, the same value) is left as it is,
 * so importing a backup twice, or into the vault it came from, changes nothing.
 *
 * Which version is current: this vault's order is kept, and the file's versions go before this
 * vault's current one, unless the file's current version is new here and dated after it: then the
 * file's versions come last, in the file's order, and its current version becomes current. So an
 * older backup never makes an older value current.
 *
 * Skipped, with the reason: a secret deleted here; one that belongs to a project here while the file
 * gives it to another or to none (ownership never changes by import); a version id held here with
 * another value; a version dated more than a day ahead of `now`.
 */
export function mergeImport(store: Store, key: Buffer, secrets: readonly ExportedSecret[], ownerOf: (exported: string | undefined) => string | undefined, now: Date): ImportOutcome[] {
  return secrets.map((incoming): ImportOutcome => {
    const { name } = incoming;
    const existing = store.secrets.get(name);
    const owner = ownerOf(incoming.owner);
    const skip = (reason: string): ImportOutcome => ({ name, result: 'skipped', versionsAdded: 0, reason });
    if (existing?.deletedOn !== undefined) return skip(`it is deleted in this vault: recover it (envguard vault recover ${name}) or purge it, then import again`);
    if (existing && existing.owner !== owner) {
      return skip(existing.owner === undefined
        ? 'it belongs to no project here, and the file gives it to one: claim it for that project first (envguard project claim), then import again'
        : 'a secret of that name belongs to a project here, and the file gives it to another project or to none');
    }
    const future = incoming.versions.find((v) => Date.parse(v.createdOn) > now.getTime() + FUTURE_SKEW_MS);
    if (future) return skip(`its version ${future.version} is dated ${future.createdOn}, in the future: refused, as it would stay current over every version set from now on`);
    const held = new Map(existing?.versions.map((v) => [v.version, v]));
    for (const v of incoming.versions) {
      const here = held.get(v.version);
      if (here && decryptValue(key, { name, version: v.version }, here) !== v.value) return skip(`its version ${v.version} is in this vault with another value: nothing of it was imported`);
    }
    const added: StoredVersion[] = incoming.versions.filter((v) => !held.has(v.version)).map((v) => ({
      version: v.version, createdOn: v.createdOn, enabled: v.enabled, tags: copyTags(v.tags),
      ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
      ...encryptValue(key, { name, version: v.version }, v.value),
    }));
    if (added.length === 0) return { name, result: 'unchanged', versionsAdded: 0 };
    if (!existing) {
      store.secrets.set(name, { ...(owner !== undefined ? { owner } : {}), versions: added });
      return { name, result: 'added', versionsAdded: added.length };
    }
    const current = existing.versions.at(-1)!;
    const theirs = incoming.versions.at(-1)!;
    const becameCurrent = added.some((v) => v.version === theirs.version) && Date.parse(theirs.createdOn) > Date.parse(current.createdOn);
    const versions = becameCurrent ? [...existing.versions, ...added] : [...existing.versions.slice(0, -1), ...added, current];
    const secret: StoredSecret = { ...(existing.owner !== undefined ? { owner: existing.owner } : {}), versions };
    store.secrets.set(name, secret);
    return { name, result: 'updated', versionsAdded: added.length, becameCurrent };
  });
}
