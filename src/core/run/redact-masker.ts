import { ByteAutomaton, type Needle } from './redact-automaton';
import { EscapeDecoder } from './redact-decoder';
import { foldByte, isRedactable, isSkippedSpace, needlesOf, PLUS as PLUS_SIGN } from './redact-forms';

export interface RedactionOptions {
  /** Mask pieces of a value printed apart (default true); the whole value and its encodings always are. */
  readonly fragments?: boolean;
}

const SKIP = -1;
const PERCENT = 0x25;
/** Read once: an imported binding can cost a getter call per byte where modules are not bundled. */
const PLUS = PLUS_SIGN;
const BACKSLASH = 0x5c;
/** Views in deeper states than this are not compared (the comparison costs the depth). */
const CONVERGE_DEPTH = 32;

/**
 * The released values compiled once into one automaton over all their forms; shared by every
 * stream that masks them (a child's stdout and stderr). Holds the values' forms in memory, as the
 * process environment holds the values themselves, and never anywhere else.
 */
export class Redaction {
  private constructor(
    readonly automaton: ByteAutomaton,
    /** `[REDACTED:KEY]` per needle id. */
    readonly replacements: readonly Buffer[],
    /** Output byte → automaton class in the raw view: SKIP for whitespace, 0 for a byte no needle has. */
    readonly rawClass: Int16Array,
    /** Byte → class in the decoded view, where `+` is a (form-encoded) space and skipped too. */
    readonly decodedClass: Int16Array,
    readonly needleCount: number,
  ) {}

  /** True when there is nothing to mask (every value too short): output passes as it is. */
  get empty(): boolean {
    return this.needleCount === 0;
  }

  static compile(secrets: ReadonlyMap<string, string>, options: RedactionOptions = {}): Redaction {
    const fragments = options.fragments ?? true;
    const replacements: Buffer[] = [];
    const needles: Needle[] = [];
    const seen = new Set<string>();
    for (const [key, value] of secrets) {
      if (seen.has(value) || !isRedactable(value)) continue;
      seen.add(value);
      const id = replacements.length;
      replacements.push(Buffer.from(`[REDACTED:${key}]`, 'utf8'));
      for (const bytes of needlesOf(value, { fragments })) needles.push({ bytes, id });
    }
    const automaton = ByteAutomaton.build(needles);
    const rawClass = new Int16Array(256);
    for (let byte = 0; byte < 256; byte++) rawClass[byte] = isSkippedSpace(byte) ? SKIP : automaton.classOf[foldByte(byte)]!;
    const decodedClass = rawClass.map((cls, byte) => (byte === PLUS ? SKIP : cls));
    return new Redaction(automaton, replacements, rawClass, decodedClass, needles.length);
  }
}

/** One way of reading the output (raw, or decoded) walking the automaton. */
class View {
  state = 0;
  /** Bytes of this view fed so far (skipped bytes and bytes no needle has do not count). */
  count = 0;
  /** Where each of the last bytes of this view began in the output, by `count` modulo the ring size. */
  readonly ring: Float64Array;

  constructor(size: number) {
    this.ring = new Float64Array(size);
  }
}

/**
 * Masks every released value and its forms in one byte stream, in one pass: two views of the output
 * (the bytes as they are; escapes decoded) walk one automaton; each match marks the span of output
 * bytes it came from; overlapping spans join, and each joined span is replaced by one
 * `[REDACTED:KEY]`. Output is released up to the earliest byte a later match could still start at,
 * so a value cut by a chunk boundary is caught whole.
 *
 * The two views read the same bytes until an escape (`%` or `\`) or a `+` comes: until then the
 * decoded view only shadows the raw one (same state, same positions) and costs nothing; from there it
 * walks on its own, until both are back in the same state with the same recent positions.
 */
export class Masker {
  /** Offset in the whole stream of the next byte written. */
  private position = 0;
  /** Output not released yet; its first byte is at `pendingStart`. */
  private pending: Buffer = Buffer.alloc(0);
  private pendingStart = 0;
  /** Spans to mask, sorted, disjoint, inclusive; `announced` when their replacement is already out. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly ids: number[] = [];
  private readonly announced: boolean[] = [];
  private readonly raw: View;
  private readonly decoded: View;
  /** True while the decoded view is the raw view (no escape since they last agreed). */
  private shadowing = true;
  private readonly decoder: EscapeDecoder;
  private readonly automaton: ByteAutomaton;
  private readonly ringMask: number;
  /** How much output may be held back before it is released anyway (memory stays bounded). */
  private readonly maxHold: number;

