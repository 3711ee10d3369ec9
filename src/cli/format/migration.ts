import type { MigrationPlan, MigrationResult } from '../../core/migrate';

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
  for (const problem of plan.problems) lines.push(`  ${problem.blocking ? 'blocked' : 'skipped'}: ${problem.message}`);
  return `${lines.join('\n')}\n`;
}

/** What happened: what moved, what did not and why. */
export function formatResult(result: MigrationResult): string {
  const moved = result.outcomes.filter((o) => o.moved);
  const notMoved = result.outcomes.filter((o) => !o.moved);
  const lines: string[] = [];
  for (const o of moved) lines.push(`  moved      ${o.item.file}:${o.item.line} ${o.item.key} -> ${o.item.reference}`);
  for (const o of notMoved) lines.push(`  not moved  ${o.item.file}:${o.item.line} ${o.item.key}: ${o.moved ? '' : o.reason}`);
  lines.push(`Moved ${plural(moved.length, 'value')}${notMoved.length > 0 ? `; ${notMoved.length} not moved (the file still holds ${notMoved.length === 1 ? 'it' : 'them'})` : ''}.${result.rewritten.length > 0 ? ` Rewritten: ${result.rewritten.join(', ')}.` : ''}`);
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
