import type { EnvDocument, EnvEntry, EnvNode } from './model';
import type { Grammar, RawMatch } from './grammar';
import { DOTENV_GRAMMAR } from './dotenv-grammar';
import { LineCursor } from './line-cursor';
import { ParsedEntry } from './entry';
import { EntryTable } from './table';

/**
 * Parses an env file into the lossless model, as dotenv 17 reads it. Values agree with dotenv's
 * `parse` on every input; spans point into the original text (CRLF and BOM included), so printing
 * gives it back. `onMatch` hears of each match (an object reused for the next one) and how far the
 * scan had read by then (what a re-parse keeps).
 */
export function parseEnv(text: string, onMatch?: (match: RawMatch, reach: number) => void): EnvDocument {
  return parseWith(DOTENV_GRAMMAR, text, onMatch);
}

/** Parses an env file into the lossless model as the grammar's loader reads it (see parseEnv). */
export function parseWith(grammar: Grammar, text: string, onMatch?: (match: RawMatch, reach: number) => void): EnvDocument {
  const normalized = grammar.normalize(text);
  const table = new EntryTable(grammar, text, normalized.s, normalized.toOriginal, countLineFeeds(normalized.s) + 1);
  const lines = new LineCursor(text, 0, 1, 0, table.lfOnly);
  const scanner = grammar.scanner(normalized.s);
  scanner.scan(0, (m) => {
    table.add(m, lines);
    onMatch?.(m, scanner.reach);
    return true;
  });
  const failure = scanner.failure;
  if (failure) table.failure = { at: normalized.toOriginal(failure.at), reason: failure.reason };
  return new ParsedDocument(table);
}

/**
 * Each match of `text` as the grammar's loader reads it (offsets into `s`, the text as the loader
 * sees it), in order, without building a document (what checking a rewritten text needs). Stops
 * when `onMatch` returns false; returns the number of matches seen and whether the loader gave up
 * on the file. The match object is reused: read it, do not keep it.
 */
export function forEachMatch(grammar: Grammar, text: string, onMatch: (index: number, match: RawMatch, s: string) => boolean): { count: number; failed: boolean } {
  const { s } = grammar.normalize(text);
  let index = 0;
  const scanner = grammar.scanner(s);
  scanner.scan(0, (m) => onMatch(index++, m, s));
  return { count: index, failed: scanner.failure !== undefined };
}

/** The grammar a document was parsed with (dotenv for a document this module did not build). */
export function grammarOf(doc: EnvDocument): Grammar {
  return tableOf(doc)?.grammar ?? DOTENV_GRAMMAR;
}

/** The EntryTable behind a document this module built (a re-parse starts from it), if any. */
export function tableOf(doc: EnvDocument): EntryTable | undefined {
  return doc instanceof ParsedDocument ? doc.table : undefined;
}

/** The document over a table of entries. */
export function documentOf(table: EntryTable): EnvDocument {
  return new ParsedDocument(table);
}

/**
 * Entry objects and nodes (entries with trivia filling the gaps) are built when first asked for:
 * a scan reads entries one at a time (entryAt), printing and editing need them all.
 */
class ParsedDocument implements EnvDocument {
  private builtEntries: ParsedEntry[] | undefined;
  private builtNodes: EnvNode[] | undefined;
  private foundEol: '\n' | '\r\n' | '\r' | undefined;

  constructor(readonly table: EntryTable) {}

  get text(): string {
    return this.table.text;
  }

  get entryCount(): number {
    return this.table.count;
  }

  entryAt(index: number): EnvEntry {
    if (!(index >= 0 && index < this.table.count && Number.isInteger(index))) throw new RangeError(`no entry at index ${index}`);
    return this.builtEntries?.[index] ?? new ParsedEntry(this.table, index);
  }

  get entries(): readonly EnvEntry[] {
    if (!this.builtEntries) {
      const entries = new Array<ParsedEntry>(this.table.count);
      for (let i = 0; i < entries.length; i++) entries[i] = new ParsedEntry(this.table, i);
      this.builtEntries = entries;
    }
    return this.builtEntries;
  }

  get eol(): '\n' | '\r\n' | '\r' {
    return (this.foundEol ??= dominantEol(this.text));
  }

  get hasBom(): boolean {
    return this.text.charCodeAt(0) === 0xfeff;
  }

  get endsWithNewline(): boolean {
    const last = this.text.charCodeAt(this.text.length - 1);
    return last === 0x0a || last === 0x0d;
  }

  get nodes(): readonly EnvNode[] {
    if (this.builtNodes) return this.builtNodes;
    const nodes: EnvNode[] = [];
    let cursor = 0;
    for (const entry of this.entries as readonly ParsedEntry[]) {
      if (entry.start > cursor) nodes.push({ kind: 'trivia', span: { start: cursor, end: entry.start } });
      nodes.push(entry);
      cursor = entry.end;
    }
    if (cursor < this.text.length) nodes.push({ kind: 'trivia', span: { start: cursor, end: this.text.length } });
    this.builtNodes = nodes;
    return nodes;
  }
}

function countLineFeeds(s: string): number {
  let count = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) count++;
  return count;
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
