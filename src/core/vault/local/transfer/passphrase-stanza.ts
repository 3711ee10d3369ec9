import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { AgeLibrary, AgeStanza } from './age-library';

/**
 * age's passphrase recipient ("scrypt" stanza, age-encryption.org/v1), with the key derived by Node's
 * own scrypt. The library's built-in one derives it in JavaScript: about ten seconds on these machines
 * and, worse, on the key agent's only thread, where every other request would wait; Node's runs in the
 * thread pool at native speed. The stanza is the specification's, so `age -d` and the library's own
 * passphrase identity open what this writes, and this opens what `age -p` writes.
 */
const LABEL = 'age-encryption.org/v1/scrypt';
/** age's default work factor (2^18): about a quarter of a second natively, and 256 MiB of memory. */
export const EXPORT_SCRYPT_LOG_N = 18;
/** The most an import accepts, as the age-encryption library does: 2^20 takes a gibibyte of memory. */
const MAX_LOG_N = 20;
const SALT_BYTES = 16;
const WRAPPED_KEY_BYTES = 32; // a 16-byte file key and its 16-byte tag

/** The passphrase's bytes as typed (UTF-8, not normalised): as age and its library derive them, so files move both ways. */
function deriveKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, Buffer.concat([Buffer.from(LABEL), salt]), 32, { N, r: 8, p: 1, maxmem: 129 * 8 * N + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** ChaCha20-Poly1305 under a zero nonce: each derived key wraps exactly one file key. */
function seal(key: Buffer, fileKey: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: 16 });
  return Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Buffer, body: Uint8Array): Buffer | null {
  const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: 16 });
  decipher.setAuthTag(body.subarray(16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, 16)), decipher.final()]);
  } catch {
    return null; // another passphrase
  }
}

/** What `Encrypter.addRecipient` takes: wraps the file key under the passphrase. */
export function passphraseRecipient(age: AgeLibrary, passphrase: string, logN = EXPORT_SCRYPT_LOG_N) {
  return {
    async wrapFileKey(fileKey: Uint8Array): Promise<AgeStanza[]> {
      const salt = randomBytes(SALT_BYTES);
      const key = await deriveKey(passphrase, salt, logN);
      return [new age.Stanza(['scrypt', salt.toString('base64').replace(/=+$/, ''), String(logN)], seal(key, fileKey))];
    },
  };
}

/** Why an export file's header is not one this opens (the caller names the file). */
export class ExportHeaderError extends Error {}

/** What `Decrypter.addIdentity` takes: null for a wrong passphrase, an ExportHeaderError for a malformed stanza. */
export function passphraseIdentity(passphrase: string) {
  return {
    async unwrapFileKey(stanzas: AgeStanza[]): Promise<Uint8Array | null> {
      const stanza = stanzas.find((s) => s.args[0] === 'scrypt');
      if (!stanza) throw new ExportHeaderError('it is encrypted to age recipients (keys), not under a passphrase');
      // The specification: a passphrase file has no other recipient, so nobody else can open it.
      if (stanzas.length !== 1) throw new ExportHeaderError('its passphrase stanza is not the only one in its header');
      const [, saltText, logNText] = stanza.args;
      if (stanza.args.length !== 3 || !/^[1-9][0-9]*$/.test(logNText ?? '') || !/^[A-Za-z0-9+/]{22}$/.test(saltText ?? '') || stanza.body.length !== WRAPPED_KEY_BYTES) {
        throw new ExportHeaderError('its passphrase stanza is malformed');
      }
      // Canonical base64 only (no stray bits in the last character), as the age specification requires.
      if (Buffer.from(saltText!, 'base64').toString('base64').replace(/=+$/, '') !== saltText) throw new ExportHeaderError('its passphrase stanza is malformed');
      const logN = Number(logNText);
      if (logN > MAX_LOG_N) throw new ExportHeaderError(`its scrypt work factor (2^${logN}) is above 2^${MAX_LOG_N}, the most EnvGuard opens (it would take a gibibyte of memory)`);
      return open(await deriveKey(passphrase, Buffer.from(saltText, 'base64'), logN), stanza.body);
    },
  };
}
