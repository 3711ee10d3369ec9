/**
 * The forms a released value can take in a child's output, as the byte strings the redactor looks
 * for ("needles"). Matching is on a canonical view of the bytes (see `canonicalBytes`): ASCII letters
 * folded to lower case, whitespace skipped. So one needle stands for the value in any ASCII case,
 * wrapped over lines (`base64` wraps at 76, `xxd -p` at 60) or printed in pieces joined by newlines.
 * A second view reads escapes back (redact-decoder.ts), so URL and JSON escapes in any mix match the
 * value's own bytes; the standard encoders' forms are needles too, found whatever surrounds them.
 */

/**
 * Values shorter than this (not counting whitespace and `+`) are not masked: "1" or "abc" turn up in
 * any output, so masking them would garble it, and where the masks fall would tell which characters
 * the value has; such a value is guessed in a few tries anyway.
 */
export const MIN_REDACTED_LENGTH = 4;

/**
 * The shortest piece of a value masked on its own (in bytes): pieces printed apart (`echo ${T:0:20}`
 * then `echo ${T:20}`, with other text between) are caught when they are at least this long.
 */
export const MIN_FRAGMENT_BYTES = 8;

/**
 * A value inside a longer base64 text is recognised by the characters that depend on its bytes
 * alone; fewer than this many would match unrelated base64 too often (38 symbols once case is
 * folded: 38^8 ≈ 4·10^12 to one per position and needle).
 */
export const MIN_BASE64_CORE = 8;

/** Values longer than this get no fragment needles (a value of n bytes gives ~24·n trie nodes of them). */
export const MAX_FRAGMENTED_VALUE = 8 * 1024;

/** Values longer than this get only their own bytes as needles, not their encodings (memory). */
export const MAX_ENCODED_VALUE = 64 * 1024;

/** Bytes both views of the output leave out (and needles do not contain): ASCII whitespace. */
export function isSkippedSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** `+`: a space in form-encoded text (`a+b` for `a b`), so the decoded view leaves it out too. */
export const PLUS = 0x2b;

/** ASCII letters to lower case; every other byte as it is. */
export function foldByte(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/**
 * The bytes as a view of the output sees them: folded, whitespace left out, and `+` too for the
 * decoded view (`withoutPlus`).
 */
export function canonicalBytes(bytes: Uint8Array, withoutPlus = false): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (const byte of bytes) if (!isSkippedSpace(byte) && !(withoutPlus && byte === PLUS)) out[n++] = foldByte(byte);
  return out.subarray(0, n);
}

/**
 * True when the value is long enough to be masked at all: MIN_REDACTED_LENGTH characters besides
 * whitespace and `+` (which the decoded view leaves out, and every form must keep 4 bytes to match).
 */
export function isRedactable(value: string): boolean {
  return value.length >= MIN_REDACTED_LENGTH && canonicalBytes(Buffer.from(value, 'utf8'), true).length >= MIN_REDACTED_LENGTH;
}

/**
 * Every needle for one value, canonical and deduplicated (latin1 strings, one char per byte).
 * `fragments: false` leaves out the pieces (the whole value and its encodings stay).
 */
export function needlesOf(value: string, options: { readonly fragments: boolean }): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const texts: Buffer[] = [bytes];
  const upper = Buffer.from(value.toUpperCase(), 'utf8');
  const lower = Buffer.from(value.toLowerCase(), 'utf8');
  texts.push(upper, lower); // differ from folding only outside ASCII (Straße → STRASSE)
  if (bytes.length <= MAX_ENCODED_VALUE) {
    texts.push(...[hexOf(bytes), ...base64Forms(bytes), ...urlForms(bytes), ...jsonForms(value)].map((text) => Buffer.from(text, 'latin1')));
    if (options.fragments && bytes.length <= MAX_FRAGMENTED_VALUE) {
      for (const window of fragmentsOf(bytes)) texts.push(window, Buffer.from(hexOf(window), 'latin1'));
    }
  }
  const needles = new Set<string>();
  for (const text of texts) {
    for (const withoutPlus of [false, true]) {
      const needle = canonicalBytes(text, withoutPlus);
      if (needle.length >= MIN_REDACTED_LENGTH) needles.add(needle.toString('latin1'));
    }
  }
  return [...needles];
}

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

/**
 * Standard and URL-safe base64, padded and not, and for each of the three offsets a value can have
 * inside a longer base64 text (its first byte at position 0, 1 or 2 of a 3-byte group) the
 * characters that depend on the value's bits only. The characters at each end that mix in
 * neighbouring bytes (2 or 4 bits of the value) are not decidable and are left as they are.
 */
