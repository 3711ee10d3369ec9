import { createHash } from 'node:crypto';
import type { EnvEntry } from '../dotenv';
import { referenceProblem } from '../references';
import { EnvFileError, readEnvFileSync, type EnvEncoding } from '../files/read';
import { OutsideProjectError, realPathInside } from '../files/project-files';
import { isReference } from '../references';
import { analyzeEnvText } from '../scan/analyze';
import { grammarFor } from '../dotenv/dialects';
import { interpolatedKeys, type Disagreement } from '../scan/readings';
import type { DialectName } from '../dotenv';
import { VaultError, type SecretMatch, type VaultProvider } from '../vault/types';
import { compareWithVault } from './compare';
import { isOwnSecret } from './origin';
import { compareItems, type MigrationPlan, type MigrationSource, type PlanProblem, type PlannedAction, type PlannedFile, type PlannedGroup, type PlannedItem } from './types';

export interface PlanOptions {
  /** Move these keys (every occurrence) instead of the detected secrets. */
  readonly keys?: readonly string[];
  /** Prepended to every secret name (`myapp-` → `myapp-shop/default/DB_PASSWORD`). */
  readonly prefix?: string;
}

/** The entries of one key in one file that move, and the one dotenv reads. */
interface KeyGroup {
  readonly file: PlannedFile;
  readonly key: string;
  /** The entries to move, in file order (all flagged or requested, none empty or a reference). */
  readonly moving: EnvEntry[];
  /** The key's last entry in the file: what the loader reads. */
  readonly effective: EnvEntry;
  readonly reason: string;
  /** Name attempts, shortest first; `name` is the one in use. */
  readonly names: string[];
  name: string;
  /** What the vault holds under `name` now (undefined: nothing), and whether it is the value read, once asked. */
  held?: SecretMatch | undefined;
  /** No usable name (all taken, or the vault could not say): left out of the plan, with a blocking problem. */
  dropped?: boolean;
}

/**
 * Decides what a migration will do, without writing anything: which values, under which names,
 * replaced by which references, in which vault. Values stay in memory; the plan's records hold none.
 *
 * A secret's default name comes from its project, its environment and its key, grown by what tells
 * its file apart from the other files of that environment, in the vault's own rules. A name already
 * in the vault is used again only when it holds this very file's key of this project (then a changed
 * value becomes a new version); any other holder makes the name grow, so two different values
 * never meet under one default name.
 */
