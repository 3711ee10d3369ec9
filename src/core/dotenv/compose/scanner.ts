/**
 * A linear-time scanner that reads an env file as docker compose does (the `env_file:` of a
 * service, and the `.env` it interpolates the compose file with). Written from compose's documented
 * rules (docs.docker.com, "Syntax for environment files"); where they say nothing, compose-go's
 * parser (`dotenv/parser.go`) was read. No compose v2 can be installed on the test machines, so this
 * dialect is pinned by tests of the documented examples, not by a differential test.
 *
 * Documented:
 *   - Lines beginning with `#` are comments; blank lines are ignored.
 *   - `VAR=VAL` or `VAR: VAL`; spaces before and after the value are ignored.
 *   - Unquoted values: an inline comment must be preceded by a space: `VAR=VAL # c` is `VAL`,
 *     `VAR=VAL# not a comment` is `VAL# not a comment`.
 *   - Quoted values: a comment must follow the closing quote; `#` inside quotes is the value's.
 *   - Single-quoted values are literal; double-quoted values expand `\n`, `\r`, `\t`, `\\` and the
 *     other shell escapes; a quote is escaped with `\`; quoted values may span lines.
 *   - Unquoted and double-quoted values are interpolated (`$VAR`, `${VAR}`, `${VAR:-default}`…):
 *     see interpolate.ts; this scanner gives the value before it.
 * From compose-go:
 *   - A UTF-8 byte order mark is dropped; CR is not a line break (it is space around keys and
 *     values, and stays inside quoted values).
 *   - `export ` before a key is dropped. A key is letters, digits, `_ . - [ ]`, and may hold tabs;
 *     any other character in a key, a space in it, or an unterminated quote makes compose refuse the
 *     whole file (`failure`).
 *   - The comment of an unquoted value starts at the first ` #` (a space, not a tab).
 *   - After a closing quote the next statement begins (the rest of the line is not checked).
 *   - A key alone on its line takes its value from compose's environment: the file sets nothing.
 */
import type { GrammarFailure, RawMatch, StepScanner } from '../grammar';
import { ReachRecordingScanner } from '../step-scanner-base';

const LF = 0x0a;
const HASH = 0x23;

/** compose-go's `isSpace`: whitespace that is not a line break. */
export function isComposeSpace(c: number): boolean {
  return c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d || c === 0x20 || c === 0x85 || c === 0xa0;
}

/** Go's `unicode.IsSpace`. */
export function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Go's RE2 `\s` (ASCII only), after `export`. */
function isRe2Space(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
}

/** Go's unicode.IsLetter or IsNumber, for one character: one class, nothing to backtrack over (built at run time: see regex-safety.test.ts). */
const LETTER_OR_NUMBER = new RegExp('^[\\p{L}\\p{N}]$', 'u');

/** Where a key that begins at `k` ends (its separator, a line break, or the end), or -1 at a character no key may hold. */
export function composeKeyScan(s: string, k: number): { stop: number; bad: boolean } {
  const n = s.length;
  let i = k;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 0x3d || c === 0x3a || c === LF) return { stop: i, bad: false };
    if (isComposeSpace(c) || c === 0x5f || c === 0x2e || c === 0x2d || c === 0x5b || c === 0x5d || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      i++;
      continue;
    }
    if (c < 0x80) return { stop: i, bad: true };
    const cp = s.codePointAt(i)!;
    if (!LETTER_OR_NUMBER.test(String.fromCodePoint(cp))) return { stop: i, bad: true };
    i += cp > 0xffff ? 2 : 1;
  }
  return { stop: n, bad: false };
}

/** The end of a key that ran from `k` to `stop`, without the whitespace Go's TrimRight(unicode.IsSpace) removes. */
export function trimKeyEnd(s: string, k: number, stop: number): number {
  let end = stop;
  while (end > k && isGoSpace(s.charCodeAt(end - 1))) end--;
  return end;
}

export class ComposeScanner extends ReachRecordingScanner implements StepScanner {
  private next = 0;
  failure: GrammarFailure | undefined;