export function base64Forms(bytes: Uint8Array): string[] {
  const standard: string[] = [];
  const padded = Buffer.from(bytes).toString('base64');
  standard.push(padded, padded.replace(/=+$/, ''));
  for (let offset = 0; offset < 3; offset++) {
    const core = base64Core(bytes, offset);
    if (core.length >= MIN_BASE64_CORE) standard.push(core);
  }
  return [...standard, ...standard.map((text) => text.replace(/\+/g, '-').replace(/\//g, '_'))];
}

/** The base64 characters fully determined by `bytes` when they start `offset` bytes into a group. */
export function base64Core(bytes: Uint8Array, offset: number): string {
  const shifted = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + bytes.length)) / 6);
  return shifted.slice(first, end);
}

/**
 * encodeURIComponent's form (space as %20) and the form-encoding of URLSearchParams and HTML forms
 * (space as `+`). Other mixes (Python's quote, which escapes more) are read by the decoded view.
 * From bytes, so that a lone surrogate (which encodeURIComponent refuses) becomes U+FFFD as in UTF-8.
 */
export function urlForms(bytes: Uint8Array): string[] {
  return [percentEncode(bytes, URI_COMPONENT_KEPT, false), percentEncode(bytes, FORM_KEPT, true)];
}

const URI_COMPONENT_KEPT = new Set([...`-_.!~*'()`].map((c) => c.charCodeAt(0)));
const FORM_KEPT = new Set([...'-_.*'].map((c) => c.charCodeAt(0)));

function percentEncode(bytes: Uint8Array, kept: ReadonlySet<number>, spaceAsPlus: boolean): string {
  let out = '';
  for (const byte of bytes) {
    const alphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    if (alphanumeric || kept.has(byte)) out += String.fromCharCode(byte);
    else if (byte === 0x20 && spaceAsPlus) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The inside of a JSON string: JSON.stringify's (escapes quotes, backslashes, control characters),
 * and Python's json.dumps default (every non-ASCII code unit as \uXXXX too). Returned as UTF-8 text
 * read back as latin1 bytes, so that non-ASCII stays UTF-8.
 */
export function jsonForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const ascii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [json, ascii].map((text) => Buffer.from(text, 'utf8').toString('latin1'));
}

/**
 * Characters that cut a value into segments for fragments: whitespace and the punctuation of URLs,
 * connection strings, key=value lists and headers. A fragment never spans one, so that the
 * structure of `postgres://app:PW@db.internal:5432/shop` (host, port, scheme) is not masked when
 * printed alone; its password is.
 */
const SEGMENT_SEPARATORS = new Set([...` \t\n\r\v\f"'\`+:/@?#&=;,.()[]{}<>|\\`].map((c) => c.charCodeAt(0)));

/**
 * The pieces of a value masked on their own: every run of at least MIN_FRAGMENT_BYTES bytes (whole
 * UTF-8 characters) inside one segment that contains a digit or both lower- and upper-case ASCII
 * letters, what random tokens are made of and words (`postgres`, `localhost`, `-----BEGIN`) are not.
 */
export function fragmentsOf(bytes: Uint8Array): Buffer[] {
  const windows: Buffer[] = [];
  let segmentStart = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && !SEGMENT_SEPARATORS.has(bytes[i]!)) continue;
    if (i - segmentStart >= MIN_FRAGMENT_BYTES) windows.push(...windowsOf(Buffer.from(bytes.subarray(segmentStart, i))));
    segmentStart = i + 1;
  }
  return windows;
}

function windowsOf(segment: Buffer): Buffer[] {
  const isBoundary = (i: number) => i === segment.length || (segment[i]! & 0xc0) !== 0x80;
  const windows: Buffer[] = [];
  let end = 0;
  for (let start = 0; start + MIN_FRAGMENT_BYTES <= segment.length; start++) {
    if (!isBoundary(start)) continue;
    end = Math.max(end, start + MIN_FRAGMENT_BYTES);
    while (!isBoundary(end)) end++;
    const window = segment.subarray(start, end);
    if (looksRandom(window)) windows.push(window);
  }
  return windows;
}

function looksRandom(window: Uint8Array): boolean {
  let lower = false;
  let upper = false;
  for (const byte of window) {
    if (byte >= 0x30 && byte <= 0x39) return true;
    if (byte >= 0x61 && byte <= 0x7a) lower = true;
    else if (byte >= 0x41 && byte <= 0x5a) upper = true;
  }
  return lower && upper;
}
