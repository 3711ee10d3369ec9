/**
 * The disk side of `envguard ignore`: reads the managed files, plans, and writes what changed.
 * A file that cannot be read or written is reported and the others are still written. `dir` is the
 * project: a managed file (or its folder, `.vscode`, `.claude`) that is a symbolic link leading out
 * of it is reported and neither read nor written; links that stay inside are written through.
 */
import { access, constants, lstat, readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeFsError as describe, errorCode } from '../files/fs-errors';
import { OutsideProjectError, realPathInside, writeProjectFile } from '../files/project-files';
import { claudeLocalSandboxText, claudeSandboxEnabled, CLAUDE_LOCAL_SETTINGS_PATH, CLAUDE_SETTINGS_PATH } from './claude-settings';
import { changeTo, managedPaths, MANAGED_PATHS, planFile, type PlannedChange } from './plan';
import { toolStatuses, type ToolStatus } from './status';
import { AI_TOOL_INFO, AI_TOOLS, chosenTools, type AiToolId } from './tools';

/**
 * created/updated/unchanged when writing; missing/stale/unchanged when checking; error in both;
 * not-chosen in both: a file of a tool the project did not choose, which is there and left as it is.
 */
export type FileStatus = 'created' | 'updated' | 'unchanged' | 'missing' | 'stale' | 'error' | 'not-chosen';

export interface FileResult {
  /** Relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly status: FileStatus;
  /** Why, for `error`. */
  readonly reason?: string;
}

export interface ApplyOptions {
  /** Compute and report only: nothing is written. */
  readonly check?: boolean;
  /**
   * Turn Claude Code's sandbox on in `.claude/settings.local.json`: only when the user said yes
   * (`--enable-sandbox`, the terminal question, the extension's dialog).
   */
  readonly enableSandbox?: boolean;
  /** The tools whose files are written or checked (`.envguard.json` "aiTools"); undefined: every tool. */
  readonly tools?: readonly AiToolId[] | undefined;
}

const LEFT_AS_IS = "its tool is not chosen: EnvGuard's controls there are left as they are (remove them yourself if you no longer want them)";

/**
 * Brings the managed files of the chosen tools in `dir` up to date (or, with `check`, reports which
 * are not). The files of tools not chosen are never written or deleted: those that hold EnvGuard's
 * controls are reported as not-chosen, so that the user knows they are still there.
 */
export async function applyIgnoreFiles(dir: string, options: ApplyOptions = {}): Promise<FileResult[]> {
  const check = options.check === true;
  const chosen = managedPaths(options.tools);
  const results = await Promise.all(chosen.map((relative) => syncFile(dir, relative, check, (current) => planFile(relative, current))));
  const others = MANAGED_PATHS.filter((relative) => !chosen.includes(relative));
  const left = await Promise.all(others.map(async (relative) => ((await holdsControls(dir, relative)) ? relative : undefined)));
  results.push(...left.filter((relative) => relative !== undefined).map((relative): FileResult => ({ path: relative, status: 'not-chosen', reason: LEFT_AS_IS })));
  if (options.enableSandbox === true && !check && chosenTools(options.tools).has('claude-code')) {
    results.push(await syncFile(dir, CLAUDE_LOCAL_SETTINGS_PATH, false, (current) => changeTo(CLAUDE_LOCAL_SETTINGS_PATH, current, claudeLocalSandboxText(current))));
  }
  return results;
}

async function syncFile(dir: string, relative: string, check: boolean, plan: (current: string | undefined) => PlannedChange): Promise<FileResult> {
  const file = path.join(dir, ...relative.split('/'));
  let change: PlannedChange;
  try {
    change = plan(await readText(realPathInside(dir, file, relative)));
  } catch (error) {
    return { path: relative, status: 'error', reason: reasonOf(error) };
  }
  switch (change.action) {
    case 'error':
      return { path: relative, status: 'error', reason: change.reason };
    case 'unchanged':
      return { path: relative, status: 'unchanged' };
    case 'create':
    case 'update':
      if (check) return { path: relative, status: change.action === 'create' ? 'missing' : 'stale' };
      try {
        await writeProjectFile(dir, file, change.content, { label: relative, createParents: true });
      } catch (error) {
        return { path: relative, status: 'error', reason: reasonOf(error) };
      }
      return { path: relative, status: change.action === 'create' ? 'created' : 'updated' };
  }
}

function reasonOf(error: unknown): string {
  return error instanceof OutsideProjectError ? `${error.reason}; not modified` : describe(error);
}

/** The file's text, undefined when it does not exist. Throws for unreadable or non-UTF-8 files. */
async function readText(file: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  const text = bytes.toString('utf8');
  // Rewriting a file that is not UTF-8 would replace its undecodable bytes.
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new Error('not UTF-8 text; not modified');
  return text;
}

