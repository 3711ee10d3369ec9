/**
 * 1-based line and column for offsets asked in non-decreasing order, with editors' line breaks
 * (LF, CRLF, CR). One pass over the text in all, with no per-line table.
 */
export class LineCursor {
  private offset = 0;
  private currentLine = 1;
  private lineStart = 0;

  /**
   * Starts at `offset`, which is on line `line` (1-based) beginning at `lineStart`. `lfOnly`: the
   * text has no CR, so line feeds can be found with indexOf (a search, not a loop over characters).
   */
  constructor(private readonly text: string, offset = 0, line = 1, lineStart = 0, private readonly lfOnly = false) {
    this.offset = offset;
    this.currentLine = line;
    this.lineStart = lineStart;
  }

  /** The column of the offset last passed to `line()`. */
  column = 1;

  /** The 1-based line of `target`; sets `column`. No object per call: parse asks three times per entry. */
  line(target: number): number {
    const { text } = this;
    if (target < this.offset) throw new RangeError('LineCursor positions must be asked in order');
    if (this.lfOnly) {
      for (let i = text.indexOf('\n', this.offset); i >= 0 && i < target; i = text.indexOf('\n', i + 1)) {
        this.currentLine++;
        this.lineStart = i + 1;
      }
    } else {
      for (let i = this.offset; i < target; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
          this.currentLine++;
          this.lineStart = i + 1;
        }
      }
    }
    this.offset = target;
    this.column = target - this.lineStart + 1;
    return this.currentLine;
  }
}
