import type { EnvDocument, EnvEntry, Span } from './model';

/** Prints the model: the concatenation of its nodes, which is exactly the original text. */
export function printEnv(doc: EnvDocument): string {
  return doc.nodes.map((node) => doc.text.slice(node.span.start, node.span.end)).join('');
}

/** The variables as dotenv's `parse` returns them: the last duplicate wins. */
export function toRecord(doc: EnvDocument): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of doc.entries) {
    // dotenv assigns obj[key]; for `__proto__` that assignment is a no-op, so the key never appears.
    if (entry.key === '__proto__') continue;
    record[entry.key] = entry.value;
  }
  return record;
}

/** The entry dotenv's value comes from for each key (the last one), in file order. */
export function effectiveEntries(doc: EnvDocument): EnvEntry[] {
  const last = new Map<string, EnvEntry>();
  for (const entry of doc.entries) if (entry.key !== '__proto__') last.set(entry.key, entry);
  return doc.entries.filter((e) => last.get(e.key) === e);
}

/** Keys written more than once, with every line they appear on. */
export function duplicateKeys(doc: EnvDocument): { key: string; lines: number[] }[] {
  // First lines in a map of numbers: an array only for keys seen twice (an editor asks on every check).
  const firstLine = new Map<string, number>();
  let repeated: Map<string, number[]> | undefined;
  for (const entry of doc.entries) {
    const first = firstLine.get(entry.key);
    if (first === undefined) {
      firstLine.set(entry.key, entry.line);
      continue;
    }
    repeated ??= new Map();
    const lines = repeated.get(entry.key);
    if (lines) lines.push(entry.line);
    else repeated.set(entry.key, [first, entry.line]);
  }
  // In the order of each key's first appearance.
  return repeated ? [...repeated].map(([key, lines]) => ({ key, lines })).sort((a, b) => a.lines[0]! - b.lines[0]!) : [];
}

/** UTF-8 byte offsets of a span, for callers that patch the raw file. */
export function byteSpan(doc: EnvDocument, span: Span): Span {
  const start = Buffer.byteLength(doc.text.slice(0, span.start), 'utf8');
  return { start, end: start + Buffer.byteLength(doc.text.slice(span.start, span.end), 'utf8') };
}
