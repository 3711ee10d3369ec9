import { Transform, type TransformCallback } from 'node:stream';

/** Values shorter than this are not masked: masking "1" or "abc" would garble all output. */
export const MIN_REDACTED_LENGTH = 4;

interface Needle {
  readonly bytes: Buffer;
  readonly replacement: Buffer;
}

/**
 * Masks secret values in a byte stream, also when a value is split across chunks: a chunk's end that
 * could be the start of a value is held back until the next chunk (or the end) decides.
 */
export class RedactingStream extends Transform {
  private readonly needles: Needle[];
  private pending: Buffer = Buffer.alloc(0);

  constructor(secrets: ReadonlyMap<string, string>) {
    super();
    const seen = new Set<string>();
    this.needles = [...secrets]
      .filter(([, value]) => value.length >= MIN_REDACTED_LENGTH && !seen.has(value) && seen.add(value))
      .map(([key, value]) => ({ bytes: Buffer.from(value, 'utf8'), replacement: Buffer.from(`[REDACTED:${key}]`, 'utf8') }))
      .sort((a, b) => b.bytes.length - a.bytes.length); // longest first, so a value containing another wins
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const { output, rest } = this.mask(data, false);
    this.pending = rest;
    if (output.length > 0) this.push(output);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    const { output } = this.mask(this.pending, true);
    if (output.length > 0) this.push(output);
    callback();
  }

  private mask(data: Buffer, final: boolean): { output: Buffer; rest: Buffer } {
    if (this.needles.length === 0) return { output: data, rest: Buffer.alloc(0) };
    const parts: Buffer[] = [];
    let cursor = 0;
    for (;;) {
      // The earliest occurrence of any value from the cursor; the longest one on ties.
      let best: { at: number; needle: Needle } | undefined;
      for (const needle of this.needles) {
        const at = data.indexOf(needle.bytes, cursor);
        if (at >= 0 && (!best || at < best.at)) best = { at, needle };
      }
      if (!best) break;
      parts.push(data.subarray(cursor, best.at), best.needle.replacement);
      cursor = best.at + best.needle.bytes.length;
    }
    const hold = final ? 0 : this.heldBack(data, cursor);
    parts.push(data.subarray(cursor, data.length - hold));
    return { output: Buffer.concat(parts), rest: Buffer.from(data.subarray(data.length - hold)) };
  }

  /** How many trailing bytes (after `from`) could be the beginning of a value. */
  private heldBack(data: Buffer, from: number): number {
    let hold = 0;
    for (const { bytes } of this.needles) {
      const first = bytes[0];
      for (let j = Math.max(from, data.length - bytes.length + 1); j < data.length; j++) {
        if (data[j] !== first) continue;
        const tail = data.subarray(j);
        if (bytes.subarray(0, tail.length).equals(tail)) {
          hold = Math.max(hold, data.length - j);
          break;
        }
      }
    }
    return hold;
  }
}
