/**
 * The managed block of a line-based ignore file: the lines between two marker comments that
 * EnvGuard alone rewrites. Every byte outside the block is the user's and is kept as it is.
 */
import { detectEol, splitBom, type TextEdit } from '../files/text-format';

export const BLOCK_BEGIN = '# >>> envguard (managed block: edits inside are overwritten) >>>';
export const BLOCK_END = '# <<< envguard <<<';

// Markers are recognised by their stable prefix, so that a reworded marker text stays ours.
const BEGIN_PREFIX = '# >>> envguard';
const END_PREFIX = '# <<< envguard';

/** Where the block is in the text: `start` is its first byte, `end` the byte after its end marker's line break. */
export type BlockLocation =
  | { readonly kind: 'absent' }
  | { readonly kind: 'found'; readonly start: number; readonly end: number }
  | { readonly kind: 'malformed'; readonly reason: string };

/** Where a new block goes: at the end (its rules win) or at the start (the user's rules win). */
export type BlockPlacement = 'start' | 'end';

interface Line {
  readonly start: number;
  readonly end: number;
  readonly content: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const match of text.matchAll(/[^\n]*\n|[^\n]+$/g)) {
    const raw = match[0];
    lines.push({ start: match.index, end: match.index + raw.length, content: raw.replace(/\r?\n$/, '') });
  }
  return lines;
}

export function findManagedBlock(text: string): BlockLocation {
  const lines = splitLines(text);
  const begins = lines.filter((line) => line.content.trim().startsWith(BEGIN_PREFIX));
  const ends = lines.filter((line) => line.content.trim().startsWith(END_PREFIX));
  if (begins.length === 0 && ends.length === 0) return { kind: 'absent' };
  const [begin] = begins;
  const [end] = ends;
  // Never guess which lines are ours: a damaged block is reported, and the file left alone.
  if (begins.length > 1 || ends.length > 1) return { kind: 'malformed', reason: 'more than one envguard block; keep one' };
  if (!begin) return { kind: 'malformed', reason: 'envguard end marker without a begin marker' };
  if (!end) return { kind: 'malformed', reason: 'envguard begin marker without an end marker' };
  if (end.start < begin.start) return { kind: 'malformed', reason: 'envguard end marker before its begin marker' };
  // A byte order mark before the begin marker is the file's, not the block's.
  const start = begin.start === 0 && text.startsWith('\uFEFF') ? 1 : begin.start;
  return { kind: 'found', start, end: end.end };
}

/** The text without its managed block: what the user wrote. Undefined when the block is malformed. */
export function withoutManagedBlock(text: string): string | undefined {
  const location = findManagedBlock(text);
  if (location.kind === 'malformed') return undefined;
  return location.kind === 'found' ? text.slice(0, location.start) + text.slice(location.end) : text;
}

/**
 * Writes `body` (lines without markers) as the managed block of `text`, in the file's own line
 * endings: replaces the existing block in place, or adds one at `placement`. A `body` of
 * undefined removes the block. `text` undefined means the file does not exist yet.
 */
export function writeManagedBlock(text: string | undefined, body: readonly string[] | undefined, placement: BlockPlacement = 'end'): TextEdit {
  const current = text ?? '';
  const eol = detectEol(current);
  const block = body === undefined ? '' : [BLOCK_BEGIN, ...body, BLOCK_END].join(eol) + eol;
  const location = findManagedBlock(current);
  switch (location.kind) {
    case 'malformed':
      return { ok: false, reason: location.reason };
    case 'found':
      return { ok: true, text: current.slice(0, location.start) + block + current.slice(location.end) };
    case 'absent':
      return { ok: true, text: block === '' ? current : insertBlock(current, block, eol, placement) };
  }
}

/** A new block, set apart from the user's lines by one blank line. */
function insertBlock(text: string, block: string, eol: string, placement: BlockPlacement): string {
  const { bom, body } = splitBom(text);
  if (body === '') return bom + block;
  if (placement === 'start') return bom + block + eol + body;
  const terminated = body.endsWith('\n') ? body : body + eol;
  const separated = /(^|\n)[ \t]*\r?\n$/.test(terminated) ? terminated : terminated + eol;
  return bom + separated + block;
}
