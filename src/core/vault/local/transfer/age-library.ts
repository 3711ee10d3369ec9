import { loadLibrary } from '../../../lazy-library';

/**
 * The age file format (age-encryption.org/v1) by its author's own library, `age-encryption`: header,
 * header MAC and the STREAM payload are its; the passphrase stanza is passphrase-stanza.ts's. Loaded on
 * first use (dist/age.js): only an export or an import needs it.
 */
export interface AgeStanza {
  readonly args: string[];
  readonly body: Uint8Array;
}

export interface AgeLibrary {
  Stanza: new (args: string[], body: Uint8Array) => AgeStanza;
  Encrypter: new () => {
    setScryptWorkFactor(logN: number): void;
    addRecipient(recipient: { wrapFileKey(fileKey: Uint8Array): Promise<AgeStanza[]> }): void;
    encrypt(file: Uint8Array | string): Promise<Uint8Array>;
  };
  Decrypter: new () => {
    addIdentity(identity: { unwrapFileKey(stanzas: AgeStanza[]): Promise<Uint8Array | null> }): void;
    decrypt(file: Uint8Array, outputFormat: 'text'): Promise<string>;
  };
  armor: { decode(file: string): Uint8Array };
}

export function loadAge(): AgeLibrary {
  return loadLibrary<AgeLibrary>('age.js', 'age-encryption');
}
