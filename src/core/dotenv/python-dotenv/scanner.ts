/**
 * A linear-time scanner that reads an env file exactly as python-dotenv's parser does
 * (`dotenv/parser.py`, the same in 0.21 and 1.x), over the text as Python's universal newlines
 * give it to the parser (CRLF and CR read as LF; a byte order mark is NOT removed: python-dotenv
 * opens files as `utf-8`, so U+FEFF starts the first key). The parser reads one binding at a time,
 * each from where the last one ended:
 *
 *   1. `\s*` (Python's whitespace, line breaks included) is skipped; at the end there is nothing.
 *   2. `(?:export[^\S\r\n]+)?`: `export` and the spaces after it, greedily, with no way back:
 *      `export =1` is an error, `export` alone is a key named `export`.
 *   3. The key: at `#` there is none (a comment line); `'([^']+)'` when it starts with a quote
 *      (it may span lines); else `[^=#\s]+`. No key: an error.
 *   4. `[^\S\r\n]*`, then `=` and `[^\S\r\n]*`, then the value; without `=` the key has no value
 *      (`dotenv_values` gives None, `load_dotenv` sets nothing, and an earlier value of the key is gone).
 *   5. The value: `'((?:\\'|[^'])*)'` or `"((?:\\"|[^"])*)"` when it starts with that quote (no
 *      closing quote: an error; see closingQuote), empty at a line end, else the rest of the line
 *      cut at the first `#` that follows whitespace (`re.sub(r"\s+#.*", "", part)`), then
 *      `rstrip()`: `pa55#w0rd` is one value, `a #b` is `a`, and `A= #b` is `#b`.
 *   6. `(?:[^\S\r\n]*#[^\r\n]*)?` (a comment) and `[^\S\r\n]*(?:\r\n|\n|\r|$)`: anything else after a
 *      quoted value is an error.
 *   An error drops the binding and `[^\r\n]*(?:\r|\n|\r\n)?` skips the rest of the line from where
 *   the parser stood: an unterminated quote loses only its own line.
 *
 * Python's regexes backtrack quadratically on some inputs (an unterminated quote on every line);
 * this scanner reproduces the outcome without it. Pinned by the differential tests against the real
 * python-dotenv (test/unit/dotenv/python-dotenv.test.ts).
 */
import type { GrammarFailure, RawMatch, StepScanner } from '../grammar';
import { ReachRecordingScanner } from '../step-scanner-base';

const LF = 0x0a;
const HASH = 0x23;
const EQUALS = 0x3d;
const SINGLE = 0x27;
const DOUBLE = 0x22;
const BACKSLASH = 0x5c;

/** Python's `\s` and `str.isspace()` (the same set for str patterns). */
export function isPythonWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** `[^\S\r\n]`: whitespace within a line. */
export function isPythonLineSpace(c: number): boolean {
  return c !== LF && c !== 0x0d && isPythonWhitespace(c);
}

export class PythonDotenvScanner extends ReachRecordingScanner implements StepScanner {
  /** python-dotenv never gives up on a file: a line it cannot read is skipped with a warning. */
  readonly failure: GrammarFailure | undefined = undefined;
  /** Where the step last run ends (the next binding starts there). */
  private next = 0;
  // Searches whose answers later steps ask again (an unterminated quote on every line would make them quadratic).
  private readonly unescaped = new Map<number, { from: number; at: number }>();
  private readonly plain = new Map<number, { from: number; at: number }>();
  private readonly last = new Map<number, number>();

  scan(from: number, onMatch: (match: RawMatch) => boolean): void {
    let p = from;
    while (p < this.n) {
      const q = this.skip(p, isPythonWhitespace);
      if (q >= this.n) break;
      const found = this.step(q);
      if (found && !onMatch(found)) return;
      p = this.next > q ? this.next : q + 1;
    }
  }

  matchAt(start: number): RawMatch | undefined {
    return this.step(start);
  }