  constructor(private readonly redaction: Redaction) {
    this.automaton = redaction.automaton;
    const longest = this.automaton.longestNeedle;
    let ringSize = 16;
    while (ringSize < longest + 1) ringSize *= 2;
    this.ringMask = ringSize - 1;
    this.raw = new View(ringSize);
    this.decoded = new View(ringSize);
    this.decoder = new EscapeDecoder((byte, start, end) => this.read(this.decoded, this.redaction.decodedClass[byte]!, start, end));
    this.maxHold = Math.max(64 * 1024, 2 * (longest + 16));
  }

  /** Takes the next bytes; returns the output that can be released now. */
  write(chunk: Buffer): Buffer[] {
    if (this.redaction.empty) return [chunk];
    const chunkStart = this.position;
    const { rawClass, decodedClass } = this.redaction;
    const { denseRow, dense, edgeStart, edgeClass, edgeTarget, fail, outLength, outId } = this.automaton;
    const { raw, decoded, decoder, ringMask } = this;
    const ring = raw.ring;
    let state = raw.state;
    let count = raw.count;
    let position = this.position;
    let shadowing = this.shadowing;
    for (let i = 0; i < chunk.length; i++, position++) {
      const byte = chunk[i]!;
      if (!shadowing || byte === PERCENT || byte === BACKSLASH || byte === PLUS) {
        // The decoded view goes its own way from here (the raw view's state as it was before this byte).
        if (shadowing) {
          raw.state = state;
          raw.count = count;
          this.diverge();
          shadowing = false;
        }
        if (decoder.holding || byte === PERCENT || byte === BACKSLASH) decoder.push(byte, position);
        else this.read(decoded, decodedClass[byte]!, position, position);
      }
      const cls = rawClass[byte]!;
      if (cls === SKIP) continue;
      if (cls === 0) state = 0;
      else {
        ring[count & ringMask] = position;
        count++;
        // ByteAutomaton.next, inlined: this runs for every byte of output.
        for (;;) {
          const row = denseRow[state]!;
          if (row >= 0) {
            state = dense[row + cls]!;
            break;
          }
          const last = edgeStart[state + 1]!;
          let k = edgeStart[state]!;
          while (k < last && edgeClass[k] !== cls) k++;
          if (k < last) {
            state = edgeTarget[k]!;
            break;
          }
          state = fail[state]!;
        }
        const length = outLength[state]!;
        if (length > 0) this.cover(ring[(count - length) & ringMask]!, position, outId[state]!);
      }
      if (!shadowing && !decoder.holding && decoded.state === state) {
        raw.state = state;
        raw.count = count;
        shadowing = this.converged();
      }
    }
    this.shadowing = shadowing;
    raw.state = state;
    raw.count = count;
    this.position = position;
    return this.release(chunk, chunkStart, this.frontier());
  }

  /** The output ended: releases everything held back. */
  end(): Buffer[] {
    if (this.redaction.empty) return [];
    this.decoder.end();
    return this.release(Buffer.alloc(0), this.position, this.position);
  }

  /** The decoded view takes the raw view's state and recent positions, to walk on its own. */
  private diverge(): void {
    const { raw, decoded } = this;
    decoded.state = raw.state;
    decoded.count = raw.count;
    const depth = this.automaton.depth[raw.state]!;
    for (let k = raw.count - depth; k < raw.count; k++) decoded.ring[k & this.ringMask] = raw.ring[k & this.ringMask]!;
  }

  /** True when the views (in the same state) also agree on where that state's bytes began: shadowing again. */
  private converged(): boolean {
    const { raw, decoded } = this;
    const depth = this.automaton.depth[raw.state]!;
    if (depth > CONVERGE_DEPTH) return false;
    for (let k = 1; k <= depth; k++) {
      if (raw.ring[(raw.count - k) & this.ringMask] !== decoded.ring[(decoded.count - k) & this.ringMask]) return false;
    }
    return true;
  }

  /** Reads one byte (of class `cls`) in a view; a needle ending here marks its span. */
  private read(view: View, cls: number, start: number, end: number): void {
    if (cls === SKIP) return;
    if (cls === 0) {
      view.state = 0;
      return;
    }
    view.ring[view.count & this.ringMask] = start;
    view.count++;
    view.state = this.automaton.next(view.state, cls);
    const length = this.automaton.outLength[view.state]!;
    if (length > 0) this.cover(view.ring[(view.count - length) & this.ringMask]!, end, this.automaton.outId[view.state]!);
  }

