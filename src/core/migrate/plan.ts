import { isReference } from '../references';
import type { DetectionSettings } from '../detection';
import { EnvFileError, readEnvFileSync, type EnvEncoding } from '../files/read';
import { analyzeEnvText } from '../scan/analyze';
import { VaultError, type VaultProvider } from '../vault/types';
import type { MigrationPlan, PlanProblem, PlannedFile, PlannedItem } from './types';
import { mapBounded } from '../map-bounded';

export interface PlanOptions {
  readonly vault: VaultProvider;
  /** Move these keys (every occurrence) instead of the detected secrets. */
  readonly keys?: readonly string[];
  /** Prepended to every secret name (`myapp-` → `myapp-DB_PASSWORD`). */
  readonly prefix?: string;
  readonly detection?: DetectionSettings;
  readonly label?: (path: string) => string;
}

interface Candidate {
  readonly item: Omit<PlannedItem, 'action' | 'reference'>;
  readonly value: string;
}

/**
 * Decides what a migration will do, without writing anything: which values, under which names,
 * replaced by which references. Values stay in memory; the plan itself holds none.
 */
export async function planMigration(paths: readonly string[], options: PlanOptions): Promise<MigrationPlan> {
  const { vault } = options;
  const label = options.label ?? ((p: string) => p);
  const problems: PlanProblem[] = [];
  const files: PlannedFile[] = [];
  const candidates: Candidate[] = [];
  const requested = options.keys ? new Set(options.keys) : undefined;
  const seenKeys = new Set<string>();

  for (const path of paths) {
    const name = label(path);
    let text: string;
    let encoding: EnvEncoding;
    try {
      const read = readEnvFileSync(path, name);
      if (!read.exact) {
        problems.push({ kind: 'inexact-encoding', blocking: false, message: `${name} is not valid UTF-8; it is left as it is (rewriting it would change bytes other than the values)` });
        continue;
      }
      text = read.text;
      encoding = read.encoding;
    } catch (error) {
      problems.push({ kind: 'unreadable', blocking: false, message: error instanceof EnvFileError ? error.message : `${name} cannot be read` });
      continue;
    }
    const analysis = analyzeEnvText(text, name, options.detection);
    files.push({ path, label: name, text, encoding, document: analysis.document });
    const flagged = new Map(analysis.findings.map((f) => [`${f.line}:${f.key}`, f.rule]));
    const flaggedLines = new Set(analysis.findings.map((f) => f.line));
    // One entry at a time, keys kept only for --keys: a file may have millions of entries.
    const { document } = analysis;
    for (let i = 0; i < document.entryCount; i++) {
      const entry = document.entryAt(i);
      if (requested) seenKeys.add(entry.key);
      const rule = requested ? (requested.has(entry.key) ? 'requested' : undefined) : flaggedLines.has(entry.line) ? flagged.get(`${entry.line}:${entry.key}`) : undefined;
      if (rule === undefined || entry.value === '' || isReference(entry.value)) continue;
      let secretName: string;
      try {
        secretName = vault.names.toSecretName(entry.key, options.prefix);
      } catch (error) {
        problems.push({ kind: 'invalid-name', blocking: true, message: `${name}:${entry.line} ${entry.key}: ${error instanceof Error ? error.message : 'no valid secret name'}` });
        continue;
      }
      if (Buffer.byteLength(entry.value, 'utf8') > vault.maxValueBytes) {
        problems.push({ kind: 'too-large', blocking: false, message: `${name}:${entry.line} ${entry.key} is larger than the ${vault.displayName} accepts (${vault.maxValueBytes} bytes); it stays in the file` });
        continue;
      }
      candidates.push({ item: { file: name, path, line: entry.line, key: entry.key, entryIndex: entry.index, secretName, reason: rule }, value: entry.value });
    }
  }
  for (const key of requested ?? []) {
    if (!seenKeys.has(key)) problems.push({ kind: 'unknown-key', blocking: false, message: `${key} is not in ${files.map((f) => f.label).join(', ') || 'any of the files'}` });
  }

  // What the vault already holds under each name, asked for several names at once (a remote vault
  // spends its time on the network); the results are then read in file order.
  const groups = groupByName(candidates, vault);
  const existing = await mapBounded(groups, vault.writeConcurrency ?? 1, async (group) => {
    const first = group[0]!;
    if (group.some((c) => c.value !== first.value)) return { kind: 'collision' as const };
    try {
      return { kind: 'held' as const, value: (await vault.get(first.item.secretName)).value };
    } catch (error) {
      if (error instanceof VaultError && error.code === 'not-found') return { kind: 'absent' as const };
      return { kind: 'error' as const, message: error instanceof VaultError ? error.message : 'the vault could not be read' };
    }
  });
  const items: PlannedItem[] = [];
  groups.forEach((group, index) => {
    const first = group[0]!;
    const where = group.map((c) => `${c.item.file}:${c.item.line} ${c.item.key}`).join(', ');
    const held = existing[index]!;
    if (held.kind === 'collision') {
      problems.push({ kind: 'collision', blocking: true, message: `${where} would all be stored as ${first.item.secretName}, but their values differ: give them different names (--prefix, or migrate the files separately)` });
      return;
    }
    if (held.kind === 'error') {
      problems.push({ kind: 'vault', blocking: true, message: `${first.item.secretName}: ${held.message}` });
      return;
    }
    if (held.kind === 'held' && held.value !== first.value) {
      problems.push({ kind: 'conflict', blocking: true, message: `${first.item.secretName} already exists in the ${vault.displayName} with a different value (needed for ${where}): choose another name with --prefix, or remove that secret first` });
      return;
    }
    const action: PlannedItem['action'] = held.kind === 'held' ? 'reuse' : 'store';
    const reference = vault.formatReference(first.item.secretName);
    for (const c of group) items.push({ ...c.item, action, reference });
  });
  items.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { vaultName: vault.displayName, items, problems, files };
}

/** Candidates that the vault would store under the same name, in first-seen order. */
function groupByName(candidates: readonly Candidate[], vault: VaultProvider): Candidate[][] {
  const groups: Candidate[][] = [];
  for (const candidate of candidates) {
    const group = groups.find((g) => vault.names.same(g[0]!.item.secretName, candidate.item.secretName));
    if (group) group.push(candidate);
    else groups.push([candidate]);
  }
  return groups;
}

/** True when nothing may be written: a blocking problem (collision, conflict…) is in the plan. */
export function isBlocked(plan: MigrationPlan): boolean {
  return plan.problems.some((p) => p.blocking);
}
