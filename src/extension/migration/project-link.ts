import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { PROJECT_NAME, PROJECT_NAME_RULE } from '../../core/config/project-config';
import { recordProjectName, type ProjectLayout } from '../../core/project';
import type { Services } from '../services';

/**
 * A project's name is registered to another folder of this machine: the user says (in a modal, a
 * channel the workspace cannot answer) whether this folder is that project (moved, renamed, a
 * second copy: it becomes a place of it) or another one (it gets a name of its own). True when
 * something changed and the migration can be planned again.
 */
export async function offerProjectLink(services: Services, project: ProjectLayout, why: string): Promise<boolean> {
  const registry = await services.projects.registry();
  const holder = registry.projectNamed(project.name);
  if (!holder) return true; // freed meanwhile
  const same = 'Same Project';
  const other = 'Another Project…';
  const choice = await vscode.window.showWarningMessage(
    `EnvGuard: is ${project.root} the project ${project.name} of ${holder.places.join(', ') || 'a folder that is gone'}?`,
    { modal: true, detail: `${why}.\n\nSame Project: this folder becomes a place of it, and reads its secrets. Another Project: give this one a name of its own.` },
    same, other,
  );
  if (choice === same) {
    await registry.addPlace(holder.id, project.root, (place) => existsSync(place));
    services.log.info(`${project.root} is now a place of project ${project.name}`);
    services.projects.invalidate();
    return true;
  }
  if (choice !== other) return false;
  const name = await vscode.window.showInputBox({
    title: `EnvGuard: a name for the project in ${project.root}`,
    prompt: `Secret names start with it; ${PROJECT_NAME_RULE}`,
    value: `${project.name}-2`,
    ignoreFocusOut: true,
    validateInput: (text) => (!PROJECT_NAME.test(text) ? `Use ${PROJECT_NAME_RULE}` : registry.projectNamed(text) ? `${text} is taken on this machine too` : undefined),
  });
  if (name === undefined) return false;
  await recordProjectName(project.root, name);
  services.log.info(`Project in ${project.root} named ${name} (.envguard.json)`);
  services.projects.invalidate();
  services.settings.invalidate();
  return true;
}
