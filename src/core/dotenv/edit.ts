import type { Grammar } from './grammar';
import type { EnvDocument, EnvEntry, Span } from './model';
import { forEachMatch, grammarOf, tableOf } from './parse';
import { UnrepresentableValueError } from './quote';

/** A change to one entry's value: the entry (by index) and the value the loader must read afterwards. */
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
 * again, with the grammar the document was parsed with, and must give exactly the expected
 * entries: dotenv's grammar looks ahead, so a quote written here could close an unterminated quote
 * earlier in the file. Other quote styles are then tried, and a value that no style can carry
 * throws UnrepresentableValueError (nothing is written). `alsoReadBy` names other loaders that read
 * the file: the result must read back as expected by each of them too (see readsBackAs).
 */
export function replaceValues(doc: EnvDocument, replacements: readonly ValueReplacement[]): string {
  return planValueEdits(doc, replacements).text;
}

/** Another loader's reading of the same text, which an edit must keep true (see planValueEdits). */
export interface OtherReading {
  readonly document: EnvDocument;
}

/** replaceValues, also returning the minimal changes (only value bytes) that produce the text. */
export function planValueEdits(doc: EnvDocument, replacements: readonly ValueReplacement[], alsoReadBy: readonly OtherReading[] = []): ValueEdits {
  const grammar = grammarOf(doc);
  // Only the replaced values: every other entry must read back as the document has it.
  const expected = new Map<number, string>();
  const edits: PlannedEdit[] = replacements.map((r) => {
    const entry = doc.entryAt(r.index);
    expected.set(r.index, r.value);
    const span = replaceableSpan(doc, entry);
    const candidates = grammar.formatCandidates(r.value, entry.quote, doc.eol, restOfLineIsBlank(doc.text, span.end));
    if (candidates.length === 0) throw new UnrepresentableValueError(entry.key, 'no way of quoting it is read back exactly', grammar.loaderName);
    return { index: r.index, key: entry.key, span, candidates };
  });
  edits.sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i]!.span.end > edits[i - 1]!.span.start) throw new RangeError('overlapping replacements');
  }

  const choice = edits.map(() => 0);
  const changesOf = (text: string): ValueEdits => ({ text, changes: edits.map((e, i) => ({ start: e.span.start, end: e.span.end, text: e.candidates[choice[i]!]! })) });
  const others = otherExpectations(doc, replacements, alsoReadBy);
  const verifies = (text: string, partial: readonly PlannedEdit[], partialExpected: ReadonlyMap<number, string>): boolean =>
    readsBack(grammar, doc, text, partialExpected, applied(partial, choice)) && (partial.length < edits.length || others.every((o) => readsBackAs(o, text)));
  const first = apply(doc.text, edits, choice);
  if (verifies(first, edits, expected)) return changesOf(first);

  // Fall back edit by edit, from the end of the file, keeping each choice that verifies.
  for (let e = 0; e < edits.length; e++) {
    let settled = false;
    for (let c = 0; c < edits[e]!.candidates.length && !settled; c++) {
      choice[e] = c;
      // Edits not yet settled are left out: only the text up to this edit is checked against them.
      const partial = edits.slice(0, e + 1);
      const partialExpected = new Map(partial.map((p) => [p.index, expected.get(p.index)!]));
      settled = verifies(apply(doc.text, partial, choice), partial, partialExpected);
    }
    if (!settled) throw new UnrepresentableValueError(edits[e]!.key, `every way of quoting it changes how ${others.length > 0 ? 'the loaders read' : `${grammar.loaderName} reads`} other lines of this file (look for an unterminated quote)`, grammar.loaderName);
  }
  const text = apply(doc.text, edits, choice);
  if (!verifies(text, edits, expected)) {
    const loaders = [grammar, ...alsoReadBy.map((o) => grammarOf(o.document))].map((g) => g.loaderName).join(' and ');
    throw new UnrepresentableValueError(edits[0]!.key, `the rewritten file does not read back as expected by ${loaders}`, grammar.loaderName);
  }
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
function readsBack(grammar: Grammar, before: EnvDocument, text: string, replaced: ReadonlyMap<number, string>, edits: readonly { start: number; end: number; length: number }[]): boolean {
  const table = tableOf(before);
  const lfOnly = table !== undefined && table.lfOnly && !text.includes('\r');
  const firstStart = Math.min(...edits.map((e) => e.start));
  const lastEnd = Math.max(...edits.map((e) => e.end));
  const delta = edits.reduce((sum, e) => sum + e.length - (e.end - e.start), 0);
  let same = true;
  const { count, failed } = forEachMatch(grammar, text, (index, m, s) => {
    if (index >= before.entryCount) return (same = false);
    if (lfOnly && !replaced.has(index)) {
      const { start, end } = grammar.writtenSpan(s, m);
      const shift = end <= firstStart ? 0 : m.start >= lastEnd + delta ? delta : undefined;
      if (shift !== undefined && table.startAt(index) === m.start - shift && table.valueStartAt(index) === start - shift && table.valueEndAt(index) === end - shift && table.unsetAt(index) === m.unset) return true;
    }
    const entry = before.entryAt(index);
    same = entry.key === s.slice(m.keyStart, m.keyEnd) && entry.unset === m.unset && (replaced.get(index) ?? entry.value) === (m.unset ? '' : grammar.value(s, m));
    return same;
  });
  return same && count === before.entryCount && failed === (tableOf(before)?.failure !== undefined);
}

/**
 * What another loader must read after the edit: its own reading of the file before, with each
 * replaced key's last value (the one a loader takes) now the replacement given for the key's last
 * replaced entry. Compared key by key on the values each loader takes (its entries need not line
 * up with this document's).
 */
function otherExpectations(doc: EnvDocument, replacements: readonly ValueReplacement[], others: readonly OtherReading[]): { document: EnvDocument; expected: Map<string, string | null> }[] {
  if (others.length === 0) return [];
  // Per key, the replacement of its last entry in this document (the value every loader reads).
  const lastOf = new Map<string, number>();
  for (let i = 0; i < doc.entryCount; i++) lastOf.set(doc.entryAt(i).key, i);
  const newValue = new Map<string, string>();
  for (const r of replacements) {
    const key = doc.entryAt(r.index).key;
    if (lastOf.get(key) === r.index) newValue.set(key, r.value);
  }
  return others.map(({ document }) => {
    const expected = takenValues(document);
    for (const [key, value] of newValue) expected.set(key, value);
    return { document, expected };
  });
}

/** True when `text`, read by the other loader, gives exactly the values it expects. */
function readsBackAs(other: { document: EnvDocument; expected: ReadonlyMap<string, string | null> }, text: string): boolean {
  const grammar = grammarOf(other.document);
  const taken = new Map<string, string | null>();
  const { failed } = forEachMatch(grammar, text, (_index, m, s) => {
    taken.set(s.slice(m.keyStart, m.keyEnd), m.unset ? null : grammar.value(s, m));
    return true;
  });
  if (failed !== (tableOf(other.document)?.failure !== undefined) || taken.size !== other.expected.size) return false;
  for (const [key, value] of other.expected) if (!taken.has(key) || taken.get(key) !== value) return false;
  return true;
}

/** The value a loader takes for each key (the last entry's; null when that entry leaves it unset). */
function takenValues(doc: EnvDocument): Map<string, string | null> {
  const taken = new Map<string, string | null>();
  for (let i = 0; i < doc.entryCount; i++) {
    const entry = doc.entryAt(i);
    taken.set(entry.key, entry.unset ? null : entry.value);
  }
  return taken;
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
