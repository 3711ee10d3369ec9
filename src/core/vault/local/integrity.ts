import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Store } from './store-format';

/**
 * The store's index is authenticated, not only each value: the names, the owners, the versions in
 * their order, their dates, flags and tags, every ciphertext, and the store's generation. Each value
 * is already bound to its name and version (AES-GCM's additional data), but that alone lets someone
 * who can write the store drop the newest version of a secret, reorder versions, or put back an old
 * copy of the whole file, and `run` would silently return an old value. An HMAC-SHA256 over the
 * whole index, with a key derived from the vault's key, makes any such change fail authentication.
 * A copy of an older store, whole and authentic, is caught by its generation instead (counter.ts).
 */

/** The MAC key: derived from the vault key, never the key itself (one key, one purpose). */
export function indexMacKey(vaultKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), 'envguard local vault index v3', 32));
}

/**
 * The index, serialised canonically (names sorted by code unit, tags by key): every field but the
 * MAC itself. JSON of arrays, so no field can run into another.
 */
function canonicalIndex(store: Store, generation: number): string {
  const names = [...store.secrets.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    'envguard-local-vault-index', 3, store.keyId ?? null, generation,
    names.map((name) => {
      const secret = store.secrets.get(name)!;
      const versions = secret.versions.map((v) => [
        v.version, v.createdOn, v.enabled, Object.entries(v.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), v.contentType ?? null,
        v.iv, v.authTag, v.ciphertext,
      ]);
      // A deletion date is authenticated too; a live secret's entry is what format 3 authenticated, unchanged.
      return secret.deletedOn === undefined ? [name, secret.owner ?? null, versions] : [name, secret.owner ?? null, versions, secret.deletedOn];
    }),
  ]);
}

export function indexMac(macKey: Buffer, store: Store, generation: number): string {
  return createHmac('sha256', macKey).update(canonicalIndex(store, generation), 'utf8').digest('base64');
}

export function verifyIndexMac(macKey: Buffer, store: Store, generation: number, mac: string): boolean {
  const expected = Buffer.from(indexMac(macKey, store, generation), 'base64');
  const given = Buffer.from(mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
