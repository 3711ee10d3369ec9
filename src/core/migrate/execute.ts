import { decodeEnvBytes, readEnvFileSync } from '../files/read';
import { ConcurrentChangeError } from '../files/atomic-write';
import { OutsideProjectError, realPathInside, writeProjectFile } from '../files/project-files';
import { encodeText } from '../files/encoding';
import { planValueEdits, type ValueEdits } from '../dotenv';
import { VaultError, type SecretCheck, type SecretMatch, type SecretWrite, type VaultProvider } from '../vault/types';
import { compareWithVault } from './compare';
import { mapBounded } from '../map-bounded';
import { sourceTags } from './origin';
import { compareItems, type ItemOutcome, type MigrationPlan, type MigrationProgress, type MigrationResult, type PlannedFile, type PlannedItem } from './types';

/**
 * Writes a rewritten file. The default is the core's atomic write; the extension injects one that
 * edits an open document through the editor (so undo and dirty state behave) and then saves it.
 * Throws an Error whose message names the file (never a value) when it cannot write.
 */
export type FileWriter = (file: PlannedFile, edits: ValueEdits) => Promise<void>;

export interface ExecuteOptions {
  readonly onProgress?: (progress: MigrationProgress) => void;
  readonly writeFile?: FileWriter;
  /**
   * The local vault: the id each project (by its folder) was registered under once the user
   * confirmed the plan, for projects that had none when it was made. New secrets belong to it.
   */
  readonly ownerIds?: ReadonlyMap<string, string>;
  /**
   * Stops the migration (Ctrl-C) after the work in flight: a secret being written is finished and
   * read back, a file being rewritten is finished; nothing else starts. What was not reached is
   * reported, not moved, its file unchanged; the values already stored are reused by the next run.
   */
  readonly signal?: AbortSignal;
}

/** Why an item was not moved when the signal stopped the migration before its turn. */
export const INTERRUPTED = 'the migration was interrupted before its turn';

/** Every FileWriter's first step: refuses, naming the real path, a rewrite that would leave the file's project through a link. */
export function assertInsideProject(file: Pick<PlannedFile, 'project' | 'path' | 'label'>): void {
  try {
    realPathInside(file.project, file.path, file.label);
  } catch (error) {
    throw new Error(error instanceof OutsideProjectError ? `${error.message}; it is unchanged` : `${file.label} cannot be resolved; it is unchanged`);
  }
}

/**
 * The core's writer: only the confirmed text, through a temp file in the same folder and a rename,
 * and never out of the file's project through a symbolic link.
 */
