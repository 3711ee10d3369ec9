import type { SecretMatch } from './types';

/**
 * Remembers the verdicts of the last analysis of one document, so that re-checking it after an
 * edit classifies only the entries that changed (an editor re-checks on every pause in typing).
 * Holds keys and values in memory only, and only those of the document's latest text: each
 * analysis starts a new generation and the verdicts it did not use are dropped.
 * Use one memo per document and per set of detection settings.
 */
export class DetectionMemo {
  // key → value → verdict: two lookups, no string built per entry (a re-check visits every entry).
  private previous = new Map<string, Map<string, SecretMatch | null>>();
  private current = new Map<string, Map<string, SecretMatch | null>>();

  /** Starts an analysis: verdicts not looked up since the last one are forgotten. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  verdict(key: string, value: string, classify: () => SecretMatch | undefined): SecretMatch | undefined {
    let values = this.current.get(key);
    let match = values?.get(value);
    if (match === undefined) {
      match = this.previous.get(key)?.get(value);
      if (match === undefined) match = classify() ?? null;
      if (!values) {
        values = new Map();
        this.current.set(key, values);
      }
      values.set(value, match);
    }
    return match ?? undefined;
  }
}
