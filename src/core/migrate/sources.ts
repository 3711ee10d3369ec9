import { detectionSettingsOf, PROJECT_CONFIG_FILE, ProjectConfigError, type ProjectConfig } from '../config/project-config';
import { checkCustomPatterns, type DetectionSettings } from '../detection';
import { configChain, type ProjectRoot } from '../project/root';
import { dirname } from 'node:path';
import type { ProjectFinder } from '../project/context';
import { projectLayout, type ProjectLayout } from '../project/layout';
import { LoaderFinder } from '../project/loaders';
import type { ProjectRegistry } from '../project/registry';
import { recordProjectName } from '../project/record-name';
import { VaultError, type VaultProvider } from '../vault/types';
import type { MigrationPlan, MigrationSource, PlanProblem } from './types';

export interface SourceOptions {
  readonly projects: ProjectFinder;
  /** Every env file of a project: a file's secret names are laid out over all of them, not only those moving now. */
  readonly envFilesOf: (root: ProjectRoot) => Promise<readonly string[]>;
  /** Opens the vault an environment's secrets go to; a VaultError says why they cannot go anywhere (unconfirmed, not signed in…). */
  readonly vaultFor: (environment: string, project: ProjectLayout) => Promise<VaultProvider>;
  /** The user's registry (the local vault's owners). */
  readonly registry: ProjectRegistry;
  readonly label: (path: string) => string;
  /**
   * What a secret is in a file: by default the settings of its project's `.envguard.json` files from
   * the root down to the file; the extension joins its own settings in.
   */
  readonly detectionFor?: (config: ProjectConfig, file: string) => Promise<DetectionSettings>;
}

export interface MigrationSources {
  readonly sources: MigrationSource[];
  /** Environments that cannot migrate (their vault refused or is unconfirmed), projects whose name is taken. */
  readonly problems: PlanProblem[];
  readonly projects: ProjectLayout[];
}

/**
 * Resolves env files into what a migration needs for each: its project (laid out over all its env
 * files), its environment, the vault that environment goes to (opened once per environment), and
 * in the local vault the project's registered owner id.
 */
export async function migrationSources(paths: readonly string[], options: SourceOptions): Promise<MigrationSources> {
  const sources: MigrationSource[] = [];
  const problems: PlanProblem[] = [];
  const projects: ProjectLayout[] = [];
  const loaders = new LoaderFinder(options.projects);
  for (const { root, files } of await options.projects.group(paths)) {
    const layout = projectLayout(root, [...await options.envFilesOf(root), ...files]);
    projects.push(layout);
    const registered = options.registry.projectAt(layout.root);
    const vaults = new Map<string, Promise<VaultProvider>>();
    const refused = new Set<string>();
    let nameChecked = false;
    for (const path of files) {
      const file = layout.fileAt(path)!;
      const environment = file.environment.name;
      let opening = vaults.get(environment);
      if (!opening) {
        opening = options.vaultFor(environment, layout);
        vaults.set(environment, opening);
      }
      let vault: VaultProvider;
      try {
        vault = await opening;
      } catch (error) {
        if (!refused.has(environment)) {
          refused.add(environment);
          const reason = error instanceof VaultError || error instanceof Error ? error.message : 'its vault cannot be opened';
          problems.push({ kind: 'vault', blocking: true, message: `${layout.name}, environment ${environment}: ${reason}` });
        }
        continue;
      }
      if (vault.kind === 'local' && !registered && !nameChecked) {
        nameChecked = true;
        const holder = options.registry.projectNamed(layout.name);
        if (holder) problems.push({ kind: 'project', blocking: true, message: nameTakenMessage(layout, holder.places), projectRoot: layout.root });
      }
      const chain = await configChain(root, dirname(path));
      if (!options.detectionFor) {
        // A pattern that cannot run in linear time is refused before anything reads a value with it.
        const invalid = checkCustomPatterns(chain.customPatterns).problems;
        if (invalid.length > 0) throw new ProjectConfigError(invalid.map((p) => `${PROJECT_CONFIG_FILE}: ${p.message}`).join('\n'));
      }
      sources.push({
        path, label: options.label(path), project: layout, file, vault,
        ...(registered ? { ownerId: registered.id } : {}),
        detection: options.detectionFor ? await options.detectionFor(chain, path) : detectionSettingsOf(chain),
        loaders: await loaders.loadersOf(path),
      });
    }
  }
  return { sources, problems, projects };
}

/** Another project of this machine has the name: the same project elsewhere (link it), or another one (rename). */
export function nameTakenMessage(layout: ProjectLayout, places: readonly string[]): string {
  return `the project name ${layout.name} is already used on this machine by ${places.join(', ') || 'a project with no folder left'}. `
    + `If ${layout.root} is that project (moved, renamed or a second copy), run 'envguard project link' there; `
    + `otherwise give this project another name ("project" in ${layout.root}/.envguard.json)`;
}

/**
 * Once the user confirmed a plan: each project whose secrets go to the local vault is registered
 * (its folder bound to a new id, which owns its secrets), and every project's name is recorded in its
 * `.envguard.json`. Returns the owner ids by project folder, for executeMigration.
 */
export async function prepareProjects(plan: MigrationPlan, registry: ProjectRegistry): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const seen = new Set<string>();
  for (const file of plan.files) {
    const { project, vault } = file.source;
    if (!plan.items.some((i) => i.path === file.path)) continue;
    if (vault.kind === 'local' && !owners.has(project.root)) owners.set(project.root, (await registry.register(project.root, project.name)).id);
    if (!seen.has(project.root)) {
      seen.add(project.root);
      if (!project.declared) await recordProjectName(project.root, project.name);
    }
  }
  return owners;
}
