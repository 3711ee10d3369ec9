import type { SecretMatch } from './types';

/** The last verdict for one key: the value it was for, and the analysis that last used it. */
interface Remembered {
  value: string;
  verdict: SecretMatch | null;
  used: number;
}

/**
 * Remembers the verdicts of the last analysis of one document, so that re-checking it after an
 * edit classifies only the entries that changed (an editor re-checks on every pause in typing).
 * Holds keys and values in memory only, and only those of the document's latest text: a key's
 * entry is overwritten when its value changes, and keys the latest analysis did not see are
 * dropped when it ends. An unchanged entry is not classified again and adds no memo entry.
 * Use one memo per document and per set of detection settings.
 */
export class DetectionMemo {
  private readonly byKey = new Map<string, Remembered>();
  private generation = 0;
  private usedThisGeneration = 0;

  /** Starts an analysis. */
  nextGeneration(): void {
    this.generation++;
    this.usedThisGeneration = 0;
  }

  verdict(key: string, value: string, classify: () => SecretMatch | undefined): SecretMatch | undefined {
    let remembered = this.byKey.get(key);
    if (remembered === undefined) {
      remembered = { value, verdict: classify() ?? null, used: -1 };
      this.byKey.set(key, remembered);
    } else if (remembered.value !== value) {
      // A changed value, or a key written twice with different values: the latest one is kept.
      remembered.value = value;
      remembered.verdict = classify() ?? null;
    }
    if (remembered.used !== this.generation) {
      remembered.used = this.generation;
      this.usedThisGeneration++;
    }
    return remembered.verdict ?? undefined;
  }

  /** Ends an analysis: drops the keys it did not see (walks the map only when there are some). */
  forgetUnused(): void {
    if (this.byKey.size === this.usedThisGeneration) return;
    for (const [key, remembered] of this.byKey) if (remembered.used !== this.generation) this.byKey.delete(key);
  }
}
