import { readEnvFileSync } from '../files/read';
import { removeStaleTempFiles, writeFileAtomic } from '../files/atomic-write';
import { encodeText } from '../files/encoding';
import { planValueEdits, type ValueEdits } from '../dotenv';
import { VaultError, type VaultProvider } from '../vault/types';
import { mapBounded } from '../map-bounded';
import type { ItemOutcome, MigrationPlan, MigrationProgress, MigrationResult, PlannedFile, PlannedItem } from './types';

/**
 * Writes a rewritten file. The default is the core's atomic write; the extension injects one that
 * edits an open document through the editor (so undo and dirty state behave) and then saves it.
 * Throws an Error whose message names the file (never a value) when it cannot write.
 */
export type FileWriter = (file: PlannedFile, edits: ValueEdits) => Promise<void>;

export interface ExecuteOptions {
  readonly vault: VaultProvider;
  readonly onProgress?: (progress: MigrationProgress) => void;
  readonly writeFile?: FileWriter;
}

/** The core's writer: only the confirmed text, in the file's own encoding, through a temp file in the same folder and a rename. */
export const writeFileAtomically: FileWriter = async (file, edits) => {
  try {
    await removeStaleTempFiles(file.path);
    await writeFileAtomic(file.path, encodeText(edits.text, file.encoding));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${file.label} could not be written (${code ?? 'error'}); it is unchanged`);
  }
};

/**
 * Carries out a plan, in the only order that can never lose a value: every value is written to the
 * vault and read back and compared; only then is its file rewritten, atomically, with references
 * for exactly the confirmed values. Killed at any instant, each value is either still in its file or
 * in the vault with its file referring to it, and a re-run finishes the job (existing identical
 * secrets are reused). A file is rewritten only when every value planned for it was confirmed: after
 * any failure it is unchanged (the values already stored are reused by the next run), never half-moved.
 */
export async function executeMigration(plan: MigrationPlan, options: ExecuteOptions): Promise<MigrationResult> {
  const { vault, onProgress } = options;
  const confirmed = new Map<string, string | undefined>(); // secret name → version, once read back
  const failed = new Map<string, string>(); // secret name → reason
  const names = uniqueNames(plan.items);

  let done = 0;
  const storeAndVerify = async ({ secretName, action, first }: (typeof names)[number]): Promise<void> => {
    const value = valueOf(plan, first);
    try {
      onProgress?.({ step: 'store', secretName, done, total: names.length });
      let version: string | undefined;
      if (action === 'store') {
        const info = await vault.set(secretName, value, { tags: { 'envguard-source-file': first.file, 'envguard-source-key': first.key } });
        version = info.version;
      }
      onProgress?.({ step: 'verify', secretName });
      const back = await vault.get(secretName, version);
      if (back.value !== value) throw new VaultError('unknown', `the ${vault.displayName} returned a different value for ${secretName} when read back`);
      confirmed.set(secretName, back.info.version);
    } catch (error) {
      failed.set(secretName, error instanceof VaultError ? error.message : 'the vault write failed');
    }
    done++;
  };
  // Each secret is stored and read back on its own; a remote vault takes several at once.
  await mapBounded(names, vault.writeConcurrency ?? 1, storeAndVerify);

  const outcomes: ItemOutcome[] = [];
  const rewritten: string[] = [];
  for (const file of plan.files) {
    const items = plan.items.filter((i) => i.path === file.path);
    if (items.length === 0) continue;
    // A file is rewritten whole or not at all: unchanged, or every planned value a reference.
    const failedHere = items.filter((i) => !confirmed.has(i.secretName));
    if (failedHere.length > 0) {
      const first = failedHere[0]!;
      for (const item of items) {
        const reason = confirmed.has(item.secretName)
          ? `${file.label} was left unchanged because ${first.key} could not be stored; this value is in the vault already and is reused when you run the migration again`
          : failed.get(item.secretName) ?? 'not confirmed by the vault';
        outcomes.push({ item, moved: false, reason });
      }
      continue;
    }
    // A vault that pins versions gets references to exactly the versions it confirmed.
    const referenceOf = (item: PlannedItem): string => (vault.pinVersions ? vault.formatReference(item.secretName, confirmed.get(item.secretName)) : item.reference);
    const problem = await rewrite(file, items, referenceOf, onProgress, options.writeFile ?? writeFileAtomically);
    if (problem) {
      for (const item of items) outcomes.push({ item, moved: false, reason: problem });
    } else {
      rewritten.push(file.label);
      for (const item of items) {
        const version = confirmed.get(item.secretName);
        outcomes.push(version ? { item, moved: true, version } : { item, moved: true });
      }
    }
  }
  outcomes.sort((a, b) => (a.item.file === b.item.file ? a.item.line - b.item.line : a.item.file < b.item.file ? -1 : 1));
  return { outcomes, rewritten };
}

/** Rewrites one file with references; returns why it could not, or undefined on success. */
async function rewrite(file: PlannedFile, items: readonly PlannedItem[], referenceOf: (item: PlannedItem) => string, onProgress: ExecuteOptions['onProgress'], write: FileWriter): Promise<string | undefined> {
  const { path, label, document } = file;
  onProgress?.({ step: 'rewrite', file: label });
  let current: { text: string; encoding: string };
  try {
    current = readEnvFileSync(path, label);
  } catch (error) {
    return error instanceof Error ? error.message : `${label} cannot be read`;
  }
  // The values are safe in the vault; an edited (or re-encoded) file is not overwritten (a re-run plans again).
  if (current.text !== file.text || current.encoding !== file.encoding) return `${label} changed since the plan was made; it was not rewritten (run the migration again)`;
  let edits: ValueEdits;
  try {
    edits = planValueEdits(document, items.map((i) => ({ index: i.entryIndex, value: referenceOf(i) })));
  } catch (error) {
    return error instanceof Error ? error.message : 'the references cannot be written';
  }
  try {
    await write(file, edits);
  } catch (error) {
    return error instanceof Error ? error.message : `${label} could not be written; it is unchanged`;
  }
  return undefined;
}

function uniqueNames(items: readonly PlannedItem[]): { secretName: string; action: PlannedItem['action']; first: PlannedItem }[] {
  const seen = new Map<string, { secretName: string; action: PlannedItem['action']; first: PlannedItem }>();
  for (const item of items) if (!seen.has(item.secretName)) seen.set(item.secretName, { secretName: item.secretName, action: item.action, first: item });
  return [...seen.values()];
}

/** The value, from the document read for the plan (kept in memory only). */
function valueOf(plan: MigrationPlan, item: PlannedItem): string {
  const file = plan.files.find((f) => f.path === item.path);
  const entry = file && item.entryIndex < file.document.entryCount ? file.document.entryAt(item.entryIndex) : undefined;
  if (!entry || entry.key !== item.key) throw new Error(`internal: ${item.key} is not at its planned place`);
  return entry.value;
}