export async function planMigration(sources: readonly MigrationSource[], options: PlanOptions = {}): Promise<MigrationPlan> {
  const problems: PlanProblem[] = [];
  const files: PlannedFile[] = [];
  const groups: KeyGroup[] = [];
  const requested = options.keys ? new Set(options.keys) : undefined;
  const seenKeys = new Set<string>();

  for (const source of sources) {
    const name = source.label;
    let text: string;
    let encoding: EnvEncoding;
    try {
      realPathInside(source.project.root, source.path, name);
      const read = readEnvFileSync(source.path, name);
      if (!read.exact) {
        problems.push({ kind: 'inexact-encoding', blocking: false, message: `${name} is not valid UTF-8; it is left as it is (rewriting it would change bytes other than the values)` });
        continue;
      }
      text = read.text;
      encoding = read.encoding;
    } catch (error) {
      if (error instanceof OutsideProjectError) problems.push({ kind: 'outside-project', blocking: false, message: error.message });
      else problems.push({ kind: 'unreadable', blocking: false, message: error instanceof EnvFileError ? error.message : `${name} cannot be read` });
      continue;
    }
    const analysis = analyzeEnvText(text, name, source.detection, source.loaders?.dialects);
    const otherReadings = analysis.readings.slice(1).map((r) => r.document);
    const file: PlannedFile = { path: source.path, project: source.project.root, label: name, text, encoding, document: analysis.document, ...(otherReadings.length > 0 ? { otherReadings } : {}), source };
    // Keys whose value cannot be known from the text: its loaders read it differently, or one of them expands `$…` in it.
    const unknowable = refusals(analysis.disagreements, interpolatedKeys(analysis.readings));
    const refused = new Set<string>();
    files.push(file);
    const flagged = new Map(analysis.findings.map((f) => [`${f.line}:${f.key}`, f.rule]));
    // Only keys that may move are followed (their entries, and the last one dotenv reads): a file may
    // have millions of entries, and one object kept per entry would not fit in memory.
    const candidateKeys = requested ?? new Set(analysis.findings.map((f) => f.key));
    const byKey = new Map<string, { moving: EnvEntry[]; effective: EnvEntry; reason: string }>();
    const { document } = analysis;
    for (let i = 0; i < document.entryCount; i++) {
      const entry = document.entryAt(i);
      if (requested) seenKeys.add(entry.key);
      if (!candidateKeys.has(entry.key)) continue;
      const group = byKey.get(entry.key);
      if (group) group.effective = entry;
      const rule = requested ? 'requested' : flagged.get(`${entry.line}:${entry.key}`);
      if (rule === undefined || entry.value === '' || isReference(entry.value)) {
        if (!group) byKey.set(entry.key, { moving: [], effective: entry, reason: '' });
        continue;
      }
      const refusal = unknowable.get(entry.key);
      if (refusal !== undefined) {
        if (!refused.has(entry.key)) problems.push({ ...refusal, message: `${name}:${entry.line} ${entry.key} ${refusal.message}` });
        refused.add(entry.key);
        if (!group) byKey.set(entry.key, { moving: [], effective: entry, reason: '' });
        continue;
      }
      const malformed = referenceProblem(entry.value);
      if (malformed !== undefined) {
        problems.push({ kind: 'malformed-reference', blocking: false, message: `${name}:${entry.line} ${entry.key} ${malformed}; it stays in the file` });
        if (!group) byKey.set(entry.key, { moving: [], effective: entry, reason: '' });
        continue;
      }
      if (Buffer.byteLength(entry.value, 'utf8') > source.vault.maxValueBytes) {
        problems.push({ kind: 'too-large', blocking: false, message: `${name}:${entry.line} ${entry.key} is larger than the ${source.vault.displayName} accepts (${source.vault.maxValueBytes} bytes); it stays in the file` });
        if (!group) byKey.set(entry.key, { moving: [], effective: entry, reason: '' });
        continue;
      }
      if (group) {
        group.moving.push(entry);
        group.reason ||= rule;
      } else {
        byKey.set(entry.key, { moving: [entry], effective: entry, reason: rule });
      }
    }
    for (const [key, group] of byKey) {
      if (group.moving.length === 0) continue;
      const names = nameAttempts(source, key, options.prefix, problems, name, group.moving[0]!.line);
      if (names.length === 0) continue;
      groups.push({ file, key, moving: group.moving, effective: group.effective, reason: group.reason, names, name: names[0]! });
    }
  }
  for (const key of requested ?? []) {
    if (!seenKeys.has(key)) problems.push({ kind: 'unknown-key', blocking: false, message: `${key} is not in ${files.map((f) => f.label).join(', ') || 'any of the files'}` });
  }

  await chooseNames(groups, problems);
  const items = groups.flatMap((group) => (group.dropped ? [] : itemsOf(group)));
  items.sort(compareItems);
  const texts = new Map(files.map((f) => [f.path, f]));
  return {
    items,
    problems,
    files,
    groups: groupItems(items, files),
    valueOf: (item) => {
      const document = texts.get(item.path)?.document;
      const entry = document && item.entryIndex < document.entryCount ? document.entryAt(item.entryIndex) : undefined;
      if (!entry || entry.key !== item.key) throw new Error(`internal: ${item.key} is not at its planned place`);
      return entry.value;
    },
  };
}

/**
 * Why each key whose value EnvGuard cannot know stays in the file, and what to do (messages start
 * after `FILE:LINE KEY `): the programs reading the file read it differently (the app may get either
 * value: moving one would change what the other reads), or one of them expands `$…` in it as it
 * loads it (the app gets a value that depends on its environment, not the text).
 */
