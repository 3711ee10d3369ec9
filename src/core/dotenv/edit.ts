import type { EnvDocument, EnvEntry, Span } from './model';
import { forEachMatch, tableOf } from './parse';
import { writtenValueSpan } from './table';
import { dotenvValue } from './value';
import { formatCandidates, UnrepresentableValueError } from './quote';

/** A change to one entry's value: the entry (by index) and the value dotenv must read afterwards. */
export interface ValueReplacement {
  readonly index: number;
  readonly value: string;
}

/** One text change, in UTF-16 offsets of the original text (what an editor's edit API takes). */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The rewritten text and the changes that make it, for adapters that edit through an editor. */
export interface ValueEdits {
  readonly text: string;
  /** Sorted from the end of the file to its start; they never overlap. */
  readonly changes: readonly TextChange[];
}

interface PlannedEdit {
  readonly index: number;
  readonly key: string;
  readonly span: Span;
  readonly candidates: string[];
}

/**
 * Rewrites only the bytes of the replaced values; every other byte of the file stays as it was.
 * The new value keeps the entry's quote style when that style can carry it. The result is parsed
 * again and must give exactly the expected entries: dotenv's grammar looks ahead, so a quote
 * written here could close an unterminated quote earlier in the file. Other quote styles are then
 * tried, and a value that no style can carry throws UnrepresentableValueError (nothing is written).
 */
export function replaceValues(doc: EnvDocument, replacements: readonly ValueReplacement[]): string {
  return planValueEdits(doc, replacements).text;
}

/** replaceValues, also returning the minimal changes (only value bytes) that produce the text. */
export function planValueEdits(doc: EnvDocument, replacements: readonly ValueReplacement[]): ValueEdits {
  // Only the replaced values: every other entry must read back as the document has it.
  const expected = new Map<number, string>();
  const edits: PlannedEdit[] = replacements.map((r) => {
    const entry = doc.entryAt(r.index);
    expected.set(r.index, r.value);
    const span = replaceableSpan(doc, entry);
    const candidates = formatCandidates(r.value, entry.quote, doc.eol, restOfLineIsBlank(doc.text, span.end));
    if (candidates.length === 0) throw new UnrepresentableValueError(entry.key, 'it mixes all three quote characters with characters that need quoting');
    return { index: r.index, key: entry.key, span, candidates };
  });
  edits.sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i]!.span.end > edits[i - 1]!.span.start) throw new RangeError('overlapping replacements');
  }

  const choice = edits.map(() => 0);
  const changesOf = (text: string): ValueEdits => ({ text, changes: edits.map((e, i) => ({ start: e.span.start, end: e.span.end, text: e.candidates[choice[i]!]! })) });
  const first = apply(doc.text, edits, choice);
  if (readsBack(doc, first, expected, applied(edits, choice))) return changesOf(first);

  // Fall back edit by edit, from the end of the file, keeping each choice that verifies.
  for (let e = 0; e < edits.length; e++) {
    let settled = false;
    for (let c = 0; c < edits[e]!.candidates.length && !settled; c++) {
      choice[e] = c;
      // Edits not yet settled are left out: only the text up to this edit is checked against them.
      const partial = edits.slice(0, e + 1);
      const partialExpected = new Map(partial.map((p) => [p.index, expected.get(p.index)!]));
      settled = readsBack(doc, apply(doc.text, partial, choice), partialExpected, applied(partial, choice));
    }
    if (!settled) throw new UnrepresentableValueError(edits[e]!.key, 'every way of quoting it changes how dotenv reads other lines of this file (look for an unterminated quote)');
  }
  const text = apply(doc.text, edits, choice);
  if (!readsBack(doc, text, expected, applied(edits, choice))) throw new UnrepresentableValueError(edits[0]!.key, 'the rewritten file does not read back as expected');
  return changesOf(text);
}

export function replaceValue(doc: EnvDocument, index: number, value: string): string {
  return replaceValues(doc, [{ index, value }]);
}

function apply(text: string, edits: readonly PlannedEdit[], choice: readonly number[]): string {
  let out = text;
  edits.forEach((edit, i) => {
    out = out.slice(0, edit.span.start) + edit.candidates[choice[i]!]! + out.slice(edit.span.end);
  });
  return out;
}

/** The spans the edits replaced (in the original text) and how long their new text is. */
function applied(edits: readonly PlannedEdit[], choice: readonly number[]): { start: number; end: number; length: number }[] {
  return edits.map((e, i) => ({ start: e.span.start, end: e.span.end, length: e.candidates[choice[i]!]!.length }));
}

/**
 * True when `text` reads as `before` with the `replaced` values: the same keys in the same order,
 * each value as expected. Matches are compared as they are found; no second document is built.
 * In an LF-only text, a match wholly before the first edit or after the last one, found where the
 * document had its entry (same start, same written value span, moved by the edits' length), reads
 * the same: its key and value are functions of unchanged text, so no string is built for it.
 */
function readsBack(before: EnvDocument, text: string, replaced: ReadonlyMap<number, string>, edits: readonly { start: number; end: number; length: number }[]): boolean {
  const table = tableOf(before);
  const lfOnly = table !== undefined && table.s === before.text && !text.includes('\r');
  const firstStart = Math.min(...edits.map((e) => e.start));
  const lastEnd = Math.max(...edits.map((e) => e.end));
  const delta = edits.reduce((sum, e) => sum + e.length - (e.end - e.start), 0);
  let same = true;
  const count = forEachMatch(text, (index, m, s) => {
    if (index >= before.entryCount) return (same = false);
    if (lfOnly && !replaced.has(index)) {
      const { start, end } = writtenValueSpan(s, m);
      const shift = end <= firstStart ? 0 : m.start >= lastEnd + delta ? delta : undefined;
      if (shift !== undefined && table.startAt(index) === m.start - shift && table.valueStartAt(index) === start - shift && table.valueEndAt(index) === end - shift) return true;
    }
    const entry = before.entryAt(index);
    same = entry.key === s.slice(m.keyStart, m.keyEnd) && (replaced.get(index) ?? entry.value) === dotenvValue(s.slice(m.rawStart, m.rawEnd));
    return same;
  });
  return same && count === before.entryCount;
}

/**
 * Usually the written value. When dotenv found the value on a later line (`KEY=` then a quoted
 * value below it), the whole value group goes, so the new value lands right after the separator.
 */
export function replaceableSpan(doc: EnvDocument, entry: EnvEntry): Span {
  const between = doc.text.slice(entry.rawValueSpan.start, entry.valueSpan.start);
  return /[\r\n\u2028\u2029]/.test(between) ? { start: entry.rawValueSpan.start, end: entry.valueSpan.end } : entry.valueSpan;
}

/** True when only whitespace stands between `from` and the next `#`, line feed or the end. */
function restOfLineIsBlank(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' || c === '\n' || c === '\r') return true;
    if (c.trim() !== '') return false;
  }
  return true;
}
