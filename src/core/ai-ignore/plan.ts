/**
 * What every managed file should contain, computed from what it contains now. Pure: no disk, so
 * that each rule is testable from strings, and `--check` is the same computation without writes.
 */
import { claudeSettingsText } from './claude-settings';
import { codexConfigText } from './codex-config';
import { gitignoreLines } from './gitignore';
import { cursorHooksText, geminiSettingsText, windsurfHooksText } from './hook-settings';
import { writeManagedBlock } from './managed-block';
import { ignoreFileLines } from './patterns';
import type { TextEdit } from '../files/text-format';
import { AI_TOOLS, chosenTools, type AiToolId, type FileFormat } from './tools';
import { vscodeSettingsText } from './vscode-settings';
import { zedSettingsText } from './zed-settings';

export const GITIGNORE_PATH = '.gitignore';

/** Every file EnvGuard manages, relative to the project folder and `/`-separated, in report order. */
export const MANAGED_PATHS: readonly string[] = [...AI_TOOLS.map((tool) => tool.path), GITIGNORE_PATH];

/** The files of the chosen tools (all when `choice` is undefined), and `.gitignore`, in report order. */
export function managedPaths(choice: readonly AiToolId[] | undefined): string[] {
  const chosen = chosenTools(choice);
  return [...AI_TOOLS.filter((row) => chosen.has(row.tool)).map((row) => row.path), GITIGNORE_PATH];
}

/** Current text of each managed file by path; a missing key or undefined means the file does not exist. */
export type CurrentFiles = Readonly<Partial<Record<string, string | undefined>>>;

export type PlannedChange =
  | { readonly path: string; readonly action: 'create' | 'update'; readonly content: string }
  | { readonly path: string; readonly action: 'unchanged' }
  | { readonly path: string; readonly action: 'error'; readonly reason: string };

export function planIgnoreFiles(current: CurrentFiles, choice?: readonly AiToolId[]): PlannedChange[] {
  return managedPaths(choice).map((path) => planFile(path, current[path]));
}

/** The change for one managed file (one of MANAGED_PATHS) given its current text. */
export function planFile(path: string, current: string | undefined): PlannedChange {
  return changeTo(path, current, desiredText(path, current));
}

/** The change that turns `current` into `desired` (a file that would be created empty stays absent). */
export function changeTo(path: string, current: string | undefined, desired: TextEdit): PlannedChange {
  if (!desired.ok) return { path, action: 'error', reason: desired.reason };
  if (desired.text === current) return { path, action: 'unchanged' };
  // A .gitignore that needs no block and does not exist stays absent.
  if (current === undefined && desired.text === '') return { path, action: 'unchanged' };
  return { path, action: current === undefined ? 'create' : 'update', content: desired.text };
}

function desiredText(path: string, current: string | undefined): TextEdit {
  if (path === GITIGNORE_PATH) {
    // At the start: the project's own rules, below it, keep the last word on what git tracks.
    return writeManagedBlock(current, gitignoreLines(current), 'start');
  }
  const tool = AI_TOOLS.find((candidate) => candidate.path === path);
  if (!tool) throw new RangeError(`not a managed file: ${path}`);
  return textForFormat(tool.format, current);
}

function textForFormat(format: FileFormat, current: string | undefined): TextEdit {
  switch (format.kind) {
    case 'ignore-file':
      // An existing empty .aiexclude already hides everything: adding patterns would expose the rest.
      if (format.emptyExcludesAll === true && current !== undefined && current.trim() === '') return { ok: true, text: current };
      // At the end: in an AI ignore file, EnvGuard's exclusions win over earlier lines.
      return writeManagedBlock(current, ignoreFileLines(format.negation), 'end');
    case 'claude-settings':
      return claudeSettingsText(current);
    case 'vscode-settings':
      return vscodeSettingsText(current);
    case 'codex-config':
      return codexConfigText(current);
    case 'zed-settings':
      return zedSettingsText(current);
    case 'cursor-hooks':
      return cursorHooksText(current);
    case 'windsurf-hooks':
      return windsurfHooksText(current);
    case 'gemini-settings':
      return geminiSettingsText(current);
  }
}
