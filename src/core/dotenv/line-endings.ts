import { firstAtLeast } from './sorted-search';

/**
 * The text with CRLF and lone CR replaced by LF, as dotenv (`/\r\n?/g`) and Python's universal
 * newlines read it. Only CRLF changes the length; toOriginal maps a normalised offset back (an
 * offset at the LF of a CRLF maps before its CR, so a span that ends at a line end excludes the
 * whole line break).
 */
export function normalizeLineEndings(text: string): { s: string; toOriginal: (offset: number) => number } {
  if (!text.includes('\r')) return { s: text, toOriginal: identity };
  const removed: number[] = []; // normalised offsets of the LF of each CRLF
  for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) removed.push(i - removed.length);
  const s = text.replace(/\r\n?/g, '\n');
  // Kept as long as the document: 4 bytes a CRLF instead of a boxed number each.
  const crlf = Int32Array.from(removed);
  return {
    s,
    // Add the CRs removed strictly before `offset`.
    toOriginal: (offset) => offset + firstAtLeast(crlf, offset),
  };
}

/** The text as it stands (a loader that keeps CR as a character). */
export function keepLineEndings(text: string): { s: string; toOriginal: (offset: number) => number } {
  return { s: text, toOriginal: identity };
}

export function identity(offset: number): number {
  return offset;
}
