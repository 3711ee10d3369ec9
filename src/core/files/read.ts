import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The largest env file EnvGuard reads; anything bigger is almost certainly not an env file. */
export const MAX_ENV_FILE_BYTES = 64 * 1024 * 1024;

export type ReadProblem = 'missing' | 'not-a-file' | 'unreadable' | 'too-large' | 'binary';

/** Why a file could not be read as an env file; the message names the file and never its content. */
export class EnvFileError extends Error {
  constructor(readonly path: string, readonly problem: ReadProblem, message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

export interface EnvFileText {
  readonly text: string;
  /** False when the bytes were not valid UTF-8: the text holds replacement characters, so never write it back. */
  readonly exact: boolean;
  readonly warnings: readonly string[];
}

/** Reads an env file as dotenv does (UTF-8, BOM kept), refusing binary and oversized files clearly. */
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
    if (stat.size > MAX_ENV_FILE_BYTES) {
      throw new EnvFileError(path, 'too-large', `${label} is ${formatSize(stat.size)}; env files over ${formatSize(MAX_ENV_FILE_BYTES)} are not read`);
    }
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

export function decodeEnvBytes(path: string, bytes: Uint8Array, label: string = path): EnvFileText {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new EnvFileError(path, 'binary', `${label} is UTF-16 encoded; dotenv reads env files as UTF-8 (save it as UTF-8)`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new EnvFileError(path, 'binary', `${label} looks binary (a NUL byte at offset ${nul}); it is not a text env file`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), exact: true, warnings: [] };
  } catch {
    return {
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
      exact: false,
      warnings: [`${label} is not valid UTF-8; it was read with replacement characters, as dotenv would read it`],
    };
  }
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