  /** The earliest output byte a match not yet seen could start at. */
  private frontier(): number {
    const earliest = (view: View) => {
      const depth = this.automaton.depth[view.state]!;
      return depth > 0 ? view.ring[(view.count - depth) & this.ringMask]! : this.position;
    };
    // While shadowing, the decoded view's own fields are stale: it is the raw view.
    let frontier = earliest(this.raw);
    if (!this.shadowing) frontier = Math.min(frontier, earliest(this.decoded));
    if (this.decoder.holding) frontier = Math.min(frontier, this.decoder.pendingStart);
    return frontier;
  }

  /** Adds the span [start, end], joining the spans it overlaps. */
  private cover(start: number, end: number, id: number): void {
    const { starts, ends, ids, announced } = this;
    // A match whose beginning was already released (held back too long) masks what is left of it.
    let s = Math.max(start, this.pendingStart);
    const n = starts.length;
    if (n === 0 || s > ends[n - 1]!) {
      starts.push(s);
      ends.push(end);
      ids.push(id);
      announced.push(false);
      return;
    }
    const last = n - 1;
    if (s >= starts[last]!) {
      // The usual overlap: a longer or later match of what the last span holds.
      if (end > ends[last]!) {
        if (s === starts[last]) ids[last] = id; // longer from the same start: it names the span
        ends[last] = end;
      }
      return;
    }
    let after = n;
    while (after > 0 && starts[after - 1]! > end) after--;
    let first = after;
    while (first > 0 && ends[first - 1]! >= s) first--;
    // The span's name: the value that starts first in it (the longest on a tie).
    let e = end;
    let name = id;
    let nameStart = s;
    let nameLength = end - s;
    let said = false;
    for (let k = first; k < after; k++) {
      const length = ends[k]! - starts[k]!;
      if (starts[k]! < nameStart || (starts[k] === nameStart && length > nameLength)) {
        name = ids[k]!;
        nameStart = starts[k]!;
        nameLength = length;
      }
      s = Math.min(s, starts[k]!);
      e = Math.max(e, ends[k]!);
      said ||= announced[k]!;
    }
    starts.splice(first, after - first, s);
    ends.splice(first, after - first, e);
    ids.splice(first, after - first, name);
    announced.splice(first, after - first, said);
  }

  /**
   * Releases the output before `frontier`, except a span that reaches it (a later match could still
   * extend it). The output not released yet is the pending bytes, then `chunk` from `chunkStart`;
   * what is released is sliced from them, copied only where masks cut it into many parts.
   */
  private release(chunk: Buffer, chunkStart: number, frontier: number): Buffer[] {
    const { starts, ends, ids, announced } = this;
    let reaching = starts.length;
    while (reaching > 0 && ends[reaching - 1]! >= frontier) reaching--;
    let until = reaching < starts.length ? Math.min(frontier, starts[reaching]!) : frontier;
    // Too much held back (a span growing without end, or a match interrupted by a sea of
    // whitespace): release anyway. A span cut here says its name now and not again; a match that
    // began in what was released masks what is left of it (see cover).
    until = Math.max(until, this.position - this.maxHold);
    const parts: Buffer[] = [];
    const output = (from: number, to: number) => {
      if (from < chunkStart) parts.push(this.pending.subarray(from - this.pendingStart, Math.min(to, chunkStart) - this.pendingStart));
      if (to > chunkStart) parts.push(chunk.subarray(Math.max(from, chunkStart) - chunkStart, to - chunkStart));
    };
    let cursor = this.pendingStart;
    let done = 0;
    for (; done < starts.length && starts[done]! < until; done++) {
      const start = starts[done]!;
      if (start > cursor) output(cursor, start);
      if (!announced[done]) parts.push(this.redaction.replacements[ids[done]!]!);
      if (ends[done]! >= until) {
        // Cut by a forced release: the rest of the span stays, already named.
        starts[done] = until;
        announced[done] = true;
        cursor = until;
        break;
      }
      cursor = ends[done]! + 1;
    }
    starts.splice(0, done);
    ends.splice(0, done);
    ids.splice(0, done);
    announced.splice(0, done);
    if (until > cursor) output(cursor, until);
    // What stays is copied: a small tail, not the whole chunk kept alive.
    const kept: Buffer[] = [];
    const keptFrom = Math.max(until, cursor);
    if (keptFrom < chunkStart) kept.push(this.pending.subarray(keptFrom - this.pendingStart));
    if (this.position > Math.max(keptFrom, chunkStart)) kept.push(chunk.subarray(Math.max(keptFrom, chunkStart) - chunkStart));
    this.pending = Buffer.concat(kept);
    this.pendingStart = keptFrom;
    return parts.length <= 2 ? parts.filter((part) => part.length > 0) : [Buffer.concat(parts)];
  }
}