export const writeFileAtomically: FileWriter = async (file, edits) => {
  assertInsideProject(file);
  try {
    // Right before the rename, the file must still hold what the plan read: an edit saved meanwhile is never overwritten.
    const expect = (current: Buffer | undefined): boolean => {
      try {
        if (current === undefined) return false;
        const decoded = decodeEnvBytes(file.path, current, file.label);
        return decoded.text === file.text && decoded.encoding === file.encoding;
      } catch {
        return false; // not even readable as an env file any more: certainly not what the plan read
      }
    };
    await writeProjectFile(file.project, file.path, encodeText(edits.text, file.encoding), { label: file.label, expect });
  } catch (error) {
    if (error instanceof ConcurrentChangeError) throw new Error(`${file.label} was edited while its values were stored; it was not rewritten (the values are in the vault: run the migration again)`);
    if (error instanceof OutsideProjectError) throw new Error(`${error.message}; it is unchanged`); // a link swapped in meanwhile
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${file.label} could not be written (${code ?? 'error'}); it is unchanged`);
  }
};

/** The writes of one secret, in order: earlier duplicates first, the value dotenv reads last. */
interface SecretJob {
  readonly vault: VaultProvider;
  readonly secretName: string;
  readonly items: PlannedItem[];
  /** Distinct values to write, in order, with the items each one serves. */
  readonly writes: { value: string; items: PlannedItem[]; tags: Record<string, string>; owner: string | undefined }[];
  /** Items whose value the vault holds already (reuse): confirmed by reading the latest version. */
  readonly reused: PlannedItem[];
}

/**
 * Carries out a plan, in the only order that can never lose a value: every value is written to its
 * vault and read back and compared; just before its file is rewritten, each of the file's values is
 * read back once more; only then is the file rewritten, atomically, with references to exactly the
 * confirmed versions. Killed at any instant, each value is either still in its file or in the vault
 * with its file referring to it, and a re-run finishes the job (a secret holding the value is
 * reused). A file is rewritten only when every value planned for it was confirmed: after any failure
 * it is unchanged, never half-moved.
 */
export async function executeMigration(plan: MigrationPlan, options: ExecuteOptions = {}): Promise<MigrationResult> {
  const { onProgress, signal } = options;
  const jobs = secretJobs(plan, options.ownerIds);
  const confirmed = new Map<PlannedItem, string>(); // item → confirmed version
  const failed = new Map<PlannedItem, string>(); // item → reason

  let started = 0;
  let finished = 0;
  const total = jobs.length;
  const finish = (job: SecretJob): void => {
    onProgress?.({ step: 'stored', secretName: job.secretName, confirmed: job.items.every((i) => confirmed.has(i)), done: ++finished, total });
  };
  const byVault = new Map<VaultProvider, SecretJob[]>();
  for (const job of jobs) byVault.set(job.vault, [...(byVault.get(job.vault) ?? []), job]);
  await Promise.all([...byVault].map(async ([vault, vaultJobs]) => {
    const report = (job: SecretJob): void => { onProgress?.({ step: 'store', secretName: job.secretName, done: started++, total }); };
    if (signal?.aborted) return;
    if (vault.setMany) {
      await storeBatch(vault, vaultJobs, plan, confirmed, failed, report);
      for (const job of vaultJobs) finish(job);
    } else {
      await mapBounded(vaultJobs, vault.writeConcurrency ?? 1, async (job) => {
        if (signal?.aborted) return;
        report(job);
        await storeOne(vault, job, plan, confirmed, failed, onProgress);
        finish(job);
      });
    }
  }));
  for (const job of jobs) for (const item of job.items) if (!confirmed.has(item) && !failed.has(item)) failed.set(item, INTERRUPTED);

  const outcomes: ItemOutcome[] = [];
  const rewritten: string[] = [];
  const write = options.writeFile ?? writeFileAtomically;
  for (const file of plan.files) {
    const items = plan.items.filter((i) => i.path === file.path);
    if (items.length === 0) continue;
    // A file is rewritten whole or not at all: unchanged, or every planned value a reference.
    let problem = signal?.aborted ? `${file.label} was not rewritten: ${INTERRUPTED}; its values already stored are reused when you run the migration again` : undefined;
    problem ??= firstFailure(items, confirmed, failed, file);
    // Just before the rewrite, every value is read back once more: a vault changed meanwhile (another
    // process, a restored backup) must not leave a reference to a value it no longer holds.
    problem ??= await reconfirm(file, items, plan, confirmed);
    problem ??= await rewrite(file, items, confirmed, onProgress, write);
    if (problem) {
      for (const item of items) {
        const version = confirmed.get(item);
        const reason = failed.get(item) === INTERRUPTED || signal?.aborted ? problem : failed.get(item) ?? problem;
        outcomes.push({ item, moved: false, reason, ...(version !== undefined ? { storedVersion: version } : {}) });
      }
    } else {
      rewritten.push(file.label);
      for (const item of items) outcomes.push({ item, moved: true, version: confirmed.get(item)! });
    }
    onProgress?.({ step: 'file-done', file: file.label, rewritten: !problem });
  }
  outcomes.sort((a, b) => compareItems(a.item, b.item));
  return { outcomes, rewritten, ...(signal?.aborted ? { interrupted: true } : {}) };
}

function secretJobs(plan: MigrationPlan, ownerIds: ReadonlyMap<string, string> | undefined): SecretJob[] {
  const vaultOf = new Map(plan.files.map((f) => [f.path, f]));
  const jobs = new Map<string, SecretJob>();
  for (const item of plan.items) {
    const file = vaultOf.get(item.path)!;
    const vault = file.source.vault;
    const id = `${vault.displayName}\0${item.secretName}`;
    let job = jobs.get(id);
    if (!job) {
      job = { vault, secretName: item.secretName, items: [], writes: [], reused: [] };
      jobs.set(id, job);
    }
    job.items.push(item);
  }
  for (const job of jobs.values()) {
    const source = vaultOf.get(job.items[0]!.path)!.source;
    const tags = sourceTags(source, job.items[0]!.key);
    const owner = source.ownerId ?? ownerIds?.get(source.project.root);
    // Earlier duplicates (each its own version), then the value dotenv reads: it must be the latest.
    const ordered = [...job.items.filter((i) => i.shadowed), ...job.items.filter((i) => !i.shadowed)];
    for (const item of ordered) {
      if (item.action === 'reuse') {
        job.reused.push(item);
        continue;
      }
      const value = plan.valueOf(item);
      const last = job.writes.at(-1);
      if (last && last.value === value) last.items.push(item);
      else job.writes.push({ value, items: [item], tags, owner });
    }
  }
  return [...jobs.values()];
}

/** All of a vault's writes in one call (all or none), then all read-backs in one call. */
async function storeBatch(vault: VaultProvider, jobs: readonly SecretJob[], plan: MigrationPlan, confirmed: Map<PlannedItem, string>, failed: Map<PlannedItem, string>, report: (job: SecretJob) => void): Promise<void> {
  const writes: SecretWrite[] = [];
  const served: PlannedItem[][] = [];
  for (const job of jobs) {
    report(job);
    for (const w of job.writes) {
      writes.push({ name: job.secretName, value: w.value, options: { tags: w.tags, ...(w.owner !== undefined ? { owner: w.owner } : {}) } });
      served.push(w.items);
    }
  }
  let versions: string[];
  try {
    versions = writes.length > 0 ? (await vault.setMany!(writes)).map((info) => info.version) : [];
  } catch (error) {
    const reason = error instanceof VaultError ? error.message : 'the vault write failed';
    for (const job of jobs) for (const item of job.items) failed.set(item, reason);
    return;
  }
  const checks: { check: SecretCheck; items: PlannedItem[] }[] = [];
  writes.forEach((w, i) => checks.push({ check: { name: w.name, version: versions[i]!, value: w.value }, items: served[i]! }));
  for (const job of jobs) if (job.reused.length > 0) checks.push({ check: { name: job.secretName, value: plan.valueOf(job.reused[0]!) }, items: job.reused });
  const answers = await compareWithVault(vault, checks.map((c) => c.check));
  checks.forEach(({ items }, i) => settle(answers[i]!, items, plan, vault, confirmed, failed));
}

/** One secret's writes in order, each read back. */
async function storeOne(vault: VaultProvider, job: SecretJob, plan: MigrationPlan, confirmed: Map<PlannedItem, string>, failed: Map<PlannedItem, string>, onProgress: ExecuteOptions['onProgress']): Promise<void> {
  try {
    for (const w of job.writes) {
      const info = await vault.set(job.secretName, w.value, { tags: w.tags, ...(w.owner !== undefined ? { owner: w.owner } : {}) });
      onProgress?.({ step: 'verify', secretName: job.secretName });
      settle((await compareWithVault(vault, [{ name: job.secretName, version: info.version, value: w.value }]))[0]!, w.items, plan, vault, confirmed, failed);
    }
    if (job.reused.length > 0) settle((await compareWithVault(vault, [{ name: job.secretName, value: plan.valueOf(job.reused[0]!) }]))[0]!, job.reused, plan, vault, confirmed, failed);
  } catch (error) {
    const reason = error instanceof VaultError ? error.message : 'the vault write failed';
    for (const item of job.items) if (!confirmed.has(item)) failed.set(item, reason);
  }
}

/** Records a read-back: confirmed when the vault holds exactly each item's value. */
function settle(answer: SecretMatch | VaultError, items: readonly PlannedItem[], plan: MigrationPlan, vault: VaultProvider, confirmed: Map<PlannedItem, string>, failed: Map<PlannedItem, string>): void {
  for (const item of items) {
    if (answer instanceof VaultError) failed.set(item, answer.message);
    else if (!answer.same) failed.set(item, `the ${vault.displayName} returned a different value for ${item.secretName} when read back`);
    else confirmed.set(item, answer.info.version);
  }
}

function firstFailure(items: readonly PlannedItem[], confirmed: Map<PlannedItem, string>, failed: Map<PlannedItem, string>, file: PlannedFile): string | undefined {
  const first = items.find((i) => !confirmed.has(i));
  if (!first) return undefined;
  return `${file.label} was left unchanged because ${first.key} could not be stored (${failed.get(first) ?? 'not confirmed by the vault'}); the values already stored are reused when you run the migration again`;
}

/** Reads every value of the file again, at its confirmed version; a reason when one no longer matches. */
async function reconfirm(file: PlannedFile, items: readonly PlannedItem[], plan: MigrationPlan, confirmed: Map<PlannedItem, string>): Promise<string | undefined> {
  const vault = file.source.vault;
  const answers = await compareWithVault(vault, items.map((i) => ({ name: i.secretName, version: confirmed.get(i)!, value: plan.valueOf(i) })));
  for (let i = 0; i < items.length; i++) {
    const answer = answers[i]!;
    if (answer instanceof VaultError || !answer.same) {
      return `${file.label} was not rewritten: ${items[i]!.secretName} no longer holds the value it was confirmed with (${answer instanceof VaultError ? answer.message : 'it changed in the vault meanwhile'}); run the migration again`;
    }
  }
  return undefined;
}

/** Rewrites one file with references; returns why it could not, or undefined on success. */
async function rewrite(file: PlannedFile, items: readonly PlannedItem[], confirmed: Map<PlannedItem, string>, onProgress: ExecuteOptions['onProgress'], write: FileWriter): Promise<string | undefined> {
  const { path, label, document } = file;
  const vault = file.source.vault;
  onProgress?.({ step: 'rewrite', file: label });
  let current: { text: string; encoding: string };
  try {
    current = readEnvFileSync(path, label);
  } catch (error) {
    return error instanceof Error ? error.message : `${label} cannot be read`;
  }
  // The values are safe in the vault; an edited (or re-encoded) file is not overwritten (a re-run plans again).
  if (current.text !== file.text || current.encoding !== file.encoding) return `${label} changed since the plan was made; it was not rewritten (run the migration again)`;
  // Earlier duplicates refer to their own version; the value read follows the latest unless the vault pins.
  const referenceOf = (item: PlannedItem): string => (item.shadowed || vault.pinVersions ? vault.formatReference(item.secretName, confirmed.get(item)) : item.reference);
  let edits: ValueEdits;
  try {
    edits = planValueEdits(document, items.map((i) => ({ index: i.entryIndex, value: referenceOf(i) })), (file.otherReadings ?? []).map((d) => ({ document: d })));
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
