import type { QuoteStyle } from './model';

/** A value that cannot be written so that the file's loader reads it back exactly, in this file. */
export class UnrepresentableValueError extends Error {
  constructor(readonly key: string | undefined, reason: string, loader = 'dotenv') {
    super(`${key ? `${key}: ` : ''}the new value cannot be written so that ${loader} reads it back exactly (${reason})`);
    this.name = 'UnrepresentableValueError';
  }
}

const ORDER: readonly QuoteStyle[] = ['none', 'single', 'double', 'backtick'];
const QUOTE_CHAR: Record<Exclude<QuoteStyle, 'none'>, string> = { single: "'", double: '"', backtick: '`' };

/**
 * Every way to write `value` after `KEY=` that dotenv 17 reads back exactly, `prefer` first.
 * `eol` is used for real line breaks inside single/backtick quotes; `allowUnquoted` is false when
 * the rest of the line is not blank (an unquoted value runs to `#` or LF and would swallow it).
 */
export function formatCandidates(value: string, prefer: QuoteStyle = 'none', eol = '\n', allowUnquoted = true): string[] {
  return candidatesInOrder(ORDER, prefer, allowUnquoted, (style) => tryFormat(value, style, eol));
}

/**
 * The distinct writings `format` gives for each style of `order`, `prefer` first; unquoted only
 * when `allowUnquoted` (every grammar's formatCandidates).
 */
export function candidatesInOrder(order: readonly QuoteStyle[], prefer: QuoteStyle, allowUnquoted: boolean, format: (style: QuoteStyle) => string | undefined): string[] {
  const out: string[] = [];
  for (const style of [prefer, ...order.filter((s) => s !== prefer)]) {
    if (style === 'none' && !allowUnquoted) continue;
    const written = format(style);
    if (written !== undefined && !out.includes(written)) out.push(written);
  }
  return out;
}

/** The preferred way to write `value` (see formatCandidates); throws when there is none. */
export function formatValue(value: string, prefer: QuoteStyle = 'none', eol = '\n', key?: string, allowUnquoted = true): string {
  const [first] = formatCandidates(value, prefer, eol, allowUnquoted);
  if (first === undefined) throw new UnrepresentableValueError(key, 'it mixes all three quote characters with characters that need quoting');
  return first;
}

function tryFormat(value: string, style: QuoteStyle, eol: string): string | undefined {
  if (style === 'none') return canBeUnquoted(value) ? value : undefined;
  const q = QUOTE_CHAR[style];
  // The closing quote must not be escaped, and the quote itself cannot appear inside: dotenv keeps
  // `\'` literally, so there is no way to write it.
  if (value.includes(q) || value.endsWith('\\')) return undefined;
  if (style === 'double') {
    // Only `"` expands \n and \r; a literal backslash-n would be turned into a line break.
    if (/\\[nr]/.test(value)) return undefined;
    return `"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  }
  if (value.includes('\r')) return undefined; // dotenv turns a written CR into LF
  return `${q}${value.replace(/\n/g, eol)}${q}`;
}

/** Unquoted values are trimmed, end at `#` or a line break, and must not start with a quote. */
function canBeUnquoted(value: string): boolean {
  if (value.length === 0) return true;
  if (/[#\r\n\u2028\u2029]/.test(value)) return false;
  if (/^['"`]/.test(value)) return false;
  return value.trim() === value;
}
