import type { EntryTable } from './table';

/**
 * Calls `onRepeat(firstRow, row)` for each row whose key an earlier row already has, without
 * building a string per key: keys are hashed from the text into an open-addressing table of row
 * numbers that grows with the number of distinct keys (a file of 15 million `A=1` lines needs one
 * slot; one of 700,000 distinct keys, a few megabytes).
 */
export function forEachRepeatedKey(table: EntryTable, onRepeat: (firstRow: number, row: number) => void): void {
  const { s } = table;
  let size = 1024;
  let rows = new Int32Array(size).fill(-1);
  let hashes = new Int32Array(size);
  let distinct = 0;
  const hashOf = (start: number, end: number): number => {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  };
  const sameKey = (row: number, start: number, end: number): boolean => {
    const otherStart = table.keyStartAt(row);
    if (table.keyEndFrom(otherStart) - otherStart !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (s.charCodeAt(otherStart + i) !== s.charCodeAt(start + i)) return false;
    return true;
  };
  const insert = (row: number, hash: number): void => {
    let slot = hash & (size - 1);
    while (rows[slot] !== -1) slot = (slot + 1) & (size - 1);
    rows[slot] = row;
    hashes[slot] = hash;
  };
  for (let row = 0; row < table.count; row++) {
    const start = table.keyStartAt(row);
    const end = table.keyEndFrom(start);
    const hash = hashOf(start, end);
    let slot = hash & (size - 1);
    let found = -1;
    for (let other = rows[slot]!; other !== -1; other = rows[slot]!) {
      if (hashes[slot] === hash && sameKey(other, start, end)) {
        found = other;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
    if (found >= 0) {
      onRepeat(found, row);
      continue;
    }
    rows[slot] = row;
    hashes[slot] = hash;
    if (++distinct * 2 > size) {
      // Keep the table at most half full: double it and re-insert.
      const oldRows = rows;
      const oldHashes = hashes;
      size *= 2;
      rows = new Int32Array(size).fill(-1);
      hashes = new Int32Array(size);
      for (let i = 0; i < oldRows.length; i++) if (oldRows[i] !== -1) insert(oldRows[i]!, oldHashes[i]!);
    }
  }
}
