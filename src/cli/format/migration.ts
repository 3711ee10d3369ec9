import { groupFailures, groupProblems, itemPlace, problemCount, problemSubject, type MigrationPlan, type MigrationResult, type PlannedItem, type PlanProblem } from '../../core/migrate';
import type { ProjectLayout } from '../../core/project';

const ACTIONS: Record<PlannedItem['action'], string> = {
  'new-secret': 'new secret',
  'new-version': 'new version',
  reuse: 'already in the vault, reused',
};

/**
 * The plan for people, grouped by project and environment with each group's vault: one line per
 * value moved (file:line, key, reference, what happens to the secret), no values.
 */
export function formatPlan(plan: Pick<MigrationPlan, 'items' | 'groups'> & { problems: readonly PlanProblem[] }, projects: readonly ProjectLayout[] = []): string {
  const lines: string[] = [];
  if (plan.items.length === 0) {
    lines.push(plan.problems.some((p) => p.blocking) ? 'Nothing can move yet:' : plan.problems.length > 0 ? 'Nothing to move: see why below.' : 'Nothing to move: no plaintext secret in these files.');
  } else {
    const files = new Set(plan.items.map((i) => i.path)).size;
    const secrets = new Set(plan.items.map((i) => `${i.vaultName}\0${i.secretName}`)).size;
    const vaults = new Set(plan.items.map((i) => i.vaultName)).size;
    lines.push(`Plan: move ${plural(plan.items.length, 'value')} from ${plural(files, 'file')} into ${plural(secrets, 'secret')} of ${plural(vaults, 'vault')}:`);
    const width = Math.max(...plan.items.map((i) => `${i.file}:${i.line}`.length));
    const keyWidth = Math.max(...plan.items.map((i) => i.key.length));
    let project: string | undefined;
    for (const group of plan.groups) {
      if (group.project !== project) {
        project = group.project;
        const root = projects.find((p) => p.name === project)?.root;
        lines.push(`Project ${project}${root ? ` (${root})` : ''}:`);
      }
      lines.push(`  ${group.environment} -> ${group.vault.displayName}`);
      for (const item of group.items) {
        const what = item.shadowed ? 'earlier duplicate, kept as an earlier version' : ACTIONS[item.action];
        lines.push(`    ${`${item.file}:${item.line}`.padEnd(width)}  ${item.key.padEnd(keyWidth)}  -> ${item.shadowed ? `${item.reference} (pinned)` : item.reference}  (${what})`);
      }
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
  for (const o of moved) lines.push(`  moved      ${o.item.file}:${o.item.line} ${o.item.key} -> ${o.item.secretName}`);
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

/**
 * After Ctrl-C (stderr): what was done and what was not. A value stored but whose file was not
 * rewritten is named: the file still holds it, and the next run reuses the stored version.
 */
export function formatInterrupted(result: MigrationResult): string {
  const moved = result.outcomes.filter((o) => o.moved);
  const notMoved = result.outcomes.filter((o): o is Extract<typeof o, { moved: false }> => !o.moved);
  const storedOnly = notMoved.filter((o) => o.storedVersion !== undefined);
  const left = notMoved.filter((o) => o.storedVersion === undefined);
  const lines = ['envguard migrate: interrupted (Ctrl-C): stopped after the item in flight.'];
  lines.push(`  files rewritten: ${result.rewritten.length > 0 ? result.rewritten.join(', ') : 'none'}`);
  lines.push(`  keys moved: ${moved.length > 0 ? moved.map((o) => `${o.item.file}:${o.item.line} ${o.item.key}`).join(', ') : 'none'}`);
  if (storedOnly.length > 0) lines.push(`  stored in the vault, file not rewritten (the file still holds them; the next run reuses them): ${storedOnly.map((o) => `${itemPlace(o.item)} -> ${o.item.secretName}`).join(', ')}`);
  lines.push(`  left in their files, not stored: ${left.length > 0 ? left.map((o) => itemPlace(o.item)).join(', ') : 'none'}`);
  lines.push('  Run the same command again to finish.');
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
