import type { EnvDocument } from '../dotenv';
import type { FileLoaders } from '../project/loaders';
import type { DetectionSettings } from '../detection';
import type { ProjectFile, ProjectLayout } from '../project/layout';
import type { VaultProvider } from '../vault/types';

/**
 * One env file to migrate, as the adapter resolved it: its project and environment, the vault its
 * environment goes to, and the settings that say what a secret is there.
 */
export interface MigrationSource {
  readonly path: string;
  /** How messages name the file (relative to the working directory in the CLI, to the workspace in VS Code). */
  readonly label: string;
  readonly project: ProjectLayout;
  readonly file: ProjectFile;
  readonly vault: VaultProvider;
  /**
   * The local vault: the project's registered id, when it has one. Secrets it owns may get new
   * versions; any other existing secret's name is taken. Undefined before the first migration.
   */
  readonly ownerId?: string;
  readonly detection?: DetectionSettings;
  /** The programs that read the file (core/project/loaders.ts); dotenv when not given. */
  readonly loaders?: FileLoaders;
}

/** What happens to a secret: a new one, a new version of one of this file's secrets, or the very value it already holds. */
export type PlannedAction = 'new-secret' | 'new-version' | 'reuse';
import type { EnvEncoding } from '../files/encoding';

/** One value to move: where it is, where it goes, and what replaces it. Holds no value. */
export interface PlannedItem {
  /** The file as the adapter names it. */
  readonly file: string;
  readonly path: string;
  readonly line: number;
  readonly key: string;
  readonly entryIndex: number;
  readonly project: string;
  readonly environment: string;
  /** The vault's display name (its group in the plan). */
  readonly vaultName: string;
  readonly secretName: string;
  /** The reference written for a versionless item; a pinned item's reference is made once its version is known. */
  readonly reference: string;
  readonly action: PlannedAction;
  /**
   * An earlier duplicate of a key in its file: dotenv reads only the last one, but this value must
   * not stay on disk either. It is stored as an earlier version of the same secret, and its line
   * refers to exactly that version.
   */
  readonly shadowed: boolean;
  /** Why it is moved: the detector's rule, or `requested` for keys named with --keys. */
  readonly reason: string;
}

export type ProblemKind = 'collision' | 'conflict' | 'invalid-name' | 'too-large' | 'unreadable' | 'outside-project' | 'inexact-encoding' | 'unknown-key' | 'vault' | 'project' | 'malformed-reference' | 'loaders-disagree' | 'interpolated';

/** Something the plan cannot do. A blocking problem stops the whole migration before any write. */
export interface PlanProblem {
  readonly kind: ProblemKind;
  readonly blocking: boolean;
  /** Names files, keys and secret names; never a value. */
  readonly message: string;
  /** A 'project' problem: the folder of the project whose name is taken. */
  readonly projectRoot?: string;
  /** The reason alone, when the message is `<where>: <cause>`: problems that share it are reported together. */
  readonly cause?: string;
}

/** A file as it was read for the plan; execution refuses to rewrite it if it changed since. */
export interface PlannedFile {
  readonly path: string;
  /** The folder the file belongs to: its rewrite may not leave it through a symbolic link. */
  readonly project: string;
  readonly label: string;
  readonly text: string;
  /** How the file is encoded (UTF-8, UTF-16 with a BOM…): it is written back the same way. */
  readonly encoding: EnvEncoding;
  readonly document: EnvDocument;
  /** The file as its other loaders read it: the rewrite must read back as expected by each of them too. */
  readonly otherReadings?: readonly EnvDocument[];
  readonly source: MigrationSource;
}

/** The plan's items of one environment of one project, and the vault they go to. */
export interface PlannedGroup {
  readonly project: string;
  readonly environment: string;
  readonly vault: VaultProvider;
  readonly items: readonly PlannedItem[];
}

export interface MigrationPlan {
  readonly items: readonly PlannedItem[];
  readonly problems: readonly PlanProblem[];
  readonly files: readonly PlannedFile[];
  /** The items by project and environment, each with its vault, in a stable order. */
  readonly groups: readonly PlannedGroup[];
  /**
   * The value of an item, from the text read for the plan (kept in memory only: the plan's records
   * hold none). Execution asks for it; nothing else should.
   */
  readonly valueOf: (item: PlannedItem) => string;
}

export type ItemOutcome =
  | { readonly item: PlannedItem; readonly moved: true; readonly version?: string }
  /** `storedVersion`: the vault holds the value (confirmed) though the file still holds it too; the next run reuses it. */
  | { readonly item: PlannedItem; readonly moved: false; readonly reason: string; readonly storedVersion?: string };

export interface MigrationResult {
  readonly outcomes: readonly ItemOutcome[];
  /** Files rewritten with references. */
  readonly rewritten: readonly string[];
  /** True when the caller's signal stopped the migration: what was not reached is among the outcomes, not moved. */
  readonly interrupted?: boolean;
}

/** What the engine reports while it works (adapters show it as progress). */
export type MigrationProgress =
  | { readonly step: 'store'; readonly secretName: string; readonly done: number; readonly total: number }
  | { readonly step: 'verify'; readonly secretName: string }
  | { readonly step: 'rewrite'; readonly file: string }
  /** A secret's writes and read-backs are finished (`confirmed`: all of its values are safe in the vault). */
  | { readonly step: 'stored'; readonly secretName: string; readonly confirmed: boolean; readonly done: number; readonly total: number }
  /** A file's turn is over: rewritten with references, or left as it was. */
  | { readonly step: 'file-done'; readonly file: string; readonly rewritten: boolean };

/** Items in file order, then line order: the one order plans and results are shown in. */
export function compareItems(a: Pick<PlannedItem, 'file' | 'line'>, b: Pick<PlannedItem, 'file' | 'line'>): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}
