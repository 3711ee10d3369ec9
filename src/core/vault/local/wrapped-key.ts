import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../../files/atomic-write';
import { describeFsError, errorCode } from '../../files/fs-errors';
import { VaultError } from '../types';
import { KEY_BYTES, keyIdOf } from './crypto';
import { PRIVATE_FILE_MODE } from './home';

/**
 * The vault's key as it rests on disk: encrypted with a key derived from the human's passphrase.
 * Reading every file of the vault's folder (or asking the keychain, which holds nothing of
 * EnvGuard's any more) gives an agent ciphertext only; the key exists in clear only in the memory
 * of the per-user key agent while it is unlocked (see core/gate).
 *
 * scrypt, memory-hard, from node:crypto: N = 2^16, r = 8 (64 MiB, about a tenth of a second here),
 * the parameters stored beside the ciphertext so later versions can raise them.
 */
export const WRAPPED_KEY_FILE_NAME = 'vault.key.wrapped';

const FORMAT = 'envguard-wrapped-key/1';
const KDF = { N: 2 ** 16, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/** The shortest passphrase accepted when one is chosen: a guess per ~0.1 s makes short ones fall. */
export const MIN_PASSPHRASE_LENGTH = 8;

export interface WrappedKey {
  readonly format: typeof FORMAT;
  readonly kdf: { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string };
  readonly iv: string;
  readonly authTag: string;
  readonly ciphertext: string;
  /** keyIdOf(key): which store this key opens, checked without the passphrase. */
  readonly keyId: string;
}

function scrypt(passphrase: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(passphrase.normalize('NFC'), salt, 32, options, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
}

function scryptOptions(kdf: WrappedKey['kdf']): ScryptOptions {
  return { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
}

function aad(keyId: string): Buffer {
  return Buffer.from(`${FORMAT}\0${keyId}`, 'utf8');
}

export async function wrapKey(key: Buffer, passphrase: string): Promise<WrappedKey> {
  const salt = randomBytes(SALT_BYTES);
  const kdf = { name: 'scrypt' as const, ...KDF, salt: salt.toString('base64') };
  const wrappingKey = await scrypt(passphrase, salt, scryptOptions(kdf));
  const iv = randomBytes(IV_BYTES);
  const keyId = keyIdOf(key);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
  cipher.setAAD(aad(keyId));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  wrappingKey.fill(0);
  return { format: FORMAT, kdf, iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64'), keyId };
}

/** The key, or undefined when the passphrase is not the one it was wrapped with. */
export async function unwrapKey(wrapped: WrappedKey, passphrase: string): Promise<Buffer | undefined> {
  const wrappingKey = await scrypt(passphrase, Buffer.from(wrapped.kdf.salt, 'base64'), scryptOptions(wrapped.kdf));
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(aad(wrapped.keyId));
    decipher.setAuthTag(Buffer.from(wrapped.authTag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    if (key.length !== KEY_BYTES || !timingSafeEqual(Buffer.from(keyIdOf(key)), Buffer.from(wrapped.keyId))) return undefined;
    return key;
  } catch {
    return undefined;
  } finally {
    wrappingKey.fill(0);
  }
}

export function wrappedKeyFile(home: string): string {
  return path.join(home, WRAPPED_KEY_FILE_NAME);
}

/** The wrapped key of the vault at `home`, or undefined when it has none (not set up, or an automation vault). */
export async function readWrappedKey(home: string): Promise<WrappedKey | undefined> {
  const file = wrappedKeyFile(home);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new VaultError('unknown', `cannot read the local vault's wrapped key ${file}: ${describeFsError(error)}`);
  }
  const parsed = parseWrappedKey(text);
  if (!parsed) throw new VaultError('corrupt', `the local vault's wrapped key ${file} is damaged; restore it from a backup`);
  return parsed;
}

export async function writeWrappedKey(home: string, wrapped: WrappedKey): Promise<void> {
  const file = wrappedKeyFile(home);
  try {
    await writeFileAtomic(file, `${JSON.stringify(wrapped, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  } catch (error) {
    throw new VaultError('unknown', `cannot write the local vault's wrapped key ${file}: ${describeFsError(error)}`);
  }
}

function parseWrappedKey(text: string): WrappedKey | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = value as Partial<WrappedKey> | null;
  const kdf = v?.kdf;
  const strings = [v?.iv, v?.authTag, v?.ciphertext, v?.keyId, kdf?.salt];
  if (v?.format !== FORMAT || kdf?.name !== 'scrypt' || strings.some((s) => typeof s !== 'string')) return undefined;
  // Bounded: a file an attacker wrote must not make the key agent allocate gigabytes.
  if (![kdf.N, kdf.r, kdf.p].every((n) => Number.isSafeInteger(n) && n > 0) || kdf.N > 2 ** 20 || kdf.r > 16 || kdf.p > 4) return undefined;
  return v as WrappedKey;
}
