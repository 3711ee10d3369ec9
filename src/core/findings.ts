/** One plaintext secret found in an env file. Carries no value, by construction. */
export interface Finding {
  /** Path as given to the scanner (the CLI makes it relative and `/`-separated for output). */
  readonly file: string;
  /** 1-based line and column of the key. */
  readonly line: number;
  readonly column: number;
  /** 1-based range of the written value, for editors (underline the value, not the key). */
  readonly valueLine: number;
  readonly valueColumn: number;
  readonly valueEndLine: number;
  readonly valueEndColumn: number;
  readonly key: string;
  readonly rule: string;
  /** The rule's severity (its own, or `ruleSeverity` from the settings); absent on findings built elsewhere. */
  readonly severity?: 'error' | 'warning' | 'info';
  /** Names the key and what was found; never the value (the rule id travels beside it). */
  readonly message: string;
}
