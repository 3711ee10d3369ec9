import type { EnvEntry, QuoteStyle, Span } from './model';

/**
 * An entry keeps its offsets as plain numbers and builds span objects on demand: a 10 MB file has
 * hundreds of thousands of entries, and five span objects each were most of the parse's garbage.
 */
export class ParsedEntry implements EnvEntry {
  readonly kind = 'entry' as const;

  constructor(
    readonly index: number,
    readonly key: string,
    readonly value: string,
    readonly quote: QuoteStyle,
    readonly exported: boolean,
    readonly separator: '=' | ':',
    /** The entry's span as plain offsets (`span` builds an object). */
    readonly start: number,
    readonly end: number,
    private readonly keyStart: number,
    private readonly keyEnd: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
    private readonly rawStart: number,
    private readonly rawEnd: number,
    private readonly commentText: string | undefined,
    private readonly commentStart: number,
    readonly line: number,
    readonly column: number,
    readonly valueLine: number,
    readonly valueColumn: number,
    readonly valueEndLine: number,
    readonly valueEndColumn: number,
  ) {}

  /**
   * The same entry in a text edited before it: offsets moved by `offsetDelta`, lines by
   * `lineDelta` (columns hold: the edit ended on an earlier line), and its new index.
   */
  moved(index: number, offsetDelta: number, lineDelta: number): ParsedEntry {
    const d = offsetDelta;
    return new ParsedEntry(
      index, this.key, this.value, this.quote, this.exported, this.separator,
      this.start + d, this.end + d, this.keyStart + d, this.keyEnd + d, this.valueStart + d, this.valueEnd + d, this.rawStart + d, this.rawEnd + d,
      this.commentText, this.commentStart < 0 ? -1 : this.commentStart + d,
      this.line + lineDelta, this.column, this.valueLine + lineDelta, this.valueColumn, this.valueEndLine + lineDelta, this.valueEndColumn,
    );
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get keySpan(): Span {
    return { start: this.keyStart, end: this.keyEnd };
  }

  get valueSpan(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }

  get rawValueSpan(): Span {
    return { start: this.rawStart, end: this.rawEnd };
  }

  get comment(): { readonly text: string; readonly span: Span } | undefined {
    if (this.commentText === undefined) return undefined;
    return { text: this.commentText, span: { start: this.commentStart, end: this.end } };
  }
}
