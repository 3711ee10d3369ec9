import * as vscode from 'vscode';
import { updateShare } from '../../core/project';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * EnvGuard: Share a Secret with Another Project… — lets another project of this machine read some of
 * this project's local secrets: written to `share` in this project's `.envguard.json` (what
 * `envguard project share` writes), so the team sees it. Only projects the user registered can be chosen.
 */
export function shareSecret(services: Services) {
  return async (): Promise<boolean> => {
    if (!requireTrust('share a secret')) return false;
    const target = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!target || target.scheme !== 'file') {
      void vscode.window.showInformationMessage('EnvGuard: open a file of the project whose secret to share.');
      return false;
    }
    const root = await services.projects.finder.of(target.fsPath, vscode.workspace.workspaceFolders?.some((f) => f.uri.toString() === target.toString()) === true);
    const registry = await services.projects.registry();
    const project = registry.projectAt(root.root);
    if (!project) {
      void vscode.window.showInformationMessage(`EnvGuard: ${root.root} has no secrets in the local vault yet (its first migration registers it).`);
      return false;
    }
    const own = (await (await services.vault.forLocal()).list()).filter((s) => s.owner === project.id);
    const secrets = await vscode.window.showQuickPick(own.map((s) => ({ label: s.name, description: s.tags['envguard-source-file'] ?? '' })), {
      canPickMany: true, title: `EnvGuard: which secrets of project ${project.name} to share?`, ignoreFocusOut: true,
    });
    if (!secrets || secrets.length === 0) return false;
    const others = registry.projects.filter((p) => p.id !== project.id);
    if (others.length === 0) {
      void vscode.window.showInformationMessage('EnvGuard: no other project is registered on this machine yet.');
      return false;
    }
    const other = await vscode.window.showQuickPick(others.map((p) => ({ label: p.name, description: p.places.join(', '), project: p })), {
      title: `EnvGuard: share ${secrets.length} secret(s) with which project?`, ignoreFocusOut: true,
    });
    if (!other) return false;
    await updateShare(root.root, secrets.map((s) => s.label), other.project.name, true);
    services.log.info(`Shared ${secrets.map((s) => s.label).join(', ')} of project ${project.name} with project ${other.project.name}`);
    void vscode.window.showInformationMessage(`EnvGuard: project ${other.project.name} may now read ${secrets.length} secret(s) of ${project.name} (recorded in .envguard.json).`);
    return true;
  };
}
