import type { MigrationPlan, MigrationResult, PlannedItem, PlanProblem } from '../../core/migrate';
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
    lines.push(plan.problems.some((p) => p.blocking) ? 'Nothing can move yet:' : 'Nothing to move: no plaintext secret in these files.');
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
  for (const problem of plan.problems) lines.push(`  ${problem.blocking ? 'blocked' : 'skipped'}: ${problem.message}`);
  return `${lines.join('\n')}\n`;
}

/** What happened: what moved, what did not and why. */
export function formatResult(result: MigrationResult): string {
  const moved = result.outcomes.filter((o) => o.moved);
  const notMoved = result.outcomes.filter((o) => !o.moved);
  const lines: string[] = [];
  for (const o of moved) lines.push(`  moved      ${o.item.file}:${o.item.line} ${o.item.key} -> ${o.item.secretName}`);
  for (const o of notMoved) lines.push(`  not moved  ${o.item.file}:${o.item.line} ${o.item.key}: ${o.moved ? '' : o.reason}`);
  lines.push(`Moved ${plural(moved.length, 'value')}${notMoved.length > 0 ? `; ${notMoved.length} not moved (the file still holds ${notMoved.length === 1 ? 'it' : 'them'})` : ''}.${result.rewritten.length > 0 ? ` Rewritten: ${result.rewritten.join(', ')}.` : ''}`);
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
