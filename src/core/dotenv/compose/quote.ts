import type { QuoteStyle } from '../model';
import { candidatesInOrder } from '../quote';
import { isComposeSpace, isGoSpace } from './scanner';

const ORDER: readonly QuoteStyle[] = ['none', 'single', 'double'];

/**
 * Every way to write `value` after `KEY=` that compose reads back exactly (before interpolation),
 * `prefer` first. Kept simple: single quotes hold anything but a quote and a final backslash; double
 * quotes anything without a backslash, a quote or a `$`; unquoted values one line without ` #` and
 * without surrounding space.
 */
export function composeFormatCandidates(value: string, prefer: QuoteStyle = 'none', _eol = '\n', allowUnquoted = true): string[] {
  return candidatesInOrder(ORDER, prefer, allowUnquoted, (style) => tryFormat(value, style));
}

/** compose keeps CR and LF inside quotes as they are: a value is written with its own line breaks. */
function tryFormat(value: string, style: QuoteStyle): string | undefined {
  if (style === 'none') {
    if (value === '') return '';
    if (/[\n"']/.test(value[0]!) || value.includes('\n') || value.includes(' #')) return undefined;
    if (isComposeSpace(value.charCodeAt(0)) || isGoSpace(value.charCodeAt(value.length - 1))) return undefined;
    return value;
  }
  if (style === 'single') {
    if (value.includes("'") || value.endsWith('\\')) return undefined;
    return `'${value}'`;
  }
  if (style === 'double') {
    if (/["\\$]/.test(value)) return undefined;
    return `"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  }
  return undefined;
}
