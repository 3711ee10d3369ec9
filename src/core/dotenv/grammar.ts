import type { QuoteStyle } from './model';

/** The loaders whose reading of an env file EnvGuard models exactly. */
export type DialectName = 'dotenv' | 'python-dotenv' | 'compose';

/**
 * One entry a loader reads: where the key and the value are, and where the step ended. A scanner
 * hands out the same object for every match (refilled): read it, do not keep it.
 */
export interface RawMatch {
  /** First character of the entry (`export`, the key, or the quote of a quoted key). */
  readonly start: number;
  readonly exported: boolean;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly separator: '=' | ':';
  /**
   * The value as the grammar captured it (dotenv: its value group, untrimmed; the other dialects:
   * the written value exactly, quotes included). Empty when there is none.
   */
  readonly rawStart: number;
  readonly rawEnd: number;
  readonly quote: QuoteStyle;
  /** Where the entry's `#…` comment starts, when it has one; -1 otherwise. */
  readonly commentStart: number;
  readonly commentEnd: number;
  /** Where the next step starts looking (a position a full scan visits). */
  readonly end: number;
  /**
   * The entry names a key without assigning it (python-dotenv's `KEY` alone): the loader leaves
   * the key unset, whatever an earlier line of the file set it to.
   */
  readonly unset: boolean;
}

/** A loader's grammar run over a text in linear time: the matches, in file order. */
export interface StepScanner {
  /** The furthest offset any step so far has read: a match whose reach is before an edit cannot change with it. */
  readonly reach: number;
  startReachAt(offset: number): void;
  /** Scans from `from` (0 or a match's `end`), calling `onMatch` with each match until it returns false. */
  scan(from: number, onMatch: (match: RawMatch) => boolean): void;
  /** The match of the step starting at `start`, a match's start found by `scan` (the same match again). */
  matchAt(start: number): RawMatch | undefined;
  /**
   * Where and why the loader gives up on the whole file, when it does (docker compose refuses a file
   * it cannot parse); undefined when it reads it to the end. Set once `scan` has run to the end.
   */
  readonly failure: GrammarFailure | undefined;
}

export interface GrammarFailure {
  /** Offset (in the scanned text) of the statement the loader stopped at. */
  readonly at: number;
  /** Why, naming no value. */
  readonly reason: string;
}

/** How a row's value is found again without keeping a string (see EntryTable). */
export const VALUE_AS_WRITTEN = 0;
export const VALUE_INSIDE_QUOTES = 1;
export const VALUE_STORED = 2;

/**
 * Everything the lossless model needs to know about one loader: how it sees line endings, its
 * scanner, the value it gives for a match, where a key is, and how to write a value it reads back.
 */
export interface Grammar {
  readonly dialect: DialectName;
  /** The loader, as messages name it. */
  readonly loaderName: string;
  /** The text the scanner runs over: the loader's view of line endings. `toOriginal` maps offsets back. */
  normalize(text: string): { s: string; toOriginal: (offset: number) => number };
  scanner(s: string): StepScanner;
  /** Where the key of a match starting at `start` begins (after `export` and its whitespace, inside its quotes). */
  keyStart(s: string, start: number, exported: boolean): number;
  /** Where a key beginning at `keyStart` ends. */
  keyEnd(s: string, keyStart: number): number;
  /** The written value of a match (quotes included), as one refilled object. */
  writtenSpan(s: string, m: RawMatch): { start: number; end: number };
  /** How the loader reads a written span without computing (VALUE_AS_WRITTEN or VALUE_INSIDE_QUOTES), or -1. */
  plainKind(s: string, start: number, end: number, quote: QuoteStyle): number;
  /** The value the loader gives for a match (before any interpolation). */
  value(s: string, m: RawMatch): string;
  /**
   * Every way to write `value` after `KEY=` that this loader reads back exactly, `prefer` first.
   * `allowUnquoted` is false when the rest of the line is not blank.
   */
  formatCandidates(value: string, prefer: QuoteStyle, eol: string, allowUnquoted: boolean): string[];
}