  scan(from: number, onMatch: (match: RawMatch) => boolean): void {
    // compose drops a byte order mark before it parses.
    let p = from === 0 && this.s.charCodeAt(0) === 0xfeff ? 1 : from;
    for (;;) {
      const q = this.statementStart(p);
      if (q < 0) return;
      const found = this.step(q);
      if (this.failure) return;
      if (found && !onMatch(found)) return;
      p = this.next;
    }
  }

  matchAt(start: number): RawMatch | undefined {
    const found = this.step(start);
    return this.failure ? undefined : found;
  }

  /** The next statement at or after p: whitespace and `#` lines skipped; -1 at the end. */
  private statementStart(p: number): number {
    const { s, n } = this;
    for (;;) {
      while (p < n && isGoSpace(s.charCodeAt(p))) p++;
      this.read(p);
      if (p >= n) return -1;
      if (s.charCodeAt(p) !== HASH) return p;
      const lf = s.indexOf('\n', p);
      if (lf < 0) {
        this.read(n);
        return -1;
      }
      p = this.read(lf);
    }
  }

  private fail(at: number, reason: string): undefined {
    this.failure = { at, reason };
    return undefined;
  }

  /** One statement from q: the entry it sets, if any; `next` is where the next one is looked for. */
  private step(q: number): RawMatch | undefined {
    const { s, n } = this;
    let k = q;
    let exported = false;
    this.read(q + 6);
    if (s.startsWith('export', q) && isRe2Space(s.charCodeAt(q + 6))) {
      k = this.skip(q + 6, isComposeSpace);
      exported = true;
    }
    const { stop, bad } = composeKeyScan(s, k);
    this.read(stop);
    if (bad) return this.fail(q, 'a variable name holds a character compose does not allow (letters, digits, _ . - [ ])');
    const keyEnd = trimKeyEnd(s, k, stop);
    if (s.slice(k, keyEnd).includes(' ')) return this.fail(q, 'a variable name holds a space');
    if (stop >= n) {
      // No separator before the end: compose reads the rest as the value of an empty name, which no environment holds.
      this.next = n;
      return undefined;
    }
    if (s.charCodeAt(stop) === LF) {
      // A name alone: compose takes its value from its own environment; the file sets nothing.
      this.next = stop + 1;
      return undefined;
    }
    const m = this.match;
    m.start = q;
    m.exported = exported;
    m.keyStart = k;
    m.keyEnd = keyEnd;
    m.separator = s.charCodeAt(stop) === 0x3a ? ':' : '=';
    m.commentStart = -1;
    m.commentEnd = -1;
    m.unset = false;
    const v = this.skip(stop + 1, isComposeSpace);
    const first = v < n ? s.charCodeAt(v) : -1;
    if (first === 0x22 || first === 0x27) {
      const close = this.closingQuote(v, first);
      if (close < 0) return this.fail(q, 'a quoted value has no closing quote');
      m.rawStart = v;
      m.rawEnd = close + 1;
      m.quote = first === 0x22 ? 'double' : 'single';
      const after = this.skip(close + 1, isComposeSpace);
      if (after < n && s.charCodeAt(after) === HASH) {
        m.commentStart = after;
        m.commentEnd = trimKeyEnd(s, after, this.lineEnd(after));
      }
      this.next = close + 1;
    } else {
      const end = this.lineEnd(v);
      let cut = end;
      for (let i = v; i + 1 < end; i++) {
        if (s.charCodeAt(i) === 0x20 && s.charCodeAt(i + 1) === HASH) {
          cut = i;
          break;
        }
      }
      if (cut < end) {
        m.commentStart = cut + 1;
        m.commentEnd = trimKeyEnd(s, cut + 1, end);
      }
      m.rawStart = v;
      m.rawEnd = trimKeyEnd(s, v, cut);
      m.quote = 'none';
      this.next = end < n ? end + 1 : n;
    }
    m.end = this.next;
    // A value given to an empty name (`=x`) is read, and no environment can hold it.
    return keyEnd > k ? m : undefined;
  }

  /** The first quote after v that no backslash escapes (a backslash escapes the one character after it); -1 when none. */
  private closingQuote(v: number, quote: number): number {
    const { s, n } = this;
    let escaped = false;
    for (let i = v + 1; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === quote && !escaped) return this.read(i);
      escaped = !escaped && c === 0x5c;
    }
    this.read(n);
    return -1;
  }
}
