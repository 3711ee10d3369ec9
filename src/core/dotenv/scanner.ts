/**
 * A linear-time scanner that finds exactly the matches of dotenv 17's LINE regular expression:
 *
 *   /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|
 *    \s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg
 *
 * run over the text with CRLF and CR normalised to LF. The regex itself backtracks (quadratically on
 * long blank runs or unterminated quotes); this scanner reproduces the outcome of that backtracking
 * without it. Each rule below is the regex's behaviour, derived once and pinned by the differential
 * tests against the real `dotenv` package (test/unit/dotenv/differential.test.ts).
 *
 * Offsets here are into the normalised text.
 */

import type { GrammarFailure, RawMatch, StepScanner } from './grammar';

export type { RawMatch } from './grammar';

const HASH = 0x23;
const LF = 0x0a;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const COLON = 0x3a;
const QUOTE_STYLE: Record<number, RawMatch['quote']> = { 0x27: 'single', 0x22: 'double', 0x60: 'backtick' };

/** JavaScript's `\s` (WhiteSpace and LineTerminator), as the regex and String.prototype.trim see it. */
export function isJsWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Line terminators for `^`, `$` and `.` once CR is gone: LF, LS, PS. */
export function isLineTerminator(c: number): boolean {
  return c === LF || c === 0x2028 || c === 0x2029;
}

/** `[\w.-]`: the characters of a key. */
export function isKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d;
}

export class DotenvScanner implements StepScanner {
  /** dotenv reads every file to its end. */
  readonly failure: GrammarFailure | undefined = undefined;

  private readonly n: number;

  constructor(private readonly s: string) {
    this.n = s.length;
  }

  /**
   * The furthest offset any step so far has read (or the text's length). A match whose reach is
   * before an edit cannot change with it: what incremental re-parsing relies on.
   */
  get reach(): number {
    return this.furthest;
  }

  /**
   * Scans from `from`, a position the full scan visits (0 or the end of a match), calling
   * `onMatch` with each match until it returns false. The regex's state between matches is its
   * lastIndex alone, so a scan resumed there gives exactly what the full scan gives.
   */
  scan(from: number, onMatch: (match: RawMatch) => boolean): void {
    const { s, n } = this;
    let i = from;
    while (i < n) {
      // The next line start at or after i.
      let lineStart = i;
      if (i > 0 && !isLineTerminator(s.charCodeAt(i - 1))) {
        const lt = this.nextLineTerminator(i);
        if (lt < 0) break;
        lineStart = lt + 1;
      }
      // `\s*` must eat the whole run: the key or `export` cannot start with whitespace.
      const q = this.skipWhitespace(lineStart);
      if (q >= n) break;
      const match = this.matchAt(q);
      if (match) {
        if (!onMatch(match)) return;
        i = match.end;
        if (i <= q) i = q + 1; // cannot happen (end is past the key); guards the loop.
      } else {
        // Every line start between lineStart and q reaches the same q and fails too.
        i = q + 1;
      }
    }
  }

  /** Starts the reach at `offset` (a resumed scan carries on the reach of the steps before it). */
  startReachAt(offset: number): void {
    this.furthest = offset;
  }

  private furthest = 0;

  /** Records that the character at `i` was read. */
  private read(i: number): number {
    if (i > this.furthest) this.furthest = i;
    return i;
  }

  /**
   * The match of a step at q, the first non-whitespace character of a line's step (where `scan`
   * found a match before): a match depends on nothing before q, so this gives that match again.
   */
  matchAt(q: number): RawMatch | undefined {
    const { s } = this;
    // `(?:export\s+)?` is greedy: try with the prefix first, then without.
    this.read(q + 6);
    if (s.startsWith('export', q) && isJsWhitespace(s.charCodeAt(q + 6))) {
      const keyStart = this.skipWhitespace(q + 6);
      const keyEnd = this.keyEnd(keyStart);
      if (keyEnd > keyStart) {
        const found = this.afterKey(q, true, keyStart, keyEnd);
        if (found) return found;
      }
    }
    const keyEnd = this.keyEnd(q);
    // The key is always the whole run of key characters: a shorter one leaves a key char where
    // the separator must be.
    if (keyEnd === q) return undefined;
    return this.afterKey(q, false, q, keyEnd);
  }

  private afterKey(start: number, exported: boolean, keyStart: number, keyEnd: number): RawMatch | undefined {
    const { s, n } = this;
    const t = this.skipWhitespace(keyEnd);
    let v: number;
    let separator: '=' | ':';
    if (t < n && s.charCodeAt(t) === EQUALS) {
      separator = '=';
      v = t + 1; // `\s*?` is lazy, and the rest always matches with zero of it (see value()).
    } else if (s.charCodeAt(keyEnd) === COLON && this.read(keyEnd + 1) < n && isJsWhitespace(s.charCodeAt(keyEnd + 1))) {
      separator = ':';
      v = keyEnd + 2; // `:\s+?`: exactly one whitespace character, lazily.
    } else {
      return undefined;
    }
    return this.value(start, exported, keyStart, keyEnd, separator, v);
  }