  /** One binding from q, its first non-whitespace character: the entry it sets, if any; `next` is where it ends. */
  private step(q: number): RawMatch | undefined {
    const { s, n } = this;
    let k = q;
    let exported = false;
    this.read(q + 6);
    if (s.startsWith('export', q) && isPythonLineSpace(s.charCodeAt(q + 6))) {
      k = this.skip(q + 6, isPythonLineSpace);
      exported = true;
    }
    if (k >= n) return this.error(k);
    const c = s.charCodeAt(this.read(k));
    if (c === HASH) {
      // A comment: no key, and `_comment` takes the rest of the line.
      this.next = this.after(this.lineEnd(k));
      return undefined;
    }
    let keyStart = k;
    let keyEnd: number;
    let afterKey: number;
    if (c === SINGLE) {
      const close = this.nextPlain(SINGLE, k + 1);
      if (close < 0 || close === k + 1) return this.error(k);
      keyStart = k + 1;
      keyEnd = close;
      afterKey = close + 1;
    } else {
      keyEnd = this.skip(k, (ch) => ch !== EQUALS && ch !== HASH && !isPythonWhitespace(ch));
      if (keyEnd === k) return this.error(k);
      afterKey = keyEnd;
    }
    const m = this.match;
    m.start = q;
    m.exported = exported;
    m.keyStart = keyStart;
    m.keyEnd = keyEnd;
    m.separator = '=';
    m.quote = 'none';
    m.commentStart = -1;
    m.commentEnd = -1;
    m.unset = false;
    const t = this.skip(afterKey, isPythonLineSpace);
    if (t >= n || s.charCodeAt(t) !== EQUALS) {
      m.unset = true;
      m.rawStart = m.rawEnd = afterKey;
      return this.tail(t) ? this.done() : this.error(t);
    }
    const v = this.skip(t + 1, isPythonLineSpace);
    const first = v < n ? s.charCodeAt(v) : -1;
    if (first === SINGLE || first === DOUBLE) {
      const close = this.closingQuote(v, first);
      if (close < 0) return this.error(v);
      m.rawStart = v;
      m.rawEnd = close + 1;
      m.quote = first === SINGLE ? 'single' : 'double';
      return this.tail(close + 1) ? this.done() : this.error(close + 1);
    }
    m.rawStart = m.rawEnd = v;
    if (first === -1 || first === LF) return this.tail(v) ? this.done() : this.error(v);
    // Unquoted: the rest of the line, cut at the first `#` after whitespace, then rstrip().
    const end = this.lineEnd(v);
    let cut = end;
    for (let i = v + 1; i < end; i++) {
      if (s.charCodeAt(i) === HASH && isPythonWhitespace(s.charCodeAt(i - 1))) {
        cut = i;
        m.commentStart = i;
        m.commentEnd = end;
        break;
      }
    }
    while (cut > v && isPythonWhitespace(s.charCodeAt(cut - 1))) cut--;
    m.rawEnd = cut;
    this.next = this.after(end);
    return this.done();
  }

  /** The match, ending where the next binding starts. */
  private done(): RawMatch {
    this.match.end = this.next;
    return this.match;
  }

  /** `_comment` then `_end_of_line` from `i`: sets the comment and `next`; false when the line holds anything else. */
  private tail(i: number): boolean {
    const { s, n } = this;
    let a = this.skip(i, isPythonLineSpace);
    if (a < n && s.charCodeAt(a) === HASH) {
      const end = this.lineEnd(a);
      this.match.commentStart = a;
      this.match.commentEnd = end;
      a = end;
    }
    if (a < n && s.charCodeAt(a) !== LF) return false;
    this.next = this.after(a);
    return true;
  }

  /** Past the line break at `lineEnd` (or the end of the text). */
  private after(lineEnd: number): number {
    return lineEnd < this.n ? lineEnd + 1 : this.n;
  }

  /** A binding the parser cannot read: dropped, and the rest of the line from `at` skipped. */
  private error(at: number): undefined {
    this.next = this.after(this.lineEnd(at));
    return undefined;
  }

  /**
   * The closing quote of a value opened at v. The body `(?:\\Q|[^Q])*` pairs a backslash with the
   * quote after it, so it runs greedily to the first quote not preceded by a backslash: that one
   * closes. When there is none, backtracking gives the last pair back and its quote closes: the last
   * quote of the text. No quote after v at all: -1 (an error).
   */
  private closingQuote(v: number, quote: number): number {
    const unescaped = this.nextUnescaped(quote, v + 1);
    if (unescaped >= 0) return unescaped;
    let last = this.last.get(quote);
    if (last === undefined) this.last.set(quote, (last = this.s.lastIndexOf(String.fromCharCode(quote))));
    return last > v ? last : -1;
  }

  /** The first `quote` at or after `from` not preceded by a backslash (reads to the end when none). */
  private nextUnescaped(quote: number, from: number): number {
    const { s } = this;
    const cached = this.unescaped.get(quote);
    // Between two asks the answer stands when no such quote lies between them.
    if (cached && from >= cached.from && (cached.at < 0 || from <= cached.at)) {
      this.read(cached.at < 0 ? this.n : cached.at);
      return cached.at;
    }
    // Whether a quote is escaped depends on the character before it alone (the one before `from` is the opening quote).
    const mark = String.fromCharCode(quote);
    let at = s.indexOf(mark, from);
    while (at >= 0 && s.charCodeAt(at - 1) === BACKSLASH) at = s.indexOf(mark, at + 1);
    this.unescaped.set(quote, { from, at });
    this.read(at < 0 ? this.n : at);
    return at;
  }

  /** The first `quote` at or after `from` (a quoted key's end). */
  private nextPlain(quote: number, from: number): number {
    const cached = this.plain.get(quote);
    if (cached && from >= cached.from && (cached.at < 0 || from <= cached.at)) {
      this.read(cached.at < 0 ? this.n : cached.at);
      return cached.at;
    }
    const at = this.s.indexOf(String.fromCharCode(quote), from);
    this.plain.set(quote, { from, at });
    this.read(at < 0 ? this.n : at);
    return at;
  }
}
