import type { Row } from './types';

const COLUMNS = ['Measure', 'Time / value', 'Peak RSS', 'Notes', 'Goal'] as const;

function goalCell(row: Row): string {
  if (!row.goal) return '';
  const mark = row.goal.met === undefined ? '?' : row.goal.met ? '✓' : '✗';
  return `${mark} ${row.goal.text}`;
}

/** One plain-text table for all sections: a heading line per section, its rows indented below. */
export function formatTable(sections: readonly { name: string; rows: readonly Row[] }[]): string {
  const cells = sections.flatMap((s) => s.rows.map((row) => [`  ${row.measure}`, row.value, row.memory ?? '', row.notes ?? '', goalCell(row)]));
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]): string => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(COLUMNS), widths.map((w) => '─'.repeat(w)).join('  ')];
  let next = 0;
  for (const section of sections) {
    out.push(section.name);
    for (let i = 0; i < section.rows.length; i++) out.push(line(cells[next++]!));
  }
  return `${out.join('\n')}\n`;
}
