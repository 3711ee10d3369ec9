import { readFile, stat } from 'node:fs/promises';
import { VaultError } from '../types';
import { writeFileAtomic } from '../../files/atomic-write';
import { PRIVATE_FILE_MODE } from './home';
import { KEY_BYTES } from './crypto';
import { describeFsError, errorCode } from '../../files/fs-errors';
import type { KeyStore } from './key-store-types';

export const KEY_FILE_NAME = 'vault.key';

/**
 * The key in a file beside the store (mode 0600, base64): the fallback where no OS keychain is
 * reachable. Weaker than a keychain (anyone who can read the folder can decrypt), hence the
 * warning the caller shows when it ends up here by fallback.
 */
export class FileKeyStore implements KeyStore {
  readonly location: string;

  constructor(readonly file: string, private readonly onCreated?: () => void) {
    this.location = file;
  }

  async exists(): Promise<boolean> {
    try {
      await stat(this.file);
      return true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw new VaultError('unknown', `cannot read the local vault's key file ${this.file}: ${describeFsError(error)}`);
    }
  }

  async load(): Promise<Buffer | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw new VaultError('unknown', `cannot read the local vault's key file ${this.file}: ${describeFsError(error)}`);
    }
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== KEY_BYTES || key.toString('base64') !== text.trim()) {
      throw new VaultError('corrupt', `the local vault's key file ${this.file} is damaged (it does not hold a ${KEY_BYTES}-byte base64 key); restore it from a backup`);
    }
    return key;
  }

  /** Called under the store lock after load() found nothing, so no two processes create a key at once. */
  async save(key: Buffer): Promise<void> {
    try {
      await writeFileAtomic(this.file, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE });
    } catch (error) {
      throw new VaultError('unknown', `cannot write the local vault's key file ${this.file}: ${describeFsError(error)}`);
    }
    this.onCreated?.();
  }
}