function refusals(disagreements: readonly Disagreement[], interpolated: ReadonlyMap<string, readonly DialectName[]>): Map<string, PlanProblem> {
  const found = new Map<string, PlanProblem>();
  for (const d of disagreements) {
    const names = d.dialects.map((x) => grammarFor(x).loaderName).join(' and ');
    const choices = d.dialects.map((x) => `"${x}"`).join(' or ');
    found.set(d.key, {
      kind: 'loaders-disagree', blocking: false,
      message: `is read differently by ${names} (${d.how}); it stays in the file: quote the value so that each of them reads it whole, or say which program reads the file in .envguard.json ("loader": ${choices})`,
    });
  }
  for (const [key, dialects] of interpolated) {
    if (found.has(key)) continue;
    const compose = dialects.includes('compose');
    found.set(key, {
      kind: 'interpolated', blocking: false,
      message: `is expanded by ${dialects.map((x) => grammarFor(x).loaderName).join(' and ')} as it loads it (${compose ? '$VAR and ${…}' : '${…}'}), so the app does not get the text written; it stays in the file: move the variables it refers to${compose ? ', or write $$ for a literal $' : ''}`,
    });
  }
  return found;
}

/** The names to try for a key of a file: its default, then with its file's full qualifier, then with a hash of its place. */
function nameAttempts(source: MigrationSource, key: string, prefix: string | undefined, problems: PlanProblem[], label: string, line: number): string[] {
  const { project, file, vault } = source;
  const base = [project.name, file.environment.name];
  const hash = createHash('sha256').update(`${file.relative}\0${key}`).digest('hex').slice(0, 8);
  try {
    const attempts = [
      vault.names.compose([...base, ...file.qualifier, key], prefix),
      vault.names.compose([...base, ...file.fullQualifier, key], prefix),
      vault.names.compose([...base, ...file.fullQualifier, `h${hash}`, key], prefix),
    ];
    return attempts.filter((name, i) => attempts.findIndex((other) => vault.names.same(other, name)) === i);
  } catch (error) {
    const cause = error instanceof Error ? error.message : 'no valid secret name';
    problems.push({ kind: 'invalid-name', blocking: true, message: `${label}:${line} ${key}: ${cause}`, cause });
    return [];
  }
}

/**
 * Settles every group's name: unique within the plan (per vault), and either free in the vault or
 * holding this very key of this file of this project. The vault is asked several names at once.
 * A group whose names are all taken is dropped, with a blocking problem.
 */
async function chooseNames(groups: KeyGroup[], problems: PlanProblem[]): Promise<void> {
  let open = [...groups];
  for (let attempt = 0; open.length > 0; attempt++) {
    // Within the plan: two groups of one vault under one name both grow (their order must not decide who keeps it).
    for (const group of open) {
      const rivals = groups.filter((g) => g !== group && g.file.source.vault === group.file.source.vault && g.file.source.vault.names.same(g.name, group.name));
      if (rivals.length > 0) for (const g of [group, ...rivals]) grow(g);
    }
    const held = await askVaults(open);
    const next: KeyGroup[] = [];
    open.forEach((group, i) => {
      const answer = held[i]!;
      if (answer instanceof VaultError) {
        problems.push({ kind: 'vault', blocking: true, message: `${group.name}: ${answer.message}`, cause: answer.message });
        group.dropped = true;
        return;
      }
      if (answer === undefined || isOwnSecret(answer.info, group.file.source, group.key)) {
        group.held = answer;
        return;
      }
      if (!grow(group)) {
        problems.push({ kind: 'conflict', blocking: true, message: `${group.file.label}:${group.moving[0]!.line} ${group.key}: every name for it is taken in the ${group.file.source.vault.displayName} (last tried ${group.name}); migrate it with --keys and --prefix, or remove the secret that holds the name` });
        group.dropped = true;
        return;
      }
      next.push(group);
    });
    open = next;
    if (attempt > 4) break;
  }
}

