import { groupByCause, type CauseGroup } from '../group-by-cause';
import type { ItemOutcome, PlanProblem, PlannedItem, ProblemKind } from './types';

/** What the subjects of a shared cause are, for its count. */
const SUBJECT_NOUNS: Partial<Record<ProblemKind, string>> = { vault: 'secret', 'invalid-name': 'value' };

/** `3 secrets`, `2 values`: how many problems of this kind share a cause. */
export function problemCount(kind: ProblemKind, n: number): string {
  return `${n} ${SUBJECT_NOUNS[kind] ?? 'item'}${n === 1 ? '' : 's'}`;
}

/** Where a problem is (`.env:3 KEY`, a secret name): its message without the shared cause, when it has one. */
export function problemSubject(problem: PlanProblem): string {
  const { message, cause } = problem;
  return cause !== undefined && message.endsWith(`: ${cause}`) ? message.slice(0, message.length - cause.length - 2) : message;
}

/** The plan's problems, those with the same cause together (blocking and skipping ones apart). */
export function groupProblems(problems: readonly PlanProblem[]): CauseGroup<PlanProblem>[] {
  return groupByCause(problems, (p) => (p.cause === undefined ? undefined : `${p.blocking ? 'blocked' : 'skipped'}\u0000${p.cause}`))
    .map((group) => ({ cause: group.items[0]!.cause, items: group.items }));
}

/** The values that did not move, grouped by the reason they share. */
export function groupFailures(outcomes: readonly ItemOutcome[]): CauseGroup<PlannedItem>[] {
  const failed = outcomes.flatMap((o) => (o.moved ? [] : [{ item: o.item, reason: o.reason }]));
  return groupByCause(failed, (f) => f.reason).map((group) => ({ cause: group.cause, items: group.items.map((f) => f.item) }));
}

/** `.env:3 KEY`: how an item is named next to a cause. */
export function itemPlace(item: PlannedItem): string {
  return `${item.file}:${item.line} ${item.key}`;
}
