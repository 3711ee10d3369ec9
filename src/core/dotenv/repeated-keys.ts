import type { EntryTable } from './table';

/**
 * Calls `onRepeat(firstRow, row)` for each row whose key an earlier row already has, without
 * building a string per key: the rows' key hashes go into an open-addressing table of row numbers
 * that grows with the number of distinct keys (a file of 15 million `A=1` lines needs one slot;
 * one of 700,000 distinct keys, a few megabytes), and keys are compared in the text.
 */
export function forEachRepeatedKey(table: EntryTable, onRepeat: (firstRow: number, row: number) => void): void {
  // Sized for the rows up front (a rehash walks the table again), up to 2M slots (8 MB); it grows past that.
  let size = 1024;
  while (size < 1 << 21 && size < table.count * 2) size *= 2;
  let rows = new Int32Array(size).fill(-1);
  let distinct = 0;
  const insert = (row: number): void => {
    let slot = table.keyHashAt(row) & (size - 1);
    while (rows[slot] !== -1) slot = (slot + 1) & (size - 1);
    rows[slot] = row;
  };
  for (let row = 0; row < table.count; row++) {
    const hash = table.keyHashAt(row);
    let slot = hash & (size - 1);
    let found = -1;
    for (let other = rows[slot]!; other !== -1; other = rows[slot]!) {
      if (table.keyHashAt(other) === hash && table.sameKey(other, row)) {
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
    if (++distinct * 2 > size) {
      // Keep the table at most half full: double it and re-insert.
      const old = rows;
      size *= 2;
      rows = new Int32Array(size).fill(-1);
      for (const r of old) if (r !== -1) insert(r);
    }
  }
}
