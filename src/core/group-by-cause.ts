/** Items that share one cause, in the order they were first seen. */
export interface CauseGroup<T> {
  /** Undefined for an item that has no shareable cause: it stays alone in its group. */
  readonly cause: string | undefined;
  readonly items: readonly T[];
}

/**
 * Groups items by the cause they share, so that a cause common to many items (a full disk, a
 * refused credential, a bad prefix, a damaged store) is said once, with a count, instead of once per
 * item. Groups come in first-seen order; items without a cause each get a group of their own.
 */
export function groupByCause<T>(items: readonly T[], causeOf: (item: T) => string | undefined): CauseGroup<T>[] {
  const groups: { cause: string | undefined; items: T[] }[] = [];
  const byCause = new Map<string, { cause: string | undefined; items: T[] }>();
  for (const item of items) {
    const cause = causeOf(item);
    const existing = cause === undefined ? undefined : byCause.get(cause);
    if (existing) {
      existing.items.push(item);
      continue;
    }
    const group = { cause, items: [item] };
    groups.push(group);
    if (cause !== undefined) byCause.set(cause, group);
  }
  return groups;
}
