import type { SecretMatch } from './types';

/**
 * Remembers the verdicts of the last analysis of one document, so that re-checking it after an
 * edit classifies only the entries that changed (an editor re-checks on every pause in typing).
 * Holds keys and values in memory only, and only those of the document's latest text: each
 * analysis starts a new generation and the verdicts it did not use are dropped.
 * Use one memo per document and per set of detection settings.
 */
export class DetectionMemo {
  private previous = new Map<string, SecretMatch | null>();
  private current = new Map<string, SecretMatch | null>();

  /** Starts an analysis: verdicts not looked up since the last one are forgotten. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  verdict(key: string, value: string, classify: () => SecretMatch | undefined): SecretMatch | undefined {
    const id = `${key}\u0000${value}`;
    let match = this.current.get(id);
    if (match === undefined) {
      match = this.previous.get(id);
      if (match === undefined) match = classify() ?? null;
      this.current.set(id, match);
    }
    return match ?? undefined;
  }
}
