import * as path from 'node:path';
import * as vscode from 'vscode';
import { combineConfigs, detectionSettingsOf } from '../../core/config/project-config';
import { executeMigration, groupFailures, groupProblems, isBlocked, itemPlace, migrationSources, planMigration, prepareProjects, problemCount, problemSubject, restrictPlan, type MigrationPlan, type MigrationResult, type PlannedItem, type PlanProblem } from '../../core/migrate';
import type { CauseGroup } from '../../core/group-by-cause';
import type { ProjectLayout } from '../../core/project';
import { messageOf, showWithLog } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { editorFileWriter } from './editor-writer';
import { offerProjectLink } from './project-link';
import { saveOrCancel } from './unsaved';
import { tellHowToRunOnce } from '../run-hint';

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
 * summary. The plan and its execution are the core engine's: each file's project and environment,
 * the environment's vault, names that never collide, then vault write, read back, and rewrite.
 */
export async function runMigration(services: Services, request: MigrationRequest): Promise<MigrationResult | undefined> {
  const { log } = services;
  if (!requireTrust('move secrets into a vault')) return undefined;
  if (request.paths.length === 0) {
    void vscode.window.showInformationMessage('EnvGuard: no env files to move secrets from.');
    return undefined;
  }
  if (!(await saveOrCancel(request.paths))) return undefined;

  let planned: { plan: MigrationPlan; problems: PlanProblem[]; projects: ProjectLayout[] };
  try {
    planned = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'EnvGuard: planning the move' },
      () => makePlan(services, request),
    );
  } catch (error) {
    log.error(`Planning failed: ${messageOf(error)}`);
    void vscode.window.showErrorMessage(`EnvGuard: ${messageOf(error)}`);
    return undefined;
  }
  const { problems, projects } = planned;
  let { plan } = planned;
  const groups = groupProblems(problems);
  for (const group of groups) log.warn(describeProblems(group));
  const blocking = problems.filter((p) => p.blocking);
  if (blocking.length > 0 || isBlocked(plan)) {
    const nameTaken = blocking.find((p) => p.kind === 'project');
    if (nameTaken) {
      const project = projects.find((p) => p.root === nameTaken.projectRoot);
      if (project && await offerProjectLink(services, project, nameTaken.message)) return runMigration(services, request);
      return undefined;
    }
    // One cause shared by every blocked item (a refused credential) is said once, with the count.
    const blocked = groups.filter((g) => g.items[0]!.blocking);
    void showWithLog(services.log, 'error', `EnvGuard moved nothing: ${describeProblems(blocked[0]!)}${blocked.length > 1 ? ` (and ${blocked.length - 1} more, see the log)` : ''}`);
    return undefined;
  }
  if (plan.items.length === 0) {
    const why = problems[0]?.message ?? 'no plaintext secrets were found';
    void vscode.window.showInformationMessage(`EnvGuard: nothing to move (${why}).`);
    return undefined;
  }
  if (request.pick) {
    const chosen = await pickItems(plan);
    if (!chosen) return undefined;
    plan = restrictPlan(plan, chosen);
  }

  const vaults = [...new Set(plan.items.map((i) => i.vaultName))];
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `EnvGuard: moving ${plan.items.length} value(s) into the ${vaults.join(' and the ')}` },
    async (progress) => {
      const ownerIds = await prepareProjects(plan, await services.projects.registry());
      services.projects.invalidate(); // a `.envguard.json` may have just been written
      return executeMigration(plan, {
        ownerIds,
        writeFile: editorFileWriter,
        onProgress: (step) => {
          if (step.step === 'store') progress.report({ message: `${step.secretName} (${step.done + 1} of ${step.total})`, increment: 100 / Math.max(1, step.total) });
          if (step.step === 'rewrite') progress.report({ message: `rewriting ${step.file}` });
        },
      });
    },
  );
  // The files just written are checked now, not when a watcher reports them: a watcher may miss
  // the rename of a file in a folder created moments before (VS Code's recursive watcher does).
  const rewritten = new Set(results.rewritten);
  await Promise.all(plan.files.filter((f) => rewritten.has(f.label)).map((f) => services.diagnostics.checkUri(vscode.Uri.file(f.path))));
  report(services, results, vaults.join(' and the '));
  void tellHowToRunOnce(services.globalState, results.outcomes.filter((o) => o.moved).map((o) => o.item.project));
  return results;
}

