/**
 * The lossless model of an env file.
 *
 * Offsets are UTF-16 code-unit offsets into `EnvDocument.text` (the decoded file, BOM and CRLF
 * included), the unit editors and `String.prototype.slice` use. `byteSpan()` in `document.ts`
 * converts a span to UTF-8 byte offsets for callers that patch raw files.
 */

/** A half-open range [start, end) of offsets into the original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** How the value was written: which of the loader's quoted forms it is, or none. */
export type QuoteStyle = 'none' | 'single' | 'double' | 'backtick';

export interface EnvEntry {
  readonly kind: 'entry';
  /** The variable name, as the loader reads it (dotenv: `[\w.-]+`). */
  readonly key: string;
  /**
   * The value exactly as the loader reads it (dotenv 17's `parse`; python-dotenv's and compose's
   * values before they interpolate `${…}`). Empty for an entry that leaves its key unset.
   */
  readonly value: string;
  /**
   * The entry names its key without assigning it (python-dotenv's `KEY` alone): the loader leaves
   * the key unset, whatever an earlier line set it to. Always false for dotenv.
   */
  readonly unset: boolean;
  /** Span of the whole entry: from `export`/key to the end of the value, or of its inline comment. */
  readonly span: Span;
  readonly keySpan: Span;
  /**
   * Span of the written value, trimmed: the quotes included for a quoted value. Empty (start ===
   * end) for an empty value. This is what `replaceValue` rewrites.
   */
  readonly valueSpan: Span;
  /** Span of everything dotenv's value group captured, untrimmed (may start on an earlier line). */
  readonly rawValueSpan: Span;
  readonly quote: QuoteStyle;
  /** True when the entry was written `export KEY=…`. */
  readonly exported: boolean;
  readonly separator: '=' | ':';
  /** The inline comment on the value's last line (`# …`, hash included), if any. */
  readonly comment: { readonly text: string; readonly span: Span } | undefined;
  /** 1-based line and column (in code units) of the key. */
  readonly line: number;
  readonly column: number;
  /** 1-based line and column of the first character of the written value (or where it would go). */
  readonly valueLine: number;
  readonly valueColumn: number;
  /** 1-based line of the value's last character (> valueLine for multiline values). */
  readonly valueEndLine: number;
  /** 1-based column just past the value's last character (exclusive), on valueEndLine. */
  readonly valueEndColumn: number;
  /** Index of this entry in `EnvDocument.entries`. */
  readonly index: number;
}

/** Text between entries: blank lines, comment lines, lines the loader does not read. */
export interface EnvTrivia {
  readonly kind: 'trivia';
  readonly span: Span;
}

export type EnvNode = EnvEntry | EnvTrivia;

export interface EnvDocument {
  /** The decoded file, unchanged: printing the model gives back exactly this. */
  readonly text: string;
  /**
   * Every entry, in file order. Built on first use: code that goes over every entry of a file
   * that may be huge (a scan, a migration plan) reads them one at a time with `entryAt`.
   */
  readonly entries: readonly EnvEntry[];
  readonly entryCount: number;
  /** The entry at `index` (0 ≤ index < entryCount; a RangeError otherwise), without building them all. */
  entryAt(index: number): EnvEntry;
  /** Entries and trivia in file order; their spans tile `text` exactly. */
  readonly nodes: readonly EnvNode[];
  /** The line ending the file mostly uses (for inserting new lines). */
  readonly eol: '\n' | '\r\n' | '\r';
  readonly hasBom: boolean;
  readonly endsWithNewline: boolean;
}
