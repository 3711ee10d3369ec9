/**
 * The decoded view of a child's output: percent-escapes (`%41`) and JSON/JavaScript/Python string
 * escapes (`\"`, `\\`, `\/`, `\n`, `\t`, `\u00e9`, surrogate pairs, `\x41` as a byte) turned back into
 * the bytes they stand for, one level deep, streaming (an escape cut by a chunk boundary waits for
 * the rest). Each decoded byte is reported with the span of output bytes it came from, so that a
 * match in this view masks the escapes themselves. Anything that is not a complete escape passes
 * through as it is.
 */

export type DecodedByteSink = (byte: number, start: number, end: number) => void;

export const PERCENT = 0x25;
export const BACKSLASH = 0x5c;

/** The longest escape: a surrogate pair, `\uD83D\uDE00`. */
const LONGEST_ESCAPE = 12;

/** Byte after `\` → the byte it stands for, -1 when it is not a one-character escape. */
const SIMPLE_ESCAPES = new Int16Array(256).fill(-1);
for (const [escape, byte] of [['"', 0x22], ["'", 0x27], ['\\', 0x5c], ['/', 0x2f], ['b', 0x08], ['f', 0x0c], ['n', 0x0a], ['r', 0x0d], ['t', 0x09], ['v', 0x0b]] as const) {
  SIMPLE_ESCAPES[escape.charCodeAt(0)] = byte;
}

/** What `read` found: a count of held bytes decoded (> 0), or one of these. */
const INCOMPLETE = 0;
const INVALID = -1;

export class EscapeDecoder {
  /** True while an escape is under way; otherwise the next byte, if not `%` or `\`, stands for itself. */
  holding = false;
  private readonly held = new Uint8Array(LONGEST_ESCAPE);
  private readonly positions = new Float64Array(LONGEST_ESCAPE);
  private count = 0;
  /** The bytes the last escape read stands for (UTF-8 of one character at most). */
  private readonly decoded = new Uint8Array(4);
  private decodedLength = 0;

  constructor(private readonly sink: DecodedByteSink) {}

  /** Where the escape under way began (only meaningful while holding). */
  get pendingStart(): number {
    return this.count > 0 ? this.positions[0]! : Number.POSITIVE_INFINITY;
  }

  push(byte: number, position: number): void {
    this.held[this.count] = byte;
    this.positions[this.count++] = position;
    this.settle(false);
  }

  /** The output ended: an escape left incomplete was not one. */
  end(): void {
    this.settle(true);
  }

  private settle(final: boolean): void {
    while (this.count > 0) {
      const read = this.read(final);
      if (read === INCOMPLETE && !final) break;
      if (read > 0) {
        const start = this.positions[0]!;
        const end = this.positions[read - 1]!;
        for (let i = 0; i < this.decodedLength; i++) this.sink(this.decoded[i]!, start, end);
        this.drop(read);
      } else {
        // Not an escape: its first byte stands for itself, the rest is read again.
        this.sink(this.held[0]!, this.positions[0]!, this.positions[0]!);
        this.drop(1);
      }
    }
    this.holding = this.count > 0;
  }

  private drop(n: number): void {
    this.held.copyWithin(0, n, this.count);
    this.positions.copyWithin(0, n, this.count);
    this.count -= n;
  }

  /** The hex number of `digits` held digits from `from`: -2 when they have not all arrived, -1 when one is not hex. */
  private hexAt(from: number, digits: number): number {
    let value = 0;
    for (let i = from; i < from + digits; i++) {
      if (i >= this.count) return -2;
      const digit = hexValue(this.held[i]!);
      if (digit < 0) return -1;
      value = value * 16 + digit;
    }
    return value;
  }

  /** Sets `decoded` to the UTF-8 of `codePoint` (a lone surrogate as U+FFFD, as UTF-8 writes it); returns `consumed`. */
  private decodedAs(codePoint: number, consumed: number): number {
    const out = this.decoded;
    const cp = codePoint >= 0xd800 && codePoint <= 0xdfff ? 0xfffd : codePoint;
    if (cp < 0x80) {
      out[0] = cp;
      this.decodedLength = 1;
    } else if (cp < 0x800) {
      out[0] = 0xc0 | (cp >> 6);
      out[1] = 0x80 | (cp & 0x3f);
      this.decodedLength = 2;
    } else if (cp < 0x10000) {
      out[0] = 0xe0 | (cp >> 12);
      out[1] = 0x80 | ((cp >> 6) & 0x3f);
      out[2] = 0x80 | (cp & 0x3f);
      this.decodedLength = 3;
    } else {
      out[0] = 0xf0 | (cp >> 18);
      out[1] = 0x80 | ((cp >> 12) & 0x3f);
      out[2] = 0x80 | ((cp >> 6) & 0x3f);
      out[3] = 0x80 | (cp & 0x3f);
      this.decodedLength = 4;
    }
    return consumed;
  }

  /** Sets `decoded` to one byte as it is (`%E9` and `\xE9` stand for a byte, not a character). */
  private decodedByte(byte: number, consumed: number): number {
    this.decoded[0] = byte;
    this.decodedLength = 1;
    return consumed;
  }

  /** Reads the held bytes: how many form one escape (its bytes in `decoded`), or INCOMPLETE, or INVALID. */
  private read(final: boolean): number {
    const held = this.held;
    const first = held[0];
    if (first === PERCENT) {
      const byte = this.hexAt(1, 2);
      return byte === -2 ? INCOMPLETE : byte < 0 ? INVALID : this.decodedByte(byte, 3);
    }
    if (first !== BACKSLASH) return INVALID;
    if (this.count < 2) return INCOMPLETE;
    const kind = held[1]!;
    const simple = SIMPLE_ESCAPES[kind]!;
    if (simple >= 0) return this.decodedByte(simple, 2);
    if (kind === 0x78 /* x */) {
      const byte = this.hexAt(2, 2);
      return byte === -2 ? INCOMPLETE : byte < 0 ? INVALID : this.decodedByte(byte, 4);
    }
    if (kind !== 0x75 /* u */) return INVALID;
    const unit = this.hexAt(2, 4);
    if (unit === -2) return INCOMPLETE;
    if (unit < 0) return INVALID;
    if (unit < 0xd800 || unit >= 0xdc00) return this.decodedAs(unit, 6);
    // A high surrogate: with the low one after it, one character; alone, U+FFFD.
    if (this.count > 6 && held[6] !== BACKSLASH) return this.decodedAs(unit, 6);
    if (this.count > 7 && held[7] !== 0x75) return this.decodedAs(unit, 6);
    const low = this.hexAt(8, 4);
    if (low === -2) return this.count < LONGEST_ESCAPE && !final ? INCOMPLETE : this.decodedAs(unit, 6);
    if (low < 0xdc00 || low > 0xdfff) return this.decodedAs(unit, 6);
    return this.decodedAs(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00), 12);
  }
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const folded = byte | 0x20;
  return folded >= 0x61 && folded <= 0x66 ? folded - 0x61 + 10 : -1;
}
