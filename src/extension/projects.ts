import os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LoaderFinder, ProjectFinder, ProjectRegistry, requesterOf, type Requester } from '../core/project';
import type { DialectName } from '../core/dotenv';
import { resolveLocalVaultHome } from '../core/vault/local/home';

/**
 * Projects as the extension sees them: the core's rules (a declaring `.envguard.json`, else the
 * repository's root, else the outermost `.envguard.json`), with the file's workspace folder as the
 * fallback; and the user's registry, in EnvGuard's data folder, shared with the CLI.
 */
export class ExtensionProjects {
  private finderCache: ProjectFinder | undefined;
  private loaderCache: LoaderFinder | undefined;

  /** Forget where projects are and which programs read their files (a `.envguard.json`, a folder or a project file changed). */
  invalidate(): void {
    this.finderCache = undefined;
    this.loaderCache = undefined;
  }

  /**
   * The programs that read an env file (core/project/loaders.ts), the first one's reading being
   * the one checked; dotenv for a document that is not a file or whose `.envguard.json` is broken
   * (the settings report that).
   */
  async loadersOf(uri: vscode.Uri): Promise<readonly DialectName[]> {
    if (uri.scheme !== 'file') return ['dotenv'];
    this.loaderCache ??= new LoaderFinder(this.finder);
    try {
      return (await this.loaderCache.loadersOf(uri.fsPath)).dialects;
    } catch {
      return ['dotenv'];
    }
  }

  get finder(): ProjectFinder {
    this.finderCache ??= new ProjectFinder((folder) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder))?.uri.fsPath ?? folder);
    return this.finderCache;
  }

  /** EnvGuard's data folder (ENVGUARD_HOME, else the platform's), the local vault's and the registry's. */
  home(): string {
    return path.resolve(resolveLocalVaultHome(process.env, process.platform, os.homedir()));
  }

  /** The registry as it is now (read fresh: the CLI may have changed it). */
  registry(): Promise<ProjectRegistry> {
    return ProjectRegistry.open(this.home());
  }

  requester(fileOrFolder: string, isFolder = false): Promise<Requester> {
    return requesterOf(this.finder, fileOrFolder, isFolder);
  }
}
