import type { Grammar, RawMatch } from './grammar';
import { VALUE_AS_WRITTEN, VALUE_INSIDE_QUOTES } from './grammar';
import { normalizeLineEndings } from './line-endings';
import type { QuoteStyle } from './model';
import { formatCandidates } from './quote';
import { DotenvScanner, isJsWhitespace, isKeyChar } from './scanner';
import { dotenvValue } from './value';

/** dotenv 17 (Node): `parse`, as documented rule by rule in scanner.ts. */
export const DOTENV_GRAMMAR: Grammar = {
  dialect: 'dotenv',
  loaderName: 'dotenv',
  normalize: normalizeLineEndings,
  scanner: (s) => new DotenvScanner(s),
  keyStart(s, start, exported) {
    let k = start;
    if (exported) {
      k += 'export'.length;
      while (isJsWhitespace(s.charCodeAt(k))) k++;
    }
    return k;
  },
  keyEnd(s, keyStart) {
    let end = keyStart;
    while (end < s.length && isKeyChar(s.charCodeAt(end))) end++;
    return end;
  },
  writtenSpan: writtenValueSpan,
  plainKind,
  value: (s, m) => dotenvValue(s.slice(m.rawStart, m.rawEnd)),
  formatCandidates,
};

/**
 * The written value of a match, in `s`: the quoted text with its quotes, or the trimmed unquoted
 * text (an empty one at rawStart). dotenv's value is a function of this text alone. The span
 * returned is one object, refilled by the next call.
 */
export function writtenValueSpan(s: string, m: RawMatch): { start: number; end: number } {
  let start = m.rawStart;
  let end = m.rawEnd;
  while (start < end && isJsWhitespace(s.charCodeAt(start))) start++;
  if (m.quote === 'none') while (end > start && isJsWhitespace(s.charCodeAt(end - 1))) end--;
  if (start === end) start = end = m.rawStart;
  written.start = start;
  written.end = end;
  return written;
}

const written = { start: 0, end: 0 };

/**
 * How dotenv reads a written value that needs no computing, or -1. Unquoted: as written, unless it
 * starts with a quote or holds LS/PS (dotenv's quote strip sees those as line starts). Quoted on
 * one line: the text inside the quotes, unless double quotes hold a backslash (`\n`, `\r` expand).
 */
function plainKind(s: string, start: number, end: number, quote: QuoteStyle): number {
  if (start === end) return VALUE_AS_WRITTEN;
  const first = s.charCodeAt(start);
  if (quote === 'none' && (first === 0x22 || first === 0x27 || first === 0x60)) return -1;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2028 || c === 0x2029 || c === 0x0a || (c === 0x5c && quote === 'double')) return -1;
  }
  return quote === 'none' ? VALUE_AS_WRITTEN : VALUE_INSIDE_QUOTES;
}
