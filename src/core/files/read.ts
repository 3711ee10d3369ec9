import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeText, describeEncoding, looksLikeUtf16WithoutBom, type EnvEncoding } from './encoding';
import { encryptionOfBytes, encryptionOfText } from './encrypted';

export type { EnvEncoding } from './encoding';

/** The largest env file EnvGuard reads; anything bigger is almost certainly not an env file. */
export const MAX_ENV_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Why a file could not be read as an env file. `encrypted` is not a failure of the file: it holds
 * no plaintext (a scan skips it with a note). Every other problem means the file was not checked.
 */
export type ReadProblem = 'missing' | 'not-a-file' | 'unreadable' | 'too-large' | 'binary' | 'undecodable' | 'encrypted';

/** Why a file could not be read as an env file; the message names the file and never its content. */
export class EnvFileError extends Error {
  constructor(readonly path: string, readonly problem: ReadProblem, message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

export interface EnvFileText {
  /** The decoded text; a byte order mark stays in it as U+FEFF. */
  readonly text: string;
  /** How the file is encoded: a rewrite writes the text back in the same encoding. */
  readonly encoding: EnvEncoding;
  /** False when the bytes were not valid UTF-8: the text holds replacement characters, so never write it back. */
  readonly exact: boolean;
  readonly warnings: readonly string[];
}

/** Reads an env file (UTF-8, or UTF-16 with a BOM), refusing binary, encrypted and oversized files clearly. */
export function readEnvFile(path: string, label: string = path): Promise<EnvFileText> {
  try {
    return Promise.resolve(readEnvFileSync(path, label));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** One open, one fstat, one read: a scan reads hundreds of small files, and each call counts. */
export function readEnvFileSync(path: string, label: string = path): EnvFileText {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new EnvFileError(path, 'not-a-file', `${label} is not a file`);
    if (stat.size > MAX_ENV_FILE_BYTES) throw tooLarge(path, label, stat.size);
    bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break; // the file shrank while we read it
      read += n;
    }
    bytes = bytes.subarray(0, read);
  } catch (error) {
    if (error instanceof EnvFileError) throw error;
    throw fileSystemError(path, label, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return decodeEnvBytes(path, bytes, label);
}

export function tooLarge(path: string, label: string, size: number): EnvFileError {
  return new EnvFileError(path, 'too-large', `${label} is ${formatSize(size)}; env files over ${formatSize(MAX_ENV_FILE_BYTES)} are not read`);
}

/**
 * Decodes an env file's bytes. UTF-16 with a byte order mark (what Windows PowerShell writes) is
 * read as the user meant it, with a warning that dotenv itself reads UTF-8 only. A file encrypted
 * by a tool throws `encrypted`; NUL bytes (`binary`) and broken UTF-16 (`undecodable`) throw, so
 * that no caller mistakes an unread file for a clean one.
 */
export function decodeEnvBytes(path: string, bytes: Uint8Array, label: string = path): EnvFileText {
  const nul = bytes.indexOf(0);
  const decoded = decodeText(bytes);
  const binary = !decoded.ok || (decoded.encoding.startsWith('utf8') && (nul >= 0 || !decoded.exact));
  const tool = encryptionOfBytes(bytes, binary) ?? (decoded.ok ? encryptionOfText(decoded.text) : undefined);
  if (tool !== undefined) throw new EnvFileError(path, 'encrypted', `${label} is encrypted (${tool}); it holds no plaintext to check`);
  if (!decoded.ok) throw new EnvFileError(path, 'undecodable', `${label} cannot be decoded: ${decoded.reason}`);
  const { text, encoding, exact } = decoded;
  const nulChar = encoding.startsWith('utf16') ? text.indexOf('\0') : nul;
  if (nulChar >= 0) {
    const hint = encoding === 'utf8' && looksLikeUtf16WithoutBom(bytes) ? ' (it looks like UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with a BOM)' : '';
    throw new EnvFileError(path, 'binary', `${label} looks binary (a NUL ${encoding.startsWith('utf16') ? 'character' : 'byte'} at offset ${nulChar}); it is not a text env file${hint}`);
  }
  const warnings: string[] = [];
  if (!exact) warnings.push(`${label} is not valid UTF-8; it was read with replacement characters, as dotenv would read it`);
  if (encoding.startsWith('utf16')) {
    warnings.push(`${label} is ${describeEncoding(encoding)}: EnvGuard reads it, but dotenv reads env files as UTF-8 and would see none of its variables (save it as UTF-8)`);
  }
  return { text, encoding, exact, warnings };
}

function fileSystemError(path: string, label: string, error: unknown): EnvFileError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new EnvFileError(path, 'missing', `${label} does not exist`);
  if (code === 'EISDIR') return new EnvFileError(path, 'not-a-file', `${label} is a directory, not an env file`);
  if (code === 'EACCES' || code === 'EPERM') return new EnvFileError(path, 'unreadable', `${label} cannot be read: permission denied`);
  return new EnvFileError(path, 'unreadable', `${label} cannot be read (${code ?? 'unknown error'})`);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}
