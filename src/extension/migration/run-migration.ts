import * as vscode from 'vscode';
import { executeMigration, groupFailures, groupProblems, isBlocked, itemPlace, planMigration, problemCount, problemSubject, type MigrationPlan, type PlanProblem, type MigrationResult, type PlannedItem } from '../../core/migrate';
import type { CauseGroup } from '../../core/group-by-cause';
import { messageOf, showWithLog } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { editorFileWriter } from './editor-writer';
import { saveOrCancel } from './unsaved';

export interface MigrationRequest {
  /** Absolute paths of the env files (file scheme). */
  readonly paths: readonly string[];
  /** Move only these keys (a quick fix on one value) instead of every detected secret. */
  readonly keys?: readonly string[];
  /** Let the user choose among the planned values first (the workspace command). */
  readonly pick?: boolean;
}

/**
 * The extension's side of a migration: trust, unsaved changes, progress, the picker and the
 * summary. The plan and its execution are the core engine's (vault write, read back, then rewrite).
 */
export async function runMigration(services: Services, request: MigrationRequest): Promise<MigrationResult | undefined> {
  const { log } = services;
  if (!requireTrust('move secrets into a vault')) return undefined;
  if (request.paths.length === 0) {
    void vscode.window.showInformationMessage('EnvGuard: no env files to move secrets from.');
    return undefined;
  }
  if (!(await saveOrCancel(request.paths))) return undefined;

  let plans: MigrationPlan[];
  try {
    plans = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'EnvGuard: planning the move' },
      () => planByFolder(services, request),
    );
  } catch (error) {
    log.error(`Planning failed: ${messageOf(error)}`);
    void vscode.window.showErrorMessage(`EnvGuard: ${messageOf(error)}`);
    return undefined;
  }
  const problems = plans.flatMap((p) => p.problems);
  const groups = groupProblems(problems);
  for (const group of groups) log.warn(describeProblems(group));
  if (plans.some(isBlocked)) {
    // One cause shared by every blocked item (a refused credential) is said once, with the count.
    const blocking = groups.filter((g) => g.items[0]!.blocking);
    void showWithLog(services.log, 'error', `EnvGuard moved nothing: ${describeProblems(blocking[0]!)}${blocking.length > 1 ? ` (and ${blocking.length - 1} more, see the log)` : ''}`);
    return undefined;
  }
  let items = plans.flatMap((p) => p.items);
  if (items.length === 0) {
    const why = problems[0]?.message ?? 'no plaintext secrets were found';
    void vscode.window.showInformationMessage(`EnvGuard: nothing to move (${why}).`);
    return undefined;
  }
  if (request.pick) {
    const chosen = await pickItems(items, plans[0]!.vaultName);
    if (!chosen) return undefined;
    items = chosen;
  }

  const vaultName = plans[0]!.vaultName;
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `EnvGuard: moving ${items.length} value(s) into the ${vaultName}` },
    async (progress) => {
      const vault = await services.vault.open();
      const all: MigrationResult[] = [];
      for (const plan of plans) {
        const subset = { ...plan, items: plan.items.filter((i) => items.includes(i)) };
        if (subset.items.length === 0) continue;
        all.push(await executeMigration(subset, {
          vault,
          writeFile: editorFileWriter,
          onProgress: (step) => {
            if (step.step === 'store') progress.report({ message: `${step.secretName} (${step.done + 1} of ${step.total})`, increment: 100 / Math.max(1, step.total) });
            if (step.step === 'rewrite') progress.report({ message: `rewriting ${step.file}` });
          },
        }));
      }
      return { outcomes: all.flatMap((r) => r.outcomes), rewritten: all.flatMap((r) => r.rewritten) };
    },
  );
  report(services, results, vaultName);
  return results;
}

/** A problem's message, or a shared cause said once with its count and subjects. */
function describeProblems({ cause, items }: CauseGroup<PlanProblem>): string {
  const first = items[0]!;
  if (items.length === 1 || cause === undefined) return first.message;
  return `${cause} (${problemCount(first.kind, items.length)}: ${items.map(problemSubject).join(', ')})`;
}

async function planByFolder(services: Services, request: MigrationRequest): Promise<MigrationPlan[]> {
  const vault = await services.vault.open();
  const groups = new Map<string, { folder: vscode.WorkspaceFolder | undefined; paths: string[] }>();
  for (const path of request.paths) {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
    const key = folder?.uri.toString() ?? '';
    const group = groups.get(key) ?? { folder, paths: [] };
    group.paths.push(path);
    groups.set(key, group);
  }
  const plans: MigrationPlan[] = [];
  for (const { folder, paths } of groups.values()) {
    const { detection } = await services.settings.forFolder(folder);
    plans.push(await planMigration(paths, {
      vault,
      detection,
      prefix: services.settings.secretPrefix(folder),
      ...(request.keys ? { keys: request.keys } : {}),
      label: (p) => vscode.workspace.asRelativePath(p),
      ...(folder ? { projectOf: () => folder.uri.fsPath } : {}),
    }));
  }
  return plans;
}

async function pickItems(items: readonly PlannedItem[], vaultName: string): Promise<PlannedItem[] | undefined> {
  const entries = items.map((item) => ({
    label: item.key,
    description: `${item.file}:${item.line}`,
    detail: `→ ${item.secretName}${item.action === 'reuse' ? ' (already in the vault with this value)' : ''} · ${item.reason}`,
    picked: true,
    item,
  }));
  const chosen = await vscode.window.showQuickPick(entries, {
    canPickMany: true,
    title: `EnvGuard: move these values into the ${vaultName}?`,
    placeHolder: 'Each value is stored, read back, and only then replaced by a reference',
    ignoreFocusOut: true,
  });
  if (!chosen || chosen.length === 0) return undefined;
  return chosen.map((c) => c.item);
}

function report(services: Services, result: MigrationResult, vaultName: string): void {
  const { log } = services;
  const moved = result.outcomes.filter((o) => o.moved);
  const failed = groupFailures(result.outcomes);
  for (const o of moved) log.info(`Moved ${itemPlace(o.item)} → ${o.item.secretName}`);
  for (const { cause, items } of failed) log.error(`Not moved ${items.map(itemPlace).join(', ')}: ${cause ?? ''}`);
  const files = result.rewritten.join(', ');
  if (failed.length === 0) {
    void vscode.window.showInformationMessage(`EnvGuard moved ${moved.length} value(s) into the ${vaultName}; ${files} now ${result.rewritten.length === 1 ? 'holds' : 'hold'} references.`);
  } else {
    // The first cause, said once for every value it kept back.
    const { cause, items } = failed[0]!;
    const which = items.length === 1 ? `${items[0]!.key} stays in ${items[0]!.file}` : `${items.length} values stay in their files`;
    const more = failed.length > 1 ? ` (values not moved for other reasons too, see the log)` : '';
    void showWithLog(services.log, 'error', `EnvGuard moved ${moved.length} of ${result.outcomes.length} value(s). ${which}: ${cause ?? ''}${more}`);
  }
}
