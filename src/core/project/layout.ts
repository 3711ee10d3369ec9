import * as path from 'node:path';
import type { ProjectConfig } from '../config/project-config';
import { environmentOf, toSafeName, type FileEnvironment } from './environment';
import type { ProjectRoot } from './root';

/** An env file as a member of its project: where it is, which environment it feeds, what names its secrets. */
export interface ProjectFile {
  /** Absolute path. */
  readonly path: string;
  /** From the project's folder, `/`-separated. */
  readonly relative: string;
  readonly environment: FileEnvironment;
  /**
   * What tells this file's secrets apart from those of the other files of its environment: nothing
   * when it is the only one (or the one at the root), else its folder, `local`, and if need be its name.
   */
  readonly qualifier: readonly string[];
  /** Folder, `local` and file name: the longer form, for when a short name is taken. */
  readonly fullQualifier: readonly string[];
}

/** A project and its env files, as migration names their secrets. */
export interface ProjectLayout {
  /** Absolute, real path of the project's folder. */
  readonly root: string;
  /** The name in `.envguard.json`, else the folder's name made safe for every vault. */
  readonly name: string;
  /** True when `.envguard.json` at the root records the name. */
  readonly declared: boolean;
  readonly config: ProjectConfig;
  readonly files: readonly ProjectFile[];
  fileAt(absolutePath: string): ProjectFile | undefined;
}

/**
 * Lays out a project's env files (every one the project holds, not only those about to move: a file's
 * names must not depend on which files one migrates first). Files outside the root keep their absolute
 * place in `relative` only for messages; callers pass files of this project.
 */
export function projectLayout(root: ProjectRoot, envFiles: readonly string[]): ProjectLayout {
  const config = root.config ?? {};
  const unique = [...new Set(envFiles.map((f) => path.resolve(f)))].sort();
  const described = unique.map((file) => {
    const relative = path.relative(root.root, file).split(path.sep).join('/');
    return { path: file, relative, environment: environmentOf(relative, config.environments) };
  });
  const byEnvironment = new Map<string, typeof described>();
  for (const file of described) byEnvironment.set(file.environment.name, [...(byEnvironment.get(file.environment.name) ?? []), file]);
  const files: ProjectFile[] = [];
  for (const group of byEnvironment.values()) {
    const base = group.map((f) => [...folderSegments(f.relative), ...(f.environment.local ? ['local'] : [])]);
    const counts = new Map<string, number>();
    for (const q of base) counts.set(q.join('/'), (counts.get(q.join('/')) ?? 0) + 1);
    group.forEach((file, i) => {
      const full = [...folderSegments(file.relative), ...(file.environment.local ? ['local'] : []), fileToken(file.relative)];
      const short = group.length === 1 ? [] : counts.get(base[i]!.join('/'))! > 1 ? full : base[i]!;
      files.push({ ...file, qualifier: short, fullQualifier: full });
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byPath = new Map(files.map((f) => [f.path, f]));
  return {
    root: root.root,
    name: config.project ?? defaultProjectName(root.root),
    declared: config.project !== undefined,
    config,
    files,
    fileAt: (absolutePath) => byPath.get(path.resolve(absolutePath)),
  };
}

/** The folder's name made a project name: `My_App.v2` → `my-app-v2`. */
export function defaultProjectName(root: string): string {
  return toSafeName(path.basename(root), 'project');
}

/** The folders from the project's root to the file, for names; none for a file at the root or outside it. */
function folderSegments(relative: string): string[] {
  if (relative.startsWith('../') || path.isAbsolute(relative)) return [];
  return relative.split('/').slice(0, -1);
}

/** `.env.production` → `env.production`: the file's own name without its leading dots. */
function fileToken(relative: string): string {
  return path.posix.basename(relative).replace(/^\.+/, '') || 'env';
}
