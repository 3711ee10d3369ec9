import { isUtf8 } from 'node:buffer';

/**
 * How an env file's bytes are encoded. A byte order mark, when there is one, stays in the decoded
 * text as U+FEFF (dotenv keeps a UTF-8 BOM the same way), so encoding the text again gives back
 * exactly the bytes that were read. UTF-16 is recognised by its BOM only: without one, UTF-16 and
 * binary data cannot be told apart with certainty, and a guess that is wrong would rewrite a file
 * in an encoding it never had.
 */
export type EnvEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly encoding: EnvEncoding; readonly exact: boolean }
  | { readonly ok: false; readonly reason: string };

/** The encoding a BOM announces, or undefined (no BOM: UTF-8, as dotenv reads it). */
export function encodingOfBom(bytes: Uint8Array): EnvEncoding | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return undefined;
}

/**
 * Decodes an env file. UTF-8 that is not valid is read with replacement characters, as dotenv
 * reads it (`exact` false: such text must never be written back). UTF-16 must be valid: a
 * truncated or broken one is refused with the reason.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const encoding = encodingOfBom(bytes) ?? 'utf8';
  if (encoding === 'utf8' || encoding === 'utf8-bom') {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // isUtf8 is a vectorised check; toString keeps the BOM as U+FEFF, exactly as dotenv's read does.
    return { ok: true, text: buffer.toString('utf8'), encoding, exact: isUtf8(buffer) };
  }
  if (bytes.length % 2 !== 0) return { ok: false, reason: `it starts with a UTF-16 byte order mark but has an odd number of bytes (${bytes.length})` };
  try {
    const text = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, encoding, exact: true };
  } catch {
    return { ok: false, reason: 'it starts with a UTF-16 byte order mark but is not valid UTF-16 (a broken surrogate pair)' };
  }
}

/** The bytes of `text` in `encoding`: the inverse of decodeText for every text it decoded exactly. */
export function encodeText(text: string, encoding: EnvEncoding): Buffer {
  if (encoding === 'utf8' || encoding === 'utf8-bom') return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  return encoding === 'utf16le' ? bytes : bytes.swap16();
}

/** True for UTF-16 text without a BOM: in its first characters, every other byte is zero. */
export function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const pairs = Math.min(bytes.length >> 1, 256);
  if (pairs < 2) return false;
  let zeroHigh = 0;
  let zeroLow = 0;
  for (let i = 0; i < pairs; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    if (b === 0 && a !== 0) zeroHigh++;
    if (a === 0 && b !== 0) zeroLow++;
  }
  return zeroHigh >= pairs * 0.9 || zeroLow >= pairs * 0.9;
}

export function describeEncoding(encoding: EnvEncoding): string {
  return { utf8: 'UTF-8', 'utf8-bom': 'UTF-8 with a byte order mark', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE' }[encoding];
}
