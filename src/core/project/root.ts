import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { combineConfigs, PROJECT_CONFIG_FILE, readProjectConfigFile, type ProjectConfig } from '../config/project-config';

/** Where a project's folder was found, and why that folder. */
export type ProjectRootSource =
  /** The nearest `.envguard.json` that declares `"project"`. */
  | 'declared'
  /** The repository's root (a `.git` folder or file), no `.envguard.json` declaring a project on the way. */
  | 'repository'
  /** The outermost folder with a `.envguard.json`, outside any repository. */
  | 'config'
  /** None of those: the fallback the adapter gave (the workspace folder, or where the command runs). */
  | 'fallback';

export interface ProjectRoot {
  /** Absolute, real path of the project's folder. */
  readonly root: string;
  readonly source: ProjectRootSource;
  /** The root's `.envguard.json`, if it has one. */
  readonly config: ProjectConfig | undefined;
}

export interface FindProjectOptions {
  /** The folder to use when neither a declaring `.envguard.json`, a repository nor any `.envguard.json` is found. */
  readonly fallback: string;
}

/**
 * The project a folder belongs to: the same folder whichever subfolder one starts from.
 * 1. the nearest folder up whose `.envguard.json` declares `"project"` (a nested project says so);
 * 2. else the repository's root (`.git`, a folder or, for worktrees and submodules, a file);
 * 3. else, outside a repository, the outermost folder holding a `.envguard.json`;
 * 4. else the fallback (the workspace folder; the CLI's working directory).
 * A `.envguard.json` that holds only settings (allowKeys…) never starts a project of its own.
 * Folders above a repository's root are not looked at: they belong to no project of it.
 */
export async function findProjectRoot(start: string, options: FindProjectOptions): Promise<ProjectRoot> {
  const from = await realFolder(start);
  let outermostConfig: { dir: string; config: ProjectConfig } | undefined;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const config = await readProjectConfigFile(dir);
    if (config?.project !== undefined) return { root: dir, source: 'declared', config };
    if (config) outermostConfig = { dir, config };
    if (await exists(path.join(dir, '.git'))) return { root: dir, source: 'repository', config };
    if (path.dirname(dir) === dir) break;
  }
  if (outermostConfig) return { root: outermostConfig.dir, source: 'config', config: outermostConfig.config };
  const fallback = await realFolder(options.fallback);
  return { root: fallback, source: 'fallback', config: await readProjectConfigFile(fallback) };
}

/**
 * The settings that apply in `dir`: the project root's `.envguard.json` joined with every nested
 * one from the root down to `dir` (a nested file of settings keeps applying where it is).
 */
export async function configChain(root: ProjectRoot, dir: string): Promise<ProjectConfig> {
  let config: ProjectConfig = root.config ?? {};
  const real = await realFolder(dir);
  const relative = path.relative(root.root, real);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return config;
  let current = root.root;
  for (const part of relative.split(path.sep)) {
    current = path.join(current, part);
    const nested = await readProjectConfigFile(current);
    if (nested) config = combineConfigs(config, settingsOnly(nested));
  }
  return config;
}

/** A nested file's settings; the project's own fields (name, environments, sharing) are the root's alone. */
function settingsOnly(config: ProjectConfig): ProjectConfig {
  const { project: _project, environments: _environments, share: _share, ...settings } = config;
  return settings;
}

/** The folder itself when it is one, else its parent (a file was given); its real path when it exists. */
async function realFolder(p: string): Promise<string> {
  const absolute = path.resolve(p);
  try {
    const real = await fs.realpath(absolute);
    const stat = await fs.stat(real);
    return stat.isDirectory() ? real : path.dirname(real);
  } catch {
    return absolute;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

export { PROJECT_CONFIG_FILE };
