import { promises as fs } from 'node:fs';

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
export async function readEnvFile(path: string, label: string = path): Promise<EnvFileText> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw new EnvFileError(path, 'not-a-file', `${label} is not a file`);
    if (stat.size > MAX_ENV_FILE_BYTES) {
      throw new EnvFileError(path, 'too-large', `${label} is ${formatSize(stat.size)}; env files over ${formatSize(MAX_ENV_FILE_BYTES)} are not read`);
    }
    bytes = await fs.readFile(path);
  } catch (error) {
    if (error instanceof EnvFileError) throw error;
    throw fileSystemError(path, label, error);
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
