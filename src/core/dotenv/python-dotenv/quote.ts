import type { QuoteStyle } from '../model';
import { candidatesInOrder } from '../quote';
import { isPythonWhitespace } from './scanner';

const ORDER: readonly QuoteStyle[] = ['none', 'single', 'double'];

/**
 * Every way to write `value` after `KEY=` that python-dotenv's parser reads back exactly, `prefer`
 * first. Inside either quote a backslash is written `\\` (the parser decodes it back), so only a
 * value ending in a backslash cannot be quoted: `\\"` at its end pairs with the closing quote.
 * Interpolation (`${…}`) is not the parser's: see interpolate.ts.
 */
export function pythonFormatCandidates(value: string, prefer: QuoteStyle = 'none', eol = '\n', allowUnquoted = true): string[] {
  return candidatesInOrder(ORDER, prefer, allowUnquoted, (style) => tryFormat(value, style, eol));
}

function tryFormat(value: string, style: QuoteStyle, eol: string): string | undefined {
  if (style === 'none') return canBeUnquoted(value) ? value : undefined;
  if (value.endsWith('\\')) return undefined;
  const escaped = value.replace(/\\/g, '\\\\');
  if (style === 'single') {
    if (value.includes('\r')) return undefined; // universal newlines read a written CR as LF
    return `'${escaped.replace(/'/g, "\\'").replace(/\n/g, eol)}'`;
  }
  if (style === 'double') return `"${escaped.replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  return undefined;
}

/** Unquoted: the rest of the line, cut at a `#` after whitespace, stripped of whitespace, not starting with a quote. */
function canBeUnquoted(value: string): boolean {
  if (value.length === 0) return true;
  if (/[\r\n]/.test(value) || value.startsWith("'") || value.startsWith('"')) return false;
  if (isPythonWhitespace(value.charCodeAt(0)) || isPythonWhitespace(value.charCodeAt(value.length - 1))) return false;
  for (let i = 1; i < value.length; i++) if (value.charCodeAt(i) === 0x23 && isPythonWhitespace(value.charCodeAt(i - 1))) return false;
  return true;
}
