import { DOTENV_GRAMMAR } from './dotenv-grammar';
import type { Grammar } from './grammar';
import { identity } from './line-endings';
import { LineCursor } from './line-cursor';
import type { EnvDocument } from './model';
import { documentOf, parseWith, tableOf } from './parse';
import { firstAtLeast } from './sorted-search';
import { EntryTable } from './table';

/**
 * What a scan left for the next re-parse of its document: where each match ended (where the scan
 * resumes after it) and the furthest offset read up to and including it (non-decreasing).
 */
interface ScanRecord {
  readonly ends: number[];
  readonly reaches: number[];
}

const records = new WeakMap<EnvDocument, ScanRecord>();

/**
 * Parses `text` as `parseEnv` does, reusing what it can of `previous`, an earlier result of this
 * function for the same file (an editor re-checks a document after every pause in typing).
 *
 * The scan's only state between matches is its position, and a match depends on nothing before
 * its step's start and nothing past the furthest character its step read. So the matches whose
 * steps read only text before the edit are kept; the scan resumes after them and stops at the
 * first match past the edit that ends where an old one ended, shifted by the edit's length; the
 * old matches after that are the same, moved (their rows copied with shifted offsets). Texts with
 * CR fall back to a full parse (their offsets are mapped through the LF-normalised text).
 */
export function reparseEnv(text: string, previous?: EnvDocument): EnvDocument {
  return reparseWith(DOTENV_GRAMMAR, text, previous);
}

/**
 * reparseEnv for any grammar: the steps of every grammar depend on nothing before their start and
 * record how far they read, so the same reuse holds. A previous document of another grammar is not reused.
 */
export function reparseWith(grammar: Grammar, text: string, previous?: EnvDocument): EnvDocument {
  const oldTable = previous && tableOf(previous);
  if (previous?.text === text && oldTable?.grammar === grammar) return previous;
  const record = previous && records.get(previous);
  if (!previous || !record || !oldTable || oldTable.grammar !== grammar || text.includes('\r')) return recordedParse(grammar, text);

  const old = previous.text;
  const shorter = Math.min(old.length, text.length);
  let a = 0;
  while (a < shorter && old.charCodeAt(a) === text.charCodeAt(a)) a++;
  let common = 0;
  while (common < shorter - a && old.charCodeAt(old.length - 1 - common) === text.charCodeAt(text.length - 1 - common)) common++;
  const oldChangeEnd = old.length - common;
  const newChangeEnd = text.length - common;
  const delta = text.length - old.length;

  // Matches 0..kept-1 read nothing at or after the edit's start.
  const kept = firstAtLeast(record.reaches, a);
  const from = kept > 0 ? record.ends[kept - 1]! : 0;
  const ends = record.ends.slice(0, kept);
  const reaches = record.reaches.slice(0, kept);
  const table = new EntryTable(grammar, text, text, identity, oldTable.count + 16);
  table.appendMoved(oldTable, 0, kept, 0, 0);
  const at = lineAt(text, from);
  const lines = new LineCursor(text, at.offset, at.line, at.lineStart, true);
  const scanner = grammar.scanner(text);
  scanner.startReachAt(kept > 0 ? record.reaches[kept - 1]! : 0);
  let resumeOld = -1;
  scanner.scan(from, (m) => {
    table.add(m, lines);
    ends.push(m.end);
    reaches.push(scanner.reach);
    // Past the edit (the character before the next step is unchanged too), at an old match's end.
    if (m.end - 1 >= newChangeEnd) {
      const j = indexOfSorted(record.ends, m.end - delta);
      if (j >= 0) {
        resumeOld = j + 1;
        return false;
      }
    }
    return true;
  });

  if (resumeOld >= 0 && resumeOld < oldTable.count) {
    const lineDelta = countLineFeeds(text, a, newChangeEnd) - countLineFeeds(old, a, oldChangeEnd);
    table.appendMoved(oldTable, resumeOld, oldTable.count, delta, lineDelta);
    let reach = reaches.length > 0 ? reaches[reaches.length - 1]! : 0;
    for (let j = resumeOld; j < oldTable.count; j++) {
      ends.push(record.ends[j]! + delta);
      reach = Math.max(reach, record.reaches[j]! + delta);
      reaches.push(reach);
    }
  }
  // Where the loader gave up: after the old matches taken over, the old place moved; else where this scan stopped.
  const failure = resumeOld >= 0 ? oldTable.failure : scanner.failure;
  if (failure) table.failure = { at: failure.at + (resumeOld >= 0 ? delta : 0), reason: failure.reason };
  const doc = documentOf(table);
  records.set(doc, { ends, reaches });
  return doc;
}

/** A full parse that also records its scan (for LF-only text; others are always parsed whole). */
function recordedParse(grammar: Grammar, text: string): EnvDocument {
  if (text.includes('\r')) return parseWith(grammar, text);
  const ends: number[] = [];
  const reaches: number[] = [];
  const doc = parseWith(grammar, text, (m, reach) => {
    ends.push(m.end);
    reaches.push(reach);
  });
  records.set(doc, { ends, reaches });
  return doc;
}

/** The 1-based line of `offset` and where that line starts (LF-only text). */
function lineAt(text: string, offset: number): { offset: number; line: number; lineStart: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, lineStart };
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The index of `target` in an increasing array, or -1. */
function indexOfSorted(values: readonly number[], target: number): number {
  const i = firstAtLeast(values, target);
  return i < values.length && values[i] === target ? i : -1;
}