/** Moves a group to its next name attempt; false when none is left. */
function grow(group: KeyGroup): boolean {
  const index = group.names.indexOf(group.name);
  if (index < 0 || index + 1 >= group.names.length) return false;
  group.name = group.names[index + 1]!;
  return true;
}

/** What each vault holds under each group's name (its latest version, compared with the value read), undefined when absent, or the error. */
async function askVaults(groups: readonly KeyGroup[]): Promise<(SecretMatch | undefined | VaultError)[]> {
  const results = new Array<SecretMatch | undefined | VaultError>(groups.length);
  const byVault = new Map<VaultProvider, number[]>();
  groups.forEach((g, i) => byVault.set(g.file.source.vault, [...(byVault.get(g.file.source.vault) ?? []), i]));
  await Promise.all([...byVault].map(async ([vault, indexes]) => {
    const answers = await compareWithVault(vault, indexes.map((i) => ({ name: groups[i]!.name, value: groups[i]!.effective.value })));
    indexes.forEach((index, j) => {
      const answer = answers[j]!;
      results[index] = answer instanceof VaultError && answer.code === 'not-found' ? undefined : answer;
    });
  }));
  return results;
}

/**
 * The items of one key: the value dotenv reads gets the versionless reference (rotation needs no
 * edit); an earlier duplicate with another value becomes an earlier version of the same secret, its
 * line pinned to that version, so no plaintext stays and the app reads exactly what it read before.
 */
function itemsOf(group: KeyGroup): PlannedItem[] {
  const { file, key } = group;
  const { source } = file;
  const vault = source.vault;
  const effectiveValue = group.effective.value;
  const earlier = group.moving.filter((e) => e !== group.effective && e.value !== effectiveValue);
  const effectiveMoves = group.moving.includes(group.effective);
  const held = group.held;
  let effectiveAction: PlannedAction = held === undefined ? 'new-secret' : held.same ? 'reuse' : 'new-version';
  // Earlier versions written now would come after the one held: the value read must be written again, last.
  if (earlier.length > 0 && effectiveAction === 'reuse') effectiveAction = 'new-version';
  const common = {
    file: file.label, path: file.path, key, project: source.project.name, environment: source.file.environment.name,
    vaultName: vault.displayName, secretName: group.name, reason: group.reason,
  };
  return group.moving.map((entry): PlannedItem => {
    const shadowed = earlier.includes(entry);
    const action: PlannedAction = shadowed
      ? (held === undefined && entry === earlier[0] ? 'new-secret' : 'new-version')
      : effectiveMoves ? effectiveAction : 'reuse';
    return { ...common, line: entry.line, entryIndex: entry.index, action, shadowed, reference: vault.formatReference(group.name) };
  });
}

function groupItems(items: readonly PlannedItem[], files: readonly PlannedFile[]): PlannedGroup[] {
  const vaultOf = new Map(files.map((f) => [f.path, f.source.vault]));
  const groups = new Map<string, { project: string; environment: string; vault: VaultProvider; items: PlannedItem[] }>();
  for (const item of items) {
    const id = `${item.project}\0${item.environment}\0${item.vaultName}`;
    const group = groups.get(id) ?? { project: item.project, environment: item.environment, vault: vaultOf.get(item.path)!, items: [] };
    group.items.push(item);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => (a.project !== b.project ? (a.project < b.project ? -1 : 1) : a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0));
}

/** True when nothing may be written: a blocking problem (collision, conflict…) is in the plan. */
export function isBlocked(plan: MigrationPlan): boolean {
  return plan.problems.some((p) => p.blocking);
}



/** The plan limited to some of its items (the user picked them); files, problems and values stay. */
export function restrictPlan(plan: MigrationPlan, keep: readonly PlannedItem[]): MigrationPlan {
  const kept = new Set(keep);
  return {
    ...plan,
    items: plan.items.filter((i) => kept.has(i)),
    groups: plan.groups.map((g) => ({ ...g, items: g.items.filter((i) => kept.has(i)) })).filter((g) => g.items.length > 0),
    valueOf: plan.valueOf,
  };
}
