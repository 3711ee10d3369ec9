import type { EnvEntry, QuoteStyle, Span } from './model';
import type { EntryDetail, EntryTable } from './table';

/**
 * An entry of a parsed file: a view of one row of the document's EntryTable. Key, value and line
 * are read from the row (the strings are sliced when asked, not kept); spans, columns and the
 * comment come from the row's detail, found again once and then kept by this view.
 */
export class ParsedEntry implements EnvEntry {
  private found: EntryDetail | undefined;

  constructor(private readonly table: EntryTable, readonly index: number) {}

  get kind(): 'entry' {
    return 'entry';
  }

  get key(): string {
    return this.table.keyAt(this.index);
  }

  get value(): string {
    return this.table.valueAt(this.index);
  }

  get line(): number {
    return this.table.lineAt(this.index);
  }

  get quote(): QuoteStyle {
    return this.table.quoteAt(this.index);
  }

  get exported(): boolean {
    return this.table.exportedAt(this.index);
  }

  get separator(): '=' | ':' {
    return this.table.separatorAt(this.index);
  }

  get unset(): boolean {
    return this.table.unsetAt(this.index);
  }

  private get detail(): EntryDetail {
    return (this.found ??= this.table.detailAt(this.index));
  }

  /** The entry's span as plain offsets (`span` builds an object). */
  get start(): number {
    return this.detail.start;
  }

  get end(): number {
    return this.detail.end;
  }

  get span(): Span {
    return { start: this.detail.start, end: this.detail.end };
  }

  get keySpan(): Span {
    return this.detail.keySpan;
  }

  get valueSpan(): Span {
    return this.detail.valueSpan;
  }

  get rawValueSpan(): Span {
    return this.detail.rawValueSpan;
  }

  get comment(): { readonly text: string; readonly span: Span } | undefined {
    const { commentStart, end } = this.detail;
    if (commentStart < 0) return undefined;
    return { text: this.table.text.slice(commentStart, end), span: { start: commentStart, end } };
  }

  get column(): number {
    return this.detail.column;
  }

  get valueLine(): number {
    return this.detail.valueLine;
  }

  get valueColumn(): number {
    return this.detail.valueColumn;
  }

  get valueEndLine(): number {
    return this.detail.valueEndLine;
  }

  get valueEndColumn(): number {
    return this.detail.valueEndColumn;
  }
}
