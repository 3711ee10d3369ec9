import type { EnvDocument, EnvNode, Span } from './model';
import { DotenvScanner, isJsWhitespace, type RawMatch } from './scanner';
import { dotenvValue } from './value';
import { LineCursor } from './line-cursor';
import { ParsedEntry } from './entry';
import { firstAtLeast } from './sorted-search';

/**
 * Parses an env file into the lossless model. Values agree with dotenv 17's `parse` on every
 * input; spans point into the original text (CRLF and BOM included), so printing gives it back.
 * `onMatch` hears of each match and how far the scan had read by then (what a re-parse keeps).
 */
export function parseEnv(text: string, onMatch?: (match: RawMatch, reach: number) => void): EnvDocument {
  const normalized = normalizeLineEndings(text);
  const builder = new EntryBuilder(text, normalized.s, normalized.toOriginal);
  const scanner = new DotenvScanner(normalized.s);
  scanner.scan(0, (m) => {
    builder.add(m);
    onMatch?.(m, scanner.reach);
    return true;
  });
  return documentOf(text, builder.entries);
}

/**
 * Turns the scanner's matches into entries, in order. Starts at the text's beginning, or (for a
 * re-parse) at an offset whose line is known, with the entries before it already built.
 */
export class EntryBuilder {
  readonly entries: ParsedEntry[];
  private readonly lines: LineCursor;

  constructor(
    private readonly text: string,
    private readonly s: string,
    private readonly toOriginal: (offset: number) => number,
    entriesBefore: ParsedEntry[] = [],
    at: { offset: number; line: number; lineStart: number } = { offset: 0, line: 1, lineStart: 0 },
  ) {
    this.entries = entriesBefore;
    this.lines = new LineCursor(text, at.offset, at.line, at.lineStart);
  }

  add(m: RawMatch): void {
    const { s, lines } = this;
    const written = writtenValueSpan(s, m.rawStart, m.rawEnd, m.quote);
    // An inline comment belongs to the entry only when it sits on the value's own line.
    const sameLineComment = m.commentStart >= 0 && !containsLineBreak(s, m.rawEnd, m.commentStart);
    const o = this.toOriginal;
    const start = o(m.start);
    const end = o(sameLineComment ? m.commentEnd : m.rawEnd);
    const keyStart = o(m.keyStart);
    const valueStart = o(written.start);
    const valueEnd = o(written.end);
    const keyLine = lines.line(keyStart);
    const keyColumn = lines.column;
    const valueLine = lines.line(valueStart);
    const valueColumn = lines.column;
    const valueEndLine = valueEnd > valueStart ? lines.line(valueEnd - 1) : valueLine;
    // Exclusive: one column past the value's last character.
    const valueEndColumn = valueEnd > valueStart ? lines.column + 1 : valueColumn;
    this.entries.push(new ParsedEntry(
      this.entries.length, s.slice(m.keyStart, m.keyEnd), dotenvValue(s.slice(m.rawStart, m.rawEnd)), m.quote, m.exported, m.separator,
      start, end, keyStart, o(m.keyEnd), valueStart, valueEnd, o(m.rawStart), o(m.rawEnd),
      sameLineComment ? s.slice(m.commentStart, m.commentEnd) : undefined, sameLineComment ? o(m.commentStart) : -1,
      keyLine, keyColumn, valueLine, valueColumn, valueEndLine, valueEndColumn,
    ));
  }
}

/** The document for a text and its entries. */
export function documentOf(text: string, entries: readonly ParsedEntry[]): EnvDocument {
  return new ParsedDocument(text, entries);
}

/**
 * Nodes (entries with trivia filling the gaps) are built when first asked for: printing and
 * editing need them, an editor's re-check after each edit does not.
 */
class ParsedDocument implements EnvDocument {
  readonly eol: '\n' | '\r\n' | '\r';
  readonly hasBom: boolean;
  readonly endsWithNewline: boolean;
  private builtNodes: EnvNode[] | undefined;

  constructor(readonly text: string, readonly entries: readonly ParsedEntry[]) {
    this.eol = dominantEol(text);
    this.hasBom = text.charCodeAt(0) === 0xfeff;
    this.endsWithNewline = /[\r\n]$/.test(text);
  }

  get nodes(): readonly EnvNode[] {
    if (this.builtNodes) return this.builtNodes;
    const nodes: EnvNode[] = [];
    let cursor = 0;
    for (const entry of this.entries) {
      if (entry.start > cursor) nodes.push({ kind: 'trivia', span: { start: cursor, end: entry.start } });
      nodes.push(entry);
      cursor = entry.end;
    }
    if (cursor < this.text.length) nodes.push({ kind: 'trivia', span: { start: cursor, end: this.text.length } });
    this.builtNodes = nodes;
    return nodes;
  }
}

/** The written value: the quoted text with its quotes, or the trimmed unquoted text. */
function writtenValueSpan(s: string, rawStart: number, rawEnd: number, quote: string): Span {
  let start = rawStart;
  let end = rawEnd;
  while (start < end && isJsWhitespace(s.charCodeAt(start))) start++;
  if (quote === 'none') while (end > start && isJsWhitespace(s.charCodeAt(end - 1))) end--;
  if (start === end) return { start: rawStart, end: rawStart };
  return { start, end };
}

function containsLineBreak(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/**
 * dotenv replaces /\r\n?/g with \n before matching. Only CRLF changes the length; toOriginal maps a
 * normalised offset back (an offset at the LF of a CRLF maps before its CR, so a span that ends at
 * a line end excludes the whole line break).
 */
function normalizeLineEndings(text: string): { s: string; toOriginal: (offset: number) => number } {
  if (!text.includes('\r')) return { s: text, toOriginal: identity };
  const removed: number[] = []; // normalised offsets of the LF of each CRLF
  for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) removed.push(i - removed.length);
  const s = text.replace(/\r\n?/g, '\n');
  return {
    s,
    // Add the CRs removed strictly before `offset`.
    toOriginal: (offset) => offset + firstAtLeast(removed, offset),
  };
}

export function identity(offset: number): number {
  return offset;
}

function dominantEol(text: string): '\n' | '\r\n' | '\r' {
  if (!text.includes('\r')) return '\n';
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 0x0a) lf++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}
