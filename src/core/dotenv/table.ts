import { LineCursor } from './line-cursor';
import type { EnvEntry, QuoteStyle } from './model';
import { isLineTerminator } from './scanner';
import { VALUE_AS_WRITTEN, VALUE_INSIDE_QUOTES, VALUE_STORED, type Grammar, type GrammarFailure, type RawMatch, type StepScanner } from './grammar';

/**
 * The entries of a parsed file, as one loader reads it (its grammar), one row each in typed
 * arrays: 21 bytes an entry, however big the file. A 60 MB file of `A=1` lines has 15 million
 * entries; objects with their spans and strings took gigabytes. A row keeps what a scan needs for every entry (where the match starts, the
 * written value, the key's line and hash, how the value reads); the rest of an entry (spans, columns,
 * comment) is found again from the row's start, on demand, by re-running the scanner's step there
 * (a match depends on nothing before its start).
 *
 * Offsets in the rows are into `s`, the text as the loader sees it (dotenv and python-dotenv:
 * CRLF and CR normalised to LF; for LF-only text, `s` is the text itself); `toOriginal` maps them back.
 */
export class EntryTable {
  count = 0;
  private starts: Int32Array;
  private valueStarts: Int32Array;
  private valueEnds: Int32Array;
  private lines: Int32Array;
  /** A hash of each key, taken while its characters are at hand (duplicate keys are found by it). */
  private keyHashes: Int32Array;
  private flags: Uint8Array;
  /** Values that are not a slice of `s` (escapes, stripped quotes across lines…), by row. */
  private exceptions: Map<number, string> | undefined;
  private scanner: StepScanner | undefined;
  /** True when the text has no CR: `s` is the text and lines are found with indexOf. */
  readonly lfOnly: boolean;
  /** Where the loader gave up on the whole file, in the original text (see StepScanner.failure). */
  failure: GrammarFailure | undefined;

  constructor(readonly grammar: Grammar, readonly text: string, readonly s: string, readonly toOriginal: (offset: number) => number, capacity = 16) {
    this.lfOnly = s === text && !text.includes('\r');
    const size = Math.max(16, capacity);
    this.starts = new Int32Array(size);
    this.valueStarts = new Int32Array(size);
    this.valueEnds = new Int32Array(size);
    this.lines = new Int32Array(size);
    this.keyHashes = new Int32Array(size);
    this.flags = new Uint8Array(size);
  }

  /** Adds a match found by the scanner; `lines` is asked for the key's line (matches come in order). */
  add(m: RawMatch, lines: LineCursor): void {
    const { s, grammar } = this;
    const row = this.nextRow();
    const { start: valueStart, end: valueEnd } = grammar.writtenSpan(s, m);
    let kind = m.unset ? VALUE_AS_WRITTEN : grammar.plainKind(s, valueStart, valueEnd, m.quote);
    if (kind < 0) {
      const value = grammar.value(s, m);
      if (sliceEquals(s, valueStart, valueEnd, value)) kind = VALUE_AS_WRITTEN;
      else if (valueEnd - valueStart >= 2 && sliceEquals(s, valueStart + 1, valueEnd - 1, value)) kind = VALUE_INSIDE_QUOTES;
      else {
        kind = VALUE_STORED;
        (this.exceptions ??= new Map()).set(row, value);
      }
    }
    this.starts[row] = m.start;
    this.valueStarts[row] = valueStart;
    this.valueEnds[row] = valueEnd;
    this.lines[row] = lines.line(this.toOriginal(m.keyStart));
    this.keyHashes[row] = hashOfKey(s, m.keyStart, m.keyEnd);
    this.flags[row] = QUOTE_BITS[m.quote] | (m.exported ? EXPORTED : 0) | (m.separator === ':' ? COLON : 0) | (kind << KIND_SHIFT) | (m.unset ? UNSET : 0);
  }

  /**
   * Appends rows `from..to` of `source`, a table of a text that differs from this one only before
   * them: offsets move by `offsetDelta`, lines by `lineDelta` (both texts LF-only).
   */
  appendMoved(source: EntryTable, from: number, to: number, offsetDelta: number, lineDelta: number): void {
    for (let r = from; r < to; r++) {
      const row = this.nextRow();
      this.starts[row] = source.starts[r]! + offsetDelta;
      this.valueStarts[row] = source.valueStarts[r]! + offsetDelta;
      this.valueEnds[row] = source.valueEnds[r]! + offsetDelta;
      this.lines[row] = source.lines[r]! + lineDelta;
      this.keyHashes[row] = source.keyHashes[r]!;
      this.flags[row] = source.flags[r]!;
      const stored = source.exceptions?.get(r);
      if (stored !== undefined) (this.exceptions ??= new Map()).set(row, stored);
    }
  }

  keyAt(row: number): string {
    const start = this.keyStartAt(row);
    return this.s.slice(start, this.keyEndFrom(start));
  }

  /** Where the row's key starts in `s` (after `export` and its whitespace). */
  keyStartAt(row: number): number {
    return this.grammar.keyStart(this.s, this.starts[row]!, (this.flags[row]! & EXPORTED) !== 0);
  }

  /** Where a key starting at `start` ends. */
  keyEndFrom(start: number): number {
    return this.grammar.keyEnd(this.s, start);
  }

  valueAt(row: number): string {
    const kind = (this.flags[row]! >> KIND_SHIFT) & KIND_MASK;
    if (kind === VALUE_AS_WRITTEN) return this.s.slice(this.valueStarts[row], this.valueEnds[row]);
    if (kind === VALUE_INSIDE_QUOTES) return this.s.slice(this.valueStarts[row]! + 1, this.valueEnds[row]! - 1);
    return this.exceptions!.get(row)!;
  }

