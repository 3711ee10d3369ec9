/**
 * Helpers for the redaction tests: the encodings a value can take, computed with the platform's own
 * encoders (not the redactor's), and a run of the redactor over chunked input.
 */
import { RedactingStream } from '../../../src/core/run/redact';

/** Feeds `input` to a RedactingStream cut at `cuts` (offsets), returns everything it gave out. */
export async function redact(secrets: ReadonlyMap<string, string>, input: string | Buffer, cuts: readonly number[] = []): Promise<string> {
  return (await redactBytes(secrets, Buffer.from(input), cuts)).toString('utf8');
}

export async function redactBytes(secrets: ReadonlyMap<string, string>, input: Buffer, cuts: readonly number[] = []): Promise<Buffer> {
  const stream = new RedactingStream(secrets);
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
  let from = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < input.length).sort((a, b) => a - b)) {
    stream.write(input.subarray(from, cut));
    from = cut;
  }
  stream.end(input.subarray(from));
  await ended;
  return Buffer.concat(out);
}

/** True when every character is ASCII (mixed case is promised for ASCII letters only). */
export function isAscii(text: string): boolean {
  return [...text].every((c) => c.charCodeAt(0) < 0x80);
}

/** Every byte as %XX (lower-case hex): what no encoder writes, but a decoder reads. */
function percentAll(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** Python's `urllib.parse.quote(value, safe='')`: only A-Z a-z 0-9 `_.-~` kept. */
function pythonQuote(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9_.\-~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Python's `json.dumps(value)` (ensure_ascii): every non-ASCII UTF-16 unit as \uXXXX. */
function jsonAscii(value: string): string {
  return JSON.stringify(value).slice(1, -1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Wraps text at `width` columns, as `base64` (76) or `xxd -p` (60) print it. */
export function wrap(text: string, width: number): string {
  return text.replace(new RegExp(`(.{${width}})`, 'g'), '$1\n');
}

/** The encodings of a value the redactor promises to mask, by name. */
export function encodingsOf(value: string): Record<string, string> {
  const bytes = Buffer.from(value, 'utf8');
  const base64 = bytes.toString('base64');
  const forms: Record<string, string> = {
    raw: value,
    'upper case': value.toUpperCase(),
    'lower case': value.toLowerCase(),
    // ASCII letters only: other scripts are caught upper- or lower-cased as a whole.
    'mixed case': [...value].map((c, i) => (c < '\x80' && i % 2 ? c.toUpperCase() : c < '\x80' ? c.toLowerCase() : c)).join(''),
    'base64 padded': base64,
    'base64 unpadded': base64.replace(/=+$/, ''),
    'base64url padded': base64.replace(/\+/g, '-').replace(/\//g, '_'),
    'base64url unpadded': bytes.toString('base64url'),
    'base64 wrapped at 76': wrap(base64, 76),
    'hex lower': bytes.toString('hex'),
    'hex upper': bytes.toString('hex').toUpperCase(),
    'hex wrapped at 60 (xxd -p)': wrap(bytes.toString('hex'), 60),
    'hex in groups of 4 (xxd)': bytes.toString('hex').replace(/(.{4})/g, '$1 '),
    'json (JSON.stringify)': JSON.stringify(value).slice(1, -1),
    'json (ensure_ascii)': jsonAscii(value),
    'json, every UTF-16 unit \\u-escaped': value.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    'every byte \\x-escaped': [...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''),
    'URLSearchParams': new URLSearchParams({ v: value }).toString().slice(2),
    'python quote': pythonQuote(value),
    'every byte %-escaped': percentAll(value),
  };
  try {
    forms.encodeURIComponent = encodeURIComponent(value);
  } catch {
    // A lone surrogate: encodeURIComponent refuses it.
  }
  return forms;
}