  /**
   * The value group and the tail from v. The alternatives are tried in the regex's order; with
   * the lazy separator at its minimum one of them always succeeds, so the match never fails here.
   */
  private value(start: number, exported: boolean, keyStart: number, keyEnd: number, separator: '=' | ':', v: number): RawMatch {
    const { s, n } = this;
    const g = this.skipWhitespace(v);
    const style = g < n ? QUOTE_STYLE[s.charCodeAt(g)] : undefined;
    let rawEnd = v;
    let quote: RawMatch['quote'] = 'none';
    const close = style ? this.quoted(g) : -1;
    if (close >= 0) {
      rawEnd = close + 1;
      quote = style!;
    } else {
      const first = v < n ? s.charCodeAt(v) : -1;
      if (first !== -1 && first !== HASH && first !== LF) {
        // `[^#\r\n]+` greedy; its tail always succeeds at the longest length.
        while (rawEnd < n) {
          const c = s.charCodeAt(rawEnd);
          if (c === HASH || c === LF) break;
          rawEnd++;
        }
        this.read(rawEnd);
      }
      this.tail(rawEnd); // always succeeds here (at `#`, LF or the end)
    }
    const m = this.match;
    m.start = start;
    m.exported = exported;
    m.keyStart = keyStart;
    m.keyEnd = keyEnd;
    m.separator = separator;
    m.rawStart = v;
    m.rawEnd = rawEnd;
    m.quote = quote;
    m.commentStart = this.tailCommentStart;
    m.commentEnd = this.tailCommentEnd;
    m.end = this.tailEnd;
    return m;
  }

  /**
   * The one match object of this scanner, refilled for each match: a file of millions of lines
   * would otherwise make millions of them. Callers read it when they get it and never keep it.
   */
  private readonly match: { -readonly [K in keyof RawMatch]: RawMatch[K] } = {
    start: 0, exported: false, keyStart: 0, keyEnd: 0, separator: '=', rawStart: 0, rawEnd: 0, quote: 'none', commentStart: -1, commentEnd: -1, end: 0, unset: false,
  };

  /**
   * `Q(?:\\Q|[^Q])*Q` from the opening quote at g, followed by a matching tail. The body greedily
   * runs to P, the first quote not preceded by a backslash; backtracking then offers, in
   * decreasing order, P and each backslash-escaped quote before it as the closing quote.
   */
  private quoted(g: number): number {
    const { s, n } = this;
    const q = s.charCodeAt(g);
    let escaped: number[] | undefined;
    let close = -1;
    let j = g + 1;
    for (; j < n; j++) {
      if (s.charCodeAt(j) !== q) continue;
      if (s.charCodeAt(j - 1) === BACKSLASH && j - 1 > g) {
        (escaped ??= []).push(j);
      } else {
        close = j;
        break;
      }
    }
    this.read(j);
    if (close >= 0 && this.tail(close + 1)) return close;
    if (escaped) {
      for (let k = escaped.length - 1; k >= 0; k--) {
        const j = escaped[k]!;
        if (this.tail(j + 1)) return j;
      }
    }
    return -1;
  }

  /**
   * `\s*(?:#.*)?$` from e. Greedy `\s*` reaches f, the end of the whitespace run; it succeeds at f
   * when f is the end or a `#`, and otherwise backtracks to the last line terminator in the run.
   */
  private tail(e: number): boolean {
    const { s, n } = this;
    const f = this.skipWhitespace(e);
    if (f >= n) return this.setTail(-1, n, n);
    if (s.charCodeAt(f) === HASH) {
      const lt = this.nextLineTerminator(f);
      const end = lt < 0 ? n : lt;
      return this.setTail(f, end, end);
    }
    for (let k = f - 1; k >= e; k--) {
      if (isLineTerminator(s.charCodeAt(k))) return this.setTail(-1, k, k);
    }
    return false;
  }

  // The tail's outcome, kept in fields rather than returned as objects: a big file has
  // hundreds of thousands of matches and these were most of the garbage.
  private tailCommentStart = -1;
  private tailCommentEnd = -1;
  private tailEnd = -1;

  private setTail(commentStart: number, commentEnd: number, end: number): true {
    this.tailCommentStart = commentStart;
    this.tailCommentEnd = commentEnd;
    this.tailEnd = end;
    return true;
  }

  private skipWhitespace(i: number): number {
    const { s, n } = this;
    while (i < n && isJsWhitespace(s.charCodeAt(i))) i++;
    return this.read(i);
  }

  private keyEnd(i: number): number {
    const { s, n } = this;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    return this.read(i);
  }

  private nextLineTerminator(i: number): number {
    const { s, n } = this;
    for (; i < n; i++) if (isLineTerminator(s.charCodeAt(i))) return this.read(i);
    this.read(n);
    return -1;
  }
}