/** Each file's project, environment and vault (asking to confirm a vault the workspace names), then the plan. */
async function makePlan(services: Services, request: MigrationRequest): Promise<{ plan: MigrationPlan; problems: PlanProblem[]; projects: ProjectLayout[] }> {
  const { projects, settings, files } = services;
  const registry = await projects.registry();
  const folderOf = (p: string) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(p));
  const resolved = await migrationSources(request.paths, {
    projects: projects.finder,
    // The env files the workspace index knows under the project's folder, of this project (not of one nested in it).
    envFilesOf: async (root) => {
      const below = files.uris.filter((u) => u.scheme === 'file' && isInside(root.root, u.fsPath)).map((u) => u.fsPath);
      const own: string[] = [];
      for (const file of below) if ((await projects.finder.of(file)).root === root.root) own.push(file);
      return own;
    },
    vaultFor: (environment, layout) => services.vault.forEnvironment(environment, layout, folderOf(layout.root)),
    registry,
    label: (p) => vscode.workspace.asRelativePath(p),
    detectionFor: async (config, file) => {
      const { detection } = await settings.forFolder(folderOf(file));
      return detectionSettingsOf(combineConfigs(config, { allowKeys: [...detection.allowKeys ?? []], customPatterns: [...detection.customPatterns ?? []] }));
    },
  });
  const prefix = settings.secretPrefix(folderOf(request.paths[0]!));
  const plan = await planMigration(resolved.sources, {
    ...(prefix ? { prefix } : {}),
    ...(request.keys ? { keys: request.keys } : {}),
  });
  return { plan, problems: [...resolved.problems, ...plan.problems], projects: resolved.projects };
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const ACTION_TEXT: Record<PlannedItem['action'], string> = {
  'new-secret': 'new secret',
  'new-version': 'new version of its secret',
  reuse: 'already in the vault with this value',
};

/** Every value picked, grouped by project and environment, each group headed by the vault it goes to. */
async function pickItems(plan: MigrationPlan): Promise<PlannedItem[] | undefined> {
  type Entry = vscode.QuickPickItem & { item?: PlannedItem };
  const entries: Entry[] = [];
  const projects = new Set(plan.groups.map((g) => g.project)).size;
  for (const group of plan.groups) {
    // The local vault's display name carries its folder: too long for a heading (the log has it).
    const vault = group.vault.kind === 'local' ? 'local vault' : group.vault.displayName;
    entries.push({ label: `${projects > 1 ? `${group.project} · ` : ''}${group.environment} → ${vault}`, kind: vscode.QuickPickItemKind.Separator });
    for (const item of group.items) {
      entries.push({
        label: item.key,
        description: `${item.file}:${item.line}`,
        detail: `→ ${item.secretName} · ${item.shadowed ? 'earlier duplicate, kept as an earlier version' : ACTION_TEXT[item.action]} · ${item.reason}`,
        picked: true,
        item,
      });
    }
  }
  const environments = plan.groups.length;
  const chosen = await vscode.window.showQuickPick(entries, {
    canPickMany: true,
    title: `EnvGuard: move ${plan.items.length} value(s) of ${environments} environment${environments === 1 ? '' : 's'} into their vaults?`,
    placeHolder: 'Each value is stored, read back, and only then replaced by a reference',
    ignoreFocusOut: true,
  });
  const items = chosen?.flatMap((c) => (c.item ? [c.item] : []));
  return items && items.length > 0 ? items : undefined;
}

function describeProblems({ cause, items }: CauseGroup<PlanProblem>): string {
  const first = items[0]!;
  if (items.length === 1 || cause === undefined) return first.message;
  return `${cause} (${problemCount(first.kind, items.length)}: ${items.map(problemSubject).join(', ')})`;
}

function report(services: Services, result: MigrationResult, vaultName: string): void {
  const { log } = services;
  const moved = result.outcomes.filter((o) => o.moved);
  const failed = groupFailures(result.outcomes);
  for (const o of moved) log.info(`Moved ${itemPlace(o.item)} → ${o.item.secretName} (${o.item.environment}, ${o.item.vaultName})`);
  for (const { cause, items } of failed) log.error(`Not moved ${items.map(itemPlace).join(', ')}: ${cause ?? ''}`);
  const files = result.rewritten.join(', ');
  if (failed.length === 0) {
    void vscode.window.showInformationMessage(`EnvGuard moved ${moved.length} value(s) into the ${vaultName}; ${files} now ${result.rewritten.length === 1 ? 'holds' : 'hold'} references.`);
  } else {
    // The first cause, said once for every value it kept back.
    const { cause, items } = failed[0]!;
    const which = items.length === 1 ? `${items[0]!.key} stays in ${items[0]!.file}` : `${items.length} values stay in their files`;
    const more = failed.length > 1 ? ' (values not moved for other reasons too, see the log)' : '';
    void showWithLog(services.log, 'error', `EnvGuard moved ${moved.length} of ${result.outcomes.length} value(s). ${which}: ${cause ?? ''}${more}`);
  }
}
