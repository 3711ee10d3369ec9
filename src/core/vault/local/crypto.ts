import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** AES-256-GCM: authenticated, in node:crypto, and the standard choice for a 256-bit random key. */
const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
/** 96-bit IVs are GCM's native size; a fresh random one per value keeps (key, IV) pairs unique. */
const IV_BYTES = 12;
const AUTH_TAG_BYTES = 16;

/** One encrypted value as stored: base64 fields, nothing else. */
export interface EncryptedValue {
  readonly iv: string;
  readonly authTag: string;
  readonly ciphertext: string;
}

/** Where a ciphertext belongs; bound in as additional authenticated data. */
export interface ValueAddress {
  readonly name: string;
  readonly version: string;
}

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** A random version id: 32 lowercase hex digits, the form `envguard://local/NAME/VERSION` accepts. */
export function generateVersionId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A short, one-way fingerprint of the key, stored beside the data so that a wrong key is reported
 * as such instead of as a pile of authentication failures. Domain-separated from any other hash use.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('envguard local vault key id\0').update(key).digest('hex').slice(0, 16);
}

/**
 * The AAD binds a ciphertext to its secret's name and version: moving it to another name (or
 * version) in the store file makes decryption fail instead of returning another secret's value.
 * NUL cannot occur in a name or a version, so the encoding is unambiguous.
 */
function additionalData(address: ValueAddress): Buffer {
  return Buffer.from(`envguard-local-vault/v1\0${address.name}\0${address.version}`, 'utf8');
}

export function encryptValue(key: Buffer, address: ValueAddress, value: string): EncryptedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: AUTH_TAG_BYTES });
  cipher.setAAD(additionalData(address));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The plaintext, or undefined when the ciphertext, its IV, tag or address fail authentication. */
export function decryptValue(key: Buffer, address: ValueAddress, encrypted: EncryptedValue): string | undefined {
  const iv = Buffer.from(encrypted.iv, 'base64');
  const authTag = Buffer.from(encrypted.authTag, 'base64');
  if (iv.length !== IV_BYTES || authTag.length !== AUTH_TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: AUTH_TAG_BYTES });
    decipher.setAAD(additionalData(address));
    decipher.setAuthTag(authTag);
    const plaintext = Buffer.concat([decipher.update(Buffer.from(encrypted.ciphertext, 'base64')), decipher.final()]);
    return plaintext.toString('utf8');
  } catch {
    return undefined;
  }
}
