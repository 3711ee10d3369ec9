/**
 * The contract between the runner (bench.ts) and its sections: a section measures one thing and
 * returns rows; the runner prints every section's rows in one table. To add a section, write
 * sections/<name>.ts exporting a `Section` and list it in sections/index.ts.
 */

/** A target printed next to a figure. `met` is undefined when the figure could not be taken. */
export interface Goal {
  readonly text: string;
  readonly met: boolean | undefined;
}

export interface Row {
  readonly measure: string;
  /** The main figure, e.g. "412 ms (min 398)". */
  readonly value: string;
  /** Peak RSS or its ratio, when the row measured a process. */
  readonly memory?: string;
  readonly notes?: string;
  readonly goal?: Goal;
}

export interface BenchContext {
  /** Repository root. */
  readonly repo: string;
  /** Scratch folder for generated data (test/bench/.work, gitignored). */
  readonly work: string;
  /** Timed repetitions per measure, after one warm-up. */
  readonly runs: number;
  /** Progress for the person waiting (stderr), kept out of the table. */
  log(message: string): void;
}

export interface Section {
  readonly name: string;
  run(context: BenchContext): Promise<Row[]>;
}
