import { VALUE_AS_WRITTEN, VALUE_INSIDE_QUOTES, type RawMatch } from './grammar';
import type { QuoteStyle } from './model';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What the python-dotenv and compose scanners share: the text, the furthest offset read
 * (StepScanner.reach, which re-parsing around an edit relies on), the one match object handed out
 * (refilled), and the moves that record what they read.
 */
export abstract class ReachRecordingScanner {
  protected readonly n: number;
  private furthest = 0;
  protected readonly match: Mutable<RawMatch> = {
    start: 0, exported: false, keyStart: 0, keyEnd: 0, separator: '=', rawStart: 0, rawEnd: 0, quote: 'none', commentStart: -1, commentEnd: -1, end: 0, unset: false,
  };

  constructor(protected readonly s: string) {
    this.n = s.length;
  }

  get reach(): number {
    return this.furthest;
  }

  startReachAt(offset: number): void {
    this.furthest = offset;
  }

  /** Records that the step looked at offset `i`; returns `i`. */
  protected read(i: number): number {
    if (i > this.furthest) this.furthest = i;
    return i;
  }

  /** The first offset from `i` whose character fails `predicate` (or the end). */
  protected skip(i: number, predicate: (c: number) => boolean): number {
    const { s, n } = this;
    while (i < n && predicate(s.charCodeAt(i))) i++;
    return this.read(i);
  }

  /** The LF ending the line that holds `i`, or the end of the text. */
  protected lineEnd(i: number): number {
    const lf = this.s.indexOf('\n', i);
    return this.read(lf < 0 ? this.n : lf);
  }
}

/** For grammars whose match holds the written value exactly (quotes included): its span, one refilled object. */
export function exactWrittenSpan(_s: string, m: RawMatch): { start: number; end: number } {
  written.start = m.rawStart;
  written.end = m.rawEnd;
  return written;
}

const written = { start: 0, end: 0 };

/** For grammars where a backslash is the only escape inside quotes: a value with none reads as written (or inside its quotes). */
export function plainUnlessEscaped(s: string, start: number, end: number, quote: QuoteStyle): number {
  if (quote === 'none' || start === end) return VALUE_AS_WRITTEN;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 0x5c) return -1; // escapes to decode
  return VALUE_INSIDE_QUOTES;
}
