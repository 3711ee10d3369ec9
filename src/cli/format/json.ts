/**
 * `--format json`: one JSON document on stdout per command, its shape documented in docs/cli-json.md
 * (and each shape checked against that page by test/unit/cli/json.test.ts). Never a value.
 */
import type { MigrationResult, PlannedItem, PlanProblem } from '../../core/migrate';

/** The document as printed: indented, one trailing newline. */
export function jsonDocument(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** How a migration ended, in `envguard migrate --format json`'s `outcome`. */
export type MigrationOutcome = 'nothing-to-move' | 'blocked' | 'dry-run' | 'declined' | 'not-started' | 'applied' | 'interrupted';

export function migrationJson(plan: { items: readonly PlannedItem[]; problems: readonly PlanProblem[] }, outcome: MigrationOutcome, result?: MigrationResult, error?: string): string {
  return jsonDocument({
    outcome,
    plan: {
      items: plan.items.map((i) => ({
        file: i.file, line: i.line, key: i.key, project: i.project, environment: i.environment, vault: i.vaultName,
        secretName: i.secretName, reference: i.reference, action: i.action, shadowed: i.shadowed,
      })),
      problems: plan.problems.map((p) => ({ kind: p.kind, blocking: p.blocking, message: p.message })),
    },
    ...(result ? {
      result: {
        moved: result.outcomes.filter((o) => o.moved).map((o) => ({ file: o.item.file, line: o.item.line, key: o.item.key, secretName: o.item.secretName, ...(o.moved && o.version !== undefined ? { version: o.version } : {}) })),
        notMoved: result.outcomes.flatMap((o) => (o.moved ? [] : [{ file: o.item.file, line: o.item.line, key: o.item.key, reason: o.reason }])),
        rewritten: result.rewritten,
      },
    } : {}),
    ...(error !== undefined ? { error } : {}),
  });
}
