/** The layout conventions of an existing text file, so that what EnvGuard adds looks like the rest. */

export type Eol = '\n' | '\r\n';

/** The new text of a file, or why it must be left alone. */
export type TextEdit = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const BOM = '\uFEFF';

/** The line ending of the file's first line; LF for a one-line or empty file. */
export function detectEol(text: string): Eol {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** Splits off a UTF-8 byte order mark, which JSON parsers reject and which must be written back. */
export function splitBom(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(BOM.length) } : { bom: '', body: text };
}

export interface Indentation {
  readonly insertSpaces: boolean;
  readonly tabSize: number;
}

/** The indentation of the first indented line: a tab, or its number of spaces (2 when nothing is indented). */
export function detectIndentation(text: string): Indentation {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent === undefined) return { insertSpaces: true, tabSize: 2 };
  if (indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: indent.length };
}
