import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { ProjectNameTakenError, projectLayout, type AccessRemedy } from '../core/project';
import type { ResolutionFailure } from '../core/resolve';
import type { LocalVault } from '../core/vault/local';
import type { Services } from './services';

/**
 * References refused because the folder is not (yet) a confirmed place of its project, or because
 * their secrets were stored before projects: the user can settle it once, in a modal dialog (a
 * channel the workspace cannot answer). True when something changed and resolving again may succeed.
 * Other refusals (another project's secret, an unconfirmed vault the user declined) are left as they are.
 */
export async function offerRemedies(services: Services, failures: readonly ResolutionFailure[]): Promise<boolean> {
  const remedies = failures.flatMap((f) => (f.remedy ? [f.remedy] : []));
  const link = remedies.find((r): r is Extract<AccessRemedy, { kind: 'link' }> => r.kind === 'link');
  if (link) return offerLink(services, link);
  const claims = remedies.filter((r): r is Extract<AccessRemedy, { kind: 'claim' }> => r.kind === 'claim' && r.root !== undefined);
  if (claims.length > 0) return offerClaim(services, claims);
  return false;
}

async function offerLink(services: Services, remedy: Extract<AccessRemedy, { kind: 'link' }>): Promise<boolean> {
  const confirm = 'This Is That Project';
  const choice = await vscode.window.showWarningMessage(
    `EnvGuard: is ${remedy.root} the project ${remedy.project}?`,
    { modal: true, detail: `Its env files refer to secrets of project ${remedy.project}, which is registered at ${remedy.places.join(', ') || 'a folder that is gone'}. If this folder is that project (moved, renamed or a second copy), confirm it once: it then reads that project's secrets. A repository that only copied the project's name gets nothing.` },
    confirm,
  );
  if (choice !== confirm) return false;
  const registry = await services.projects.registry();
  const project = registry.projectNamed(remedy.project);
  if (!project) return false;
  await registry.addPlace(project.id, remedy.root, (place) => existsSync(place));
  services.log.info(`${remedy.root} is now a place of project ${remedy.project}`);
  return true;
}

async function offerClaim(services: Services, claims: readonly Extract<AccessRemedy, { kind: 'claim' }>[]): Promise<boolean> {
  const root = claims[0]!.root!;
  const secrets = [...new Set(claims.filter((c) => c.root === root).map((c) => c.secret))];
  const finderRoot = await services.projects.finder.of(root, true);
  const layout = projectLayout(finderRoot, []);
  const claim = 'Claim for This Project';
  const choice = await vscode.window.showWarningMessage(
    `EnvGuard: give ${secrets.length === 1 ? `secret ${secrets[0]!}` : `${secrets.length} secrets`} to project ${layout.name}?`,
    { modal: true, detail: `${secrets.join(', ')} ${secrets.length === 1 ? 'was' : 'were'} stored before EnvGuard kept secrets per project, and ${secrets.length === 1 ? 'belongs' : 'belong'} to no project yet. Claim ${secrets.length === 1 ? 'it' : 'them'} for ${layout.name} (${root}) only if this is the project that stored ${secrets.length === 1 ? 'it' : 'them'}: other projects are then refused.` },
    claim,
  );
  if (choice !== claim) return false;
  const registry = await services.projects.registry();
  let project;
  try {
    project = registry.projectAt(layout.root) ?? await registry.register(layout.root, layout.name);
  } catch (error) {
    if (error instanceof ProjectNameTakenError) {
      void vscode.window.showErrorMessage(`EnvGuard: ${error.message}. Link this folder to it, or give the project another name in .envguard.json, then try again.`);
      return false;
    }
    throw error;
  }
  const vault = (await services.vault.forLocal()) as LocalVault;
  const result = await vault.claim(secrets, project.id, (id) => registry.byId(id) !== undefined);
  services.log.info(`Claimed ${result.claimed.join(', ') || 'nothing'} for project ${layout.name}`);
  return result.claimed.length > 0;
}
