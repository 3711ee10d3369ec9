import { VaultError } from '../../types';
import { loadAge } from './age-library';
import { EXPORT_SCRYPT_LOG_N, ExportHeaderError, passphraseIdentity, passphraseRecipient } from './passphrase-stanza';
import { ExportFormatError, parseExport, serializeExport, type VaultExport } from './payload';

/**
 * An export file: the export's JSON sealed in the age format (age-encryption.org/v1) under a
 * passphrase. A standard format on purpose: the user can open their backup without EnvGuard
 * (`age -d FILE`), and nobody has to trust a format of ours for the one file that holds every value.
 */
export const MAX_EXPORT_FILE_BYTES = 128 * 1024 * 1024;
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const AGE_MAGIC = 'age-encryption.org/v1\n';

export async function sealExport(data: VaultExport, passphrase: string, logN = EXPORT_SCRYPT_LOG_N): Promise<Uint8Array> {
  const age = loadAge();
  const encrypter = new age.Encrypter();
  encrypter.addRecipient(passphraseRecipient(age, passphrase, logN));
  return encrypter.encrypt(serializeExport(data));
}

/**
 * Opens an export file (binary or armored). `file` names it in messages. A wrong passphrase is
 * VaultError 'unauthenticated'; a file that is not an export, or is damaged, 'corrupt'.
 */
export async function openExport(bytes: Uint8Array, passphrase: string, file: string, maxValueBytes: number): Promise<VaultExport> {
  if (bytes.byteLength > MAX_EXPORT_FILE_BYTES) throw new VaultError('too-large', `${file} is ${bytes.byteLength} bytes: an export file is at most ${MAX_EXPORT_FILE_BYTES / 1024 / 1024} MiB`);
  const kind = ageFileKind(bytes);
  if (kind === undefined) throw new VaultError('corrupt', notAnExport(file));
  const armored = kind === 'armored';
  const age = loadAge();
  let sealed = bytes;
  if (armored) {
    try {
      sealed = age.armor.decode(Buffer.from(bytes).toString('utf8'));
    } catch (error) {
      throw new VaultError('corrupt', `${file} is damaged: its armor does not decode (${describe(error)})`);
    }
  }
  const identity = passphraseIdentity(passphrase);
  let wrongPassphrase = false;
  const decrypter = new age.Decrypter();
  decrypter.addIdentity({
    async unwrapFileKey(stanzas) {
      const key = await identity.unwrapFileKey(stanzas);
      wrongPassphrase = key === null;
      return key;
    },
  });
  let text: string;
  try {
    text = await decrypter.decrypt(sealed, 'text');
  } catch (error) {
    if (wrongPassphrase) throw new VaultError('unauthenticated', `the passphrase does not open ${file}`);
    if (error instanceof ExportHeaderError) throw new VaultError('corrupt', `${file} cannot be imported: ${error.message}`);
    throw new VaultError('corrupt', `${file} is damaged or not an age file: ${describe(error)}`);
  }
  return parseOpenedExport(text, file, maxValueBytes);
}

/** An opened export's JSON, checked whole (also where the key agent receives one the command opened); `file` names it. */
export function parseOpenedExport(text: string, file: string, maxValueBytes: number): VaultExport {
  try {
    return parseExport(text, maxValueBytes);
  } catch (error) {
    if (error instanceof ExportFormatError) throw new VaultError('corrupt', `${file} opened, but ${error.message}`);
    throw error;
  }
}

/** Whether the bytes begin as an age file does, binary or armored: checked before anyone types a passphrase. */
export function ageFileKind(bytes: Uint8Array): 'binary' | 'armored' | undefined {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  return head.startsWith(AGE_MAGIC) ? 'binary' : head.startsWith(ARMOR_BEGIN) ? 'armored' : undefined;
}

export function notAnExport(file: string): string {
  return `${file} is not an EnvGuard export: an export is an age-encrypted file (it begins "age-encryption.org/v1")`;
}

/** The library's own words (they name formats and sizes, never content), one line. */
function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}
