import { groupFailures, groupProblems, itemPlace, problemCount, problemSubject, type MigrationPlan, type MigrationResult } from '../../core/migrate';

/** The plan for people: one line per value moved (file:line, key, secret, reference), no values. */
export function formatPlan(plan: MigrationPlan): string {
  const lines: string[] = [];
  if (plan.items.length === 0) {
    lines.push(plan.problems.some((p) => p.blocking) ? 'Nothing can move yet:' : 'Nothing to move: no plaintext secret in these files.');
  } else {
    const files = new Set(plan.items.map((i) => i.file)).size;
    const secrets = new Set(plan.items.map((i) => i.secretName)).size;
    lines.push(`Plan: move ${plural(plan.items.length, 'value')} from ${plural(files, 'file')} into ${plural(secrets, 'secret')} of the ${plan.vaultName}:`);
    const width = Math.max(...plan.items.map((i) => `${i.file}:${i.line}`.length));
    const keyWidth = Math.max(...plan.items.map((i) => i.key.length));
    for (const item of plan.items) {
      const what = item.action === 'reuse' ? 'already in the vault, reused' : 'new secret';
      lines.push(`  ${`${item.file}:${item.line}`.padEnd(width)}  ${item.key.padEnd(keyWidth)}  -> ${item.reference}  (${what})`);
    }
  }
  // A cause shared by several problems (a refused credential, a bad prefix) is said once, with a count.
  for (const { cause, items } of groupProblems(plan.problems)) {
    const first = items[0]!;
    const label = first.blocking ? 'blocked' : 'skipped';
    if (items.length === 1 || cause === undefined) {
      lines.push(`  ${label}: ${first.message}`);
    } else {
      lines.push(`  ${label} (${problemCount(first.kind, items.length)}): ${cause}`);
      lines.push(`    ${items.map(problemSubject).join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** What happened: what moved, what did not and why. */
export function formatResult(result: MigrationResult): string {
  const moved = result.outcomes.filter((o) => o.moved);
  const notMoved = result.outcomes.filter((o) => !o.moved);
  const lines: string[] = [];
  for (const o of moved) lines.push(`  moved      ${o.item.file}:${o.item.line} ${o.item.key} -> ${o.item.reference}`);
  // Values that failed for one reason (a full disk, a damaged store) are listed under it, said once.
  for (const { cause, items } of groupFailures(result.outcomes)) {
    if (items.length === 1) {
      lines.push(`  not moved  ${itemPlace(items[0]!)}: ${cause ?? ''}`);
    } else {
      lines.push(`  not moved (${plural(items.length, 'value')}): ${cause ?? ''}`);
      lines.push(`    ${items.map(itemPlace).join(', ')}`);
    }
  }
  lines.push(`Moved ${plural(moved.length, 'value')}${notMoved.length > 0 ? `; ${notMoved.length} not moved (the file still holds ${notMoved.length === 1 ? 'it' : 'them'})` : ''}.${result.rewritten.length > 0 ? ` Rewritten: ${result.rewritten.join(', ')}.` : ''}`);
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
