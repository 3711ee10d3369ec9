import * as vscode from 'vscode';
import { executeMigration, isBlocked, planMigration, type MigrationPlan, type MigrationResult, type PlannedItem } from '../../core/migrate';
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
  for (const problem of problems) log.warn(problem.message);
  if (plans.some(isBlocked)) {
    const blocking = problems.filter((p) => p.blocking);
    void showWithLog(services.log, 'error', `EnvGuard moved nothing: ${blocking[0]!.message}${blocking.length > 1 ? ` (and ${blocking.length - 1} more, see the log)` : ''}`);
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
  const failed = result.outcomes.filter((o) => !o.moved);
  for (const o of moved) log.info(`Moved ${o.item.file}:${o.item.line} ${o.item.key} → ${o.item.secretName}`);
  for (const o of failed) if (!o.moved) log.error(`Not moved ${o.item.file}:${o.item.line} ${o.item.key}: ${o.reason}`);
  const files = result.rewritten.join(', ');
  if (failed.length === 0) {
    void vscode.window.showInformationMessage(`EnvGuard moved ${moved.length} value(s) into the ${vaultName}; ${files} now ${result.rewritten.length === 1 ? 'holds' : 'hold'} references.`);
  } else {
    const first = failed[0]!;
    void showWithLog(services.log, 'error', `EnvGuard moved ${moved.length} of ${result.outcomes.length} value(s). ${first.item.key} stays in ${first.item.file}: ${first.moved ? '' : first.reason}`);
  }
}
