import * as path from 'node:path';
import { discoverEnvFiles, type DiscoveryOptions } from '../files/discover';
import { findProjectRoot, type ProjectRoot } from './root';

/**
 * Finds and remembers the project of each folder: callers that look at hundreds of files ask once
 * per folder. `fallback` gives the folder to use outside any repository and project (the workspace
 * folder of the file; the CLI's working directory).
 */
export class ProjectFinder {
  private readonly byFolder = new Map<string, Promise<ProjectRoot>>();

  constructor(private readonly fallback: (folder: string) => string) {}

  /** The project of a file or folder. */
  of(fileOrFolder: string, isFolder = false): Promise<ProjectRoot> {
    const folder = isFolder ? path.resolve(fileOrFolder) : path.dirname(path.resolve(fileOrFolder));
    let found = this.byFolder.get(folder);
    if (!found) {
      found = findProjectRoot(folder, { fallback: this.fallback(folder) });
      this.byFolder.set(folder, found);
    }
    return found;
  }

  /** Groups files by their project, in the order of first appearance. */
  async group(files: readonly string[]): Promise<{ root: ProjectRoot; files: string[] }[]> {
    const groups = new Map<string, { root: ProjectRoot; files: string[] }>();
    for (const file of files) {
      const root = await this.of(file);
      const group = groups.get(root.root) ?? { root, files: [] };
      group.files.push(path.resolve(file));
      groups.set(root.root, group);
    }
    return [...groups.values()];
  }

  /**
   * Every env file of a project, by the scan's rules (its include and exclude), without those of
   * projects nested in it (a folder whose `.envguard.json` declares a project of its own).
   */
  async envFilesOf(root: ProjectRoot, discovery: DiscoveryOptions = {}): Promise<string[]> {
    const found = discoverEnvFiles(root.root, { include: [...(root.config?.include ?? []), ...(discovery.include ?? [])], exclude: [...(root.config?.exclude ?? []), ...(discovery.exclude ?? [])] });
    const own: string[] = [];
    for (const file of found) if ((await this.of(file)).root === root.root) own.push(file);
    return own;
  }
}
