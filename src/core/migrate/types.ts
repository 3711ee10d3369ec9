import type { EnvDocument } from '../dotenv';
import type { EnvEncoding } from '../files/encoding';

/** One value to move: where it is, where it goes, and what replaces it. Holds no value. */
export interface PlannedItem {
  /** The file as the adapter names it (relative path in the CLI). */
  readonly file: string;
  readonly path: string;
  readonly line: number;
  readonly key: string;
  readonly entryIndex: number;
  readonly secretName: string;
  readonly reference: string;
  /** `store`: a new secret (or a new version); `reuse`: the vault already holds this very value. */
  readonly action: 'store' | 'reuse';
  /** Why it is moved: the detector's rule, or `requested` for keys named with --keys. */
  readonly reason: string;
}

export type ProblemKind = 'collision' | 'conflict' | 'invalid-name' | 'too-large' | 'unreadable' | 'inexact-encoding' | 'unknown-key' | 'vault';

/** Something the plan cannot do. A blocking problem stops the whole migration before any write. */
export interface PlanProblem {
  readonly kind: ProblemKind;
  readonly blocking: boolean;
  /** Names files, keys and secret names; never a value. */
  readonly message: string;
}

/** A file as it was read for the plan; execution refuses to rewrite it if it changed since. */
export interface PlannedFile {
  readonly path: string;
  readonly label: string;
  readonly text: string;
  /** How the file is encoded (UTF-8, UTF-16 with a BOM…): it is written back the same way. */
  readonly encoding: EnvEncoding;
  readonly document: EnvDocument;
}

export interface MigrationPlan {
  readonly vaultName: string;
  readonly items: readonly PlannedItem[];
  readonly problems: readonly PlanProblem[];
  readonly files: readonly PlannedFile[];
}

export type ItemOutcome =
  | { readonly item: PlannedItem; readonly moved: true; readonly version?: string }
  | { readonly item: PlannedItem; readonly moved: false; readonly reason: string };

export interface MigrationResult {
  readonly outcomes: readonly ItemOutcome[];
  /** Files rewritten with references. */
  readonly rewritten: readonly string[];
}

/** What the engine reports while it works (adapters show it as progress). */
export type MigrationProgress =
  | { readonly step: 'store'; readonly secretName: string; readonly done: number; readonly total: number }
  | { readonly step: 'verify'; readonly secretName: string }
  | { readonly step: 'rewrite'; readonly file: string };
