import * as path from 'node:path';
import type * as vscode from 'vscode';
import { defaultProjectName, environmentOf } from '../core/project';
import type { ExtensionProjects } from './projects';
import type { VaultAccess } from './vault-access';

/** Which project and environment an env file belongs to, and where that environment's secrets go. */
export interface FileContext {
  readonly project: string;
  readonly environment: string;
  /** A `.local` file: the machine's overrides of its environment. */
  readonly local: boolean;
  /** "the local vault", "Azure Key Vault https://…". */
  readonly vault: string;
}

/** Shown in the diagnostics' related information and in hovers; computed from the core's rules, no vault opened. */
export async function fileContextOf(uri: vscode.Uri, projects: ExtensionProjects, vault: VaultAccess, folder: vscode.WorkspaceFolder | undefined): Promise<FileContext | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const root = await projects.finder.of(uri.fsPath);
  const relative = path.relative(root.root, uri.fsPath).split(path.sep).join('/');
  const environment = environmentOf(relative, root.config?.environments);
  const project = root.config?.project ?? defaultProjectName(root.root);
  return {
    project, environment: environment.name, local: environment.local,
    vault: vault.describe(environment.name, root.config ? { config: root.config } : undefined, folder),
  };
}

export function describeFileContext(context: FileContext): string {
  return `Environment ${context.environment}${context.local ? ' (this machine\'s overrides)' : ''} of project ${context.project}: its secrets move to ${context.vault}`;
}