/** Whether a managed file holds EnvGuard's controls: they are all there, or it names envguard (a managed block, a hook). */
async function holdsControls(dir: string, relative: string): Promise<boolean> {
  try {
    const text = await readText(realPathInside(dir, path.join(dir, ...relative.split('/')), relative));
    return text !== undefined && (/envguard/i.test(text) || planFile(relative, text).action === 'unchanged');
  } catch {
    return false;
  }
}

/** Whether `relative` (a file or folder) exists in `dir`, a dangling link included. */
async function exists(dir: string, relative: string): Promise<boolean> {
  try {
    await lstat(path.join(dir, ...relative.split('/')));
    return true;
  } catch {
    return false;
  }
}

/**
 * The tools that look used in `dir`: one of their markers (their folder, their instructions file) or,
 * unless `markersOnly` (an ignore file may be EnvGuard's own doing), one of their ignore files is
 * there. The editor's picker starts from these when nothing was chosen.
 */
export async function detectTools(dir: string, options: { markersOnly?: boolean } = {}): Promise<AiToolId[]> {
  const ignoreFiles = (id: AiToolId): string[] => (options.markersOnly ? [] : AI_TOOLS.filter((row) => row.tool === id && row.format.kind === 'ignore-file').map((row) => row.path));
  const found = await Promise.all(AI_TOOL_INFO.map(async (info) => {
    const signs = await Promise.all([...info.markers, ...ignoreFiles(info.id)].map((relative) => exists(dir, relative)));
    return signs.includes(true) ? info.id : undefined;
  }));
  return found.filter((id) => id !== undefined);
}

/** Where the user's own settings of the tools live (read for --check, never written). */
function userSettingsPaths(env: NodeJS.ProcessEnv): { claude: string; codex: string } {
  const home = env['HOME'] ?? env['USERPROFILE'] ?? os.homedir();
  const codexHome = env['CODEX_HOME'] ?? path.join(home, '.codex');
  return { claude: path.join(home, '.claude', 'settings.json'), codex: path.join(codexHome, 'config.toml') };
}

/** A file outside the project, read when it is there: undefined when absent or unreadable. */
async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readText(file);
  } catch {
    return undefined;
  }
}

/** The project's managed files (and Claude Code's local settings) with what could not be read. */
async function projectTexts(dir: string): Promise<{ files: Record<string, string | undefined>; unreadable: Set<string> }> {
  const files: Record<string, string | undefined> = {};
  const unreadable = new Set<string>();
  await Promise.all([...MANAGED_PATHS, CLAUDE_LOCAL_SETTINGS_PATH].map(async (relative) => {
    try {
      files[relative] = await readText(realPathInside(dir, path.join(dir, ...relative.split('/')), relative));
    } catch {
      unreadable.add(relative);
    }
  }));
  return { files, unreadable };
}

/** What each chosen AI tool's controls cover in `dir` (`envguard protect --check`); the others are not chosen. */
export async function checkTools(dir: string, env: NodeJS.ProcessEnv, tools?: readonly AiToolId[]): Promise<ToolStatus[]> {
  const user = userSettingsPaths(env);
  const [{ files, unreadable }, userClaudeSettings, userCodexConfig, envguardOnPath] = await Promise.all([
    projectTexts(dir), readOptional(user.claude), readOptional(user.codex), isOnPath('envguard', env),
  ]);
  return toolStatuses({ files, unreadable, userClaudeSettings, userCodexConfig, envguardOnPath }, tools);
}

/** Whether Claude Code's sandbox is on for `dir`: local, then project, then user settings decide. */
export async function claudeSandboxState(dir: string, env: NodeJS.ProcessEnv): Promise<boolean | 'unknown'> {
  const { files, unreadable } = await projectTexts(dir);
  if (unreadable.has(CLAUDE_LOCAL_SETTINGS_PATH) || unreadable.has(CLAUDE_SETTINGS_PATH)) return 'unknown';
  const user = await readOptional(userSettingsPaths(env).claude);
  return claudeSandboxEnabled([files[CLAUDE_LOCAL_SETTINGS_PATH], files[CLAUDE_SETTINGS_PATH], user]);
}

/** Whether an executable named `name` is in one of PATH's folders (with PATHEXT's extensions on Windows). */
export async function isOnPath(name: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const folders = (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter).filter((folder) => folder !== '');
  const extensions = process.platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const folder of folders) {
    for (const extension of extensions) {
      try {
        await access(path.join(folder, name + extension), process.platform === 'win32' ? constants.F_OK : constants.X_OK);
        return true;
      } catch {
        // not in this folder
      }
    }
  }
  return false;
}
