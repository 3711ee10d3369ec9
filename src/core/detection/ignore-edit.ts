/**
 * The edit behind the "ignore this line" quick fix: ` # envguard-ignore` after the entry's value,
 * or, where dotenv would read that as part of the value (or the line already ends in another
 * comment it would break), `# envguard-ignore-next-line` on a line of its own above the entry. The
 * edit is checked by parsing its result: the entry keeps its value and is ignored, or no edit is offered.
 */
import { parseEnv } from '../dotenv';
import type { EnvEntry } from '../dotenv/model';
import { IGNORE_MARKER, IGNORE_NEXT_LINE_MARKER, isIgnoredByComment } from './allow';
import { lineAbove, startOfLine } from './detect';

export interface TextInsertion {
  /** Offset (in UTF-16 code units) where `text` goes. */
  readonly offset: number;
  readonly text: string;
}

/** The insertion that makes the entry of `key` starting on `line` (1-based) ignored, or undefined. */
export function ignoreCommentEdit(text: string, key: string, line: number): TextInsertion | undefined {
  const before = entryAt(text, key, line);
  if (!before) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const endOfValueLine = lineEnd(text, before.span.end);
  const candidates: TextInsertion[] = [
    // An existing comment gets the marker appended; otherwise a comment of its own.
    { offset: endOfValueLine, text: before.comment ? ` ${IGNORE_MARKER}` : ` # ${IGNORE_MARKER}` },
    { offset: startOfLine(text, before.span.start), text: `# ${IGNORE_NEXT_LINE_MARKER}${eol}` },
  ];
  for (const candidate of candidates) {
    const edited = text.slice(0, candidate.offset) + candidate.text + text.slice(candidate.offset);
    const shift = candidate.text.endsWith(eol) ? 1 : 0;
    const after = entryAt(edited, key, line + shift);
    if (after && after.value === before.value && isIgnoredByComment(after, lineAbove(edited, after.span.start))) return candidate;
  }
  return undefined;
}

function entryAt(text: string, key: string, line: number): EnvEntry | undefined {
  const doc = parseEnv(text);
  for (let i = 0; i < doc.entryCount; i++) {
    const entry = doc.entryAt(i);
    if (entry.line === line && entry.key === key) return entry;
  }
  return undefined;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