  lineAt(row: number): number {
    return this.lines[row]!;
  }

  /** Where the row's match starts, in `s`. */
  startAt(row: number): number {
    return this.starts[row]!;
  }

  /** The row's written value span, in `s`. */
  valueStartAt(row: number): number {
    return this.valueStarts[row]!;
  }

  valueEndAt(row: number): number {
    return this.valueEnds[row]!;
  }

  keyHashAt(row: number): number {
    return this.keyHashes[row]!;
  }

  /** True when two rows have the same key (compared in the text, no string built). */
  sameKey(a: number, b: number): boolean {
    const { s } = this;
    const aStart = this.keyStartAt(a);
    const bStart = this.keyStartAt(b);
    const length = this.keyEndFrom(aStart) - aStart;
    if (this.keyEndFrom(bStart) - bStart !== length) return false;
    for (let i = 0; i < length; i++) if (s.charCodeAt(aStart + i) !== s.charCodeAt(bStart + i)) return false;
    return true;
  }

  quoteAt(row: number): QuoteStyle {
    return QUOTE_STYLES[this.flags[row]! & QUOTE_MASK]!;
  }

  exportedAt(row: number): boolean {
    return (this.flags[row]! & EXPORTED) !== 0;
  }

  separatorAt(row: number): '=' | ':' {
    return (this.flags[row]! & COLON) !== 0 ? ':' : '=';
  }

  /** True when the row names its key without assigning it (see RawMatch.unset). */
  unsetAt(row: number): boolean {
    return (this.flags[row]! & UNSET) !== 0;
  }

  /** Everything else about a row's entry, from the scanner's step at its start. */
  detailAt(row: number): EntryDetail {
    const { s, text } = this;
    this.scanner ??= this.grammar.scanner(s);
    const m = this.scanner.matchAt(this.starts[row]!);
    if (!m) throw new Error('internal: an entry no longer matches where it was found');
    const o = this.toOriginal;
    // An inline comment belongs to the entry only when it sits on the value's own line.
    // (Other grammars report a comment only where it sits on the value's line.)
    const sameLineComment = m.commentStart >= 0 && (this.grammar.dialect !== 'dotenv' || !containsLineBreak(s, m.rawEnd, m.commentStart));
    const keyStart = o(m.keyStart);
    const valueStart = o(this.valueStarts[row]!);
    const valueEnd = o(this.valueEnds[row]!);
    const lines = new LineCursor(text, keyStart, this.lines[row], startOfLine(text, keyStart), this.lfOnly);
    lines.line(keyStart);
    const column = lines.column;
    const valueLine = lines.line(valueStart);
    const valueColumn = lines.column;
    const valueEndLine = valueEnd > valueStart ? lines.line(valueEnd - 1) : valueLine;
    // Exclusive: one column past the value's last character.
    const valueEndColumn = valueEnd > valueStart ? lines.column + 1 : valueColumn;
    return {
      start: o(m.start),
      end: o(sameLineComment ? m.commentEnd : m.rawEnd),
      keySpan: { start: keyStart, end: o(m.keyEnd) },
      valueSpan: { start: valueStart, end: valueEnd },
      rawValueSpan: { start: o(m.rawStart), end: o(m.rawEnd) },
      commentStart: sameLineComment ? o(m.commentStart) : -1,
      column, valueLine, valueColumn, valueEndLine, valueEndColumn,
    };
  }

  private nextRow(): number {
    if (this.count === this.starts.length) {
      const size = this.count * 2;
      this.starts = grown(this.starts, size);
      this.valueStarts = grown(this.valueStarts, size);
      this.valueEnds = grown(this.valueEnds, size);
      this.lines = grown(this.lines, size);
      this.keyHashes = grown(this.keyHashes, size);
      const flags = new Uint8Array(size);
      flags.set(this.flags);
      this.flags = flags;
    }
    return this.count++;
  }
}

/** What a row's entry has beyond key, value and line: found again from the row, on demand. */
export type EntryDetail = Pick<EnvEntry, 'keySpan' | 'valueSpan' | 'rawValueSpan' | 'column' | 'valueLine' | 'valueColumn' | 'valueEndLine' | 'valueEndColumn'> & {
  readonly start: number;
  readonly end: number;
  /** Where the same-line comment starts (it runs to `end`), or -1. */
  readonly commentStart: number;
};

const QUOTE_STYLES: readonly QuoteStyle[] = ['none', 'single', 'double', 'backtick'];
const QUOTE_BITS: Record<QuoteStyle, number> = { none: 0, single: 1, double: 2, backtick: 3 };
const QUOTE_MASK = 0b11;
const EXPORTED = 0b100;
const COLON = 0b1000;
/** Bits 4-5: VALUE_AS_WRITTEN (the written span), VALUE_INSIDE_QUOTES, VALUE_STORED (kept as a string). */
const KIND_SHIFT = 4;
const KIND_MASK = 0b11;
const UNSET = 0b1000000;

/** FNV-1a over the key's characters. */
function hashOfKey(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function grown(array: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

function sliceEquals(s: string, start: number, end: number, value: string): boolean {
  return value.length === end - start && s.startsWith(value, start);
}

/** dotenv's line terminators (LF, LS, PS) between two offsets of `s`. */
function containsLineBreak(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLineTerminator(s.charCodeAt(i))) return true;
  return false;
}

/** Where the line holding `offset` starts (editors' line breaks: LF, CR, CRLF). */
function startOfLine(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x0a || c === 0x0d) break;
    i--;
  }
  return i;
}
