import type { EnvDocument, EnvEntry, Span } from './model';
import { parseWith, tableOf } from './parse';
import { DOTENV_GRAMMAR } from './dotenv-grammar';
import { forEachRepeatedKey } from './repeated-keys';

/** Prints the model: the concatenation of its nodes, which is exactly the original text. */
export function printEnv(doc: EnvDocument): string {
  return doc.nodes.map((node) => doc.text.slice(node.span.start, node.span.end)).join('');
}

/**
 * The variables as the loader sets them (dotenv's `parse`): the last duplicate wins; a key whose
 * last entry leaves it unset (python-dotenv's `KEY` alone) is not among them.
 */
export function toRecord(doc: EnvDocument): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < doc.entryCount; i++) {
    const entry = doc.entryAt(i);
    const key = entry.key;
    // dotenv assigns obj[key]; for `__proto__` that assignment is a no-op, so the key never appears.
    if (key === '__proto__') continue;
    if (entry.unset) delete record[key];
    else record[key] = entry.value;
  }
  return record;
}

/** The entry the loader's value comes from for each key it sets (the last one), in file order. */
export function effectiveEntries(doc: EnvDocument): EnvEntry[] {
  const last = new Map<string, number>();
  for (let i = 0; i < doc.entryCount; i++) {
    const key = doc.entryAt(i).key;
    // dotenv assigns obj[key]; for `__proto__` that assignment is a no-op, so the key never appears.
    if (key !== '__proto__') last.set(key, i);
  }
  return [...last.values()].sort((a, b) => a - b).map((i) => doc.entryAt(i)).filter((e) => !e.unset);
}

/** How many lines of a repeated key are named: a key set 700,000 times gets one short warning. */
export const LISTED_DUPLICATE_LINES = 5;

export interface DuplicateKey {
  readonly key: string;
  /** How many times the key is set. */
  readonly count: number;
  /** The first lines it is set on (at most LISTED_DUPLICATE_LINES). */
  readonly firstLines: readonly number[];
  /** The line the loader takes the value from. */
  readonly lastLine: number;
}

/** Keys written more than once, in the order of each key's first appearance. */
export function duplicateKeys(doc: EnvDocument): DuplicateKey[] {
  const table = tableOf(doc) ?? tableOf(parseWith(DOTENV_GRAMMAR, doc.text))!;
  // By the row of each key's first entry; an editor asks on every check, and most files repeat nothing.
  const repeated = new Map<number, { count: number; firstLines: number[]; lastLine: number }>();
  forEachRepeatedKey(table, (firstRow, row) => {
    const line = table.lineAt(row);
    const found = repeated.get(firstRow);
    if (!found) repeated.set(firstRow, { count: 2, firstLines: [table.lineAt(firstRow), line], lastLine: line });
    else {
      found.count++;
      found.lastLine = line;
      if (found.firstLines.length < LISTED_DUPLICATE_LINES) found.firstLines.push(line);
    }
  });
  return [...repeated].sort((a, b) => a[0] - b[0]).map(([firstRow, d]) => ({ key: table.keyAt(firstRow), ...d }));
}

/** UTF-8 byte offsets of a span, for callers that patch the raw file. */
export function byteSpan(doc: EnvDocument, span: Span): Span {
  const start = Buffer.byteLength(doc.text.slice(0, span.start), 'utf8');
  return { start, end: start + Buffer.byteLength(doc.text.slice(span.start, span.end), 'utf8') };
}
