/**
 * A small cache whose entries live `ttlMs` (metadata a vault may change behind our back: a short
 * life), at most `maxEntries` (the oldest goes first). Loads of the same key share one promise; a
 * failed load is not kept, so the next look asks again. No vscode: unit-tested on its own.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { readonly value: Promise<V>; readonly until: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries: number, private readonly now: () => number = Date.now) {}

  /** The value kept for `key` (a load in flight included), or undefined when none is, or it expired. */
  get(key: string): Promise<V> | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** The kept value, else `load()`'s, kept for the next `ttlMs` (unless it fails). */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const kept = this.get(key);
    if (kept) return kept;
    const value = load();
    this.entries.delete(key); // re-inserted last: Map order is age order
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
    value.catch(() => { if (this.entries.get(key)?.value === value) this.entries.delete(key); });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Forgets `key`, or everything (a value was set, settings changed). */
  clear(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
