import type { DialectName, EnvDocument, EnvEntry } from '../dotenv';
import { composeExpands } from '../dotenv/compose/interpolate';
import { grammarFor, parseAs } from '../dotenv/dialects';
import { grammarOf } from '../dotenv/parse';
import { pythonExpands } from '../dotenv/python-dotenv/interpolate';

/** A file as one of the programs that read it reads it. */
export interface Reading {
  readonly dialect: DialectName;
  readonly document: EnvDocument;
}

/** A key the programs reading a file do not read alike. Carries no value. */
export interface Disagreement {
  readonly key: string;
  /** The entry messages point at: the first reading's last entry of the key, else the first reading that has one. */
  readonly entry: EnvEntry;
  /** Every program reading the file, in the file's order. */
  readonly dialects: readonly DialectName[];
  /** How they differ, naming no value: `dotenv ends the value at "#"`, `python-dotenv does not read the line`. */
  readonly how: string;
}

/** The file as each program reads it; the first document is also `primary`. */
export function readingsOf(text: string, dialects: readonly DialectName[], primary?: EnvDocument): Reading[] {
  return dialects.map((dialect, i) => ({ dialect, document: i === 0 && primary && grammarOf(primary).dialect === dialect ? primary : parseAs(dialect, text) }));
}

/** What a program takes for a key: the last entry's value, null when that entry leaves it unset. */
interface Taken {
  readonly value: string | null;
  readonly entry: EnvEntry;
}

function takenBy(document: EnvDocument): Map<string, Taken> {
  const taken = new Map<string, Taken>();
  for (let i = 0; i < document.entryCount; i++) {
    const entry = document.entryAt(i);
    taken.set(entry.key, { value: entry.unset ? null : entry.value, entry });
  }
  return taken;
}

/**
 * The keys the readings do not agree on: one program reads a value another does not, reads another
 * value, or reads none. Values are compared as each parser gives them, before interpolation (see
 * interpolatedKeys). Empty for a single reading.
 */
export function disagreementsOf(readings: readonly Reading[]): Disagreement[] {
  if (readings.length < 2) return [];
  const taken = readings.map((r) => takenBy(r.document));
  const keys = new Set<string>();
  for (const map of taken) for (const key of map.keys()) keys.add(key);
  const found: Disagreement[] = [];
  for (const key of keys) {
    const seen = taken.map((map) => map.get(key));
    const first = seen[0];
    if (seen.every((t) => t !== undefined && first !== undefined && t.value === first.value)) continue;
    const entry = seen.find((t) => t !== undefined)!.entry;
    found.push({ key, entry, dialects: readings.map((r) => r.dialect), how: howTheyDiffer(readings, seen) });
  }
  return found.sort((a, b) => a.entry.line - b.entry.line);
}

/** The difference in words, from the values compared but never quoting them. */
function howTheyDiffer(readings: readonly Reading[], seen: readonly (Taken | undefined)[]): string {
  const name = (i: number): string => grammarFor(readings[i]!.dialect).loaderName;
  const absent = seen.flatMap((t, i) => (t === undefined ? [name(i)] : []));
  if (absent.length > 0) return `${absent.join(' and ')} ${absent.length === 1 ? 'does' : 'do'} not read it`;
  const unset = seen.flatMap((t, i) => (t!.value === null ? [name(i)] : []));
  if (unset.length > 0) return `${unset.join(' and ')} ${unset.length === 1 ? 'reads' : 'read'} it without a value and ${unset.length === 1 ? 'leaves' : 'leave'} it unset`;
  // A value cut short at a `#` that another program keeps.
  const values = seen.map((t) => t!.value!);
  const cutAtHash = values.flatMap((v, i) => (values.some((w) => w.length > v.length && w.startsWith(v) && /^\s*#/.test(w.slice(v.length))) ? [name(i)] : []));
  if (cutAtHash.length > 0) return `${cutAtHash.join(' and ')} ${cutAtHash.length === 1 ? 'ends' : 'end'} the value at "#"`;
  return 'they read different values';
}

/**
 * The keys whose value a program expands as it loads it (python-dotenv: `${…}` in any value;
 * compose: `$…` in unquoted and double-quoted values), with those programs: what the app gets then
 * depends on its environment, so the written text is not the value.
 */
export function interpolatedKeys(readings: readonly Reading[]): Map<string, DialectName[]> {
  const found = new Map<string, DialectName[]>();
  for (const { dialect, document } of readings) {
    if (dialect === 'dotenv') continue;
    // Only keys that expand somewhere are kept (a big file holds no string per entry): whether their last entry does.
    const lastExpands = new Map<string, boolean>();
    for (let i = 0; i < document.entryCount; i++) {
      const entry = document.entryAt(i);
      const expands = !entry.unset && (dialect === 'python-dotenv' ? pythonExpands(entry.value) : entry.quote !== 'single' && composeExpands(entry.value));
      if (expands || lastExpands.has(entry.key)) lastExpands.set(entry.key, expands);
    }
    for (const [key, expands] of lastExpands) if (expands) found.set(key, [...(found.get(key) ?? []), dialect]);
  }
  return found;
}
