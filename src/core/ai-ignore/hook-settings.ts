/**
 * The hook entries EnvGuard adds to the AI tools that run a command before an agent's shell command
 * or file read: each runs `envguard hook TOOL`, which reads the tool's JSON on stdin and blocks what
 * would print an env file, the environment or the vault (hook/). Entries are appended to the user's
 * own hooks, never replacing them; an entry already running EnvGuard's command counts as present.
 */
import type { TextEdit } from '../files/text-format';
import { holdsCommand, JsonSettingsEdit } from './json-edit';

/** The tools whose hook payloads `envguard hook` reads (hook/payload.ts). */
export const HOOK_TOOLS = ['claude', 'cursor', 'windsurf', 'gemini'] as const;
export type HookTool = (typeof HOOK_TOOLS)[number];

/** The command each tool runs: `envguard` must be on the PATH of the tool's process. */
export function hookCommand(tool: HookTool): string {
  return `envguard hook ${tool}`;
}

/** Appends `entry` to the list at `path` unless a hook there already runs `command`. */
export function ensureHook(edit: JsonSettingsEdit, path: readonly string[], command: string, entry: object): void {
  edit.ensureItems(path, [entry], (array) => holdsCommand(array, command));
}

/**
 * Cursor: `.cursor/hooks.json`, `{ "version": 1, "hooks": { EVENT: [{ "command" }] } }`; before a
 * shell command (`beforeShellExecution`) and before a file is read (`beforeReadFile`).
 * https://cursor.com/docs/agent/hooks
 */
export function cursorHooksText(current: string | undefined): TextEdit {
  const edit = new JsonSettingsEdit(current);
  const command = hookCommand('cursor');
  edit.ensureDefault(['version'], 1);
  for (const event of ['beforeShellExecution', 'beforeReadFile']) ensureHook(edit, ['hooks', event], command, { command });
  return edit.result();
}

/**
 * Windsurf Cascade: `.windsurf/hooks.json`, `{ "hooks": { EVENT: [{ "command", "show_output" }] } }`;
 * `pre_run_command` and `pre_read_code`, blocked by exit code 2 (the reason on stderr).
 * https://docs.windsurf.com/windsurf/cascade/hooks
 */
export function windsurfHooksText(current: string | undefined): TextEdit {
  const edit = new JsonSettingsEdit(current);
  const command = hookCommand('windsurf');
  for (const event of ['pre_run_command', 'pre_read_code']) ensureHook(edit, ['hooks', event], command, { command, show_output: true });
  return edit.result();
}

/**
 * Gemini CLI: `.gemini/settings.json` `hooks.BeforeTool`, matched by tool name (a regex). Project
 * hooks are fingerprinted: Gemini CLI asks before running one that is new or changed.
 * https://github.com/google-gemini/gemini-cli/blob/main/docs/hooks/reference.md
 */
export const GEMINI_HOOK_MATCHER = 'run_shell_command|read_file|read_many_files|grep_search|search_file_content';

export function geminiSettingsText(current: string | undefined): TextEdit {
  const edit = new JsonSettingsEdit(current);
  const command = hookCommand('gemini');
  ensureHook(edit, ['hooks', 'BeforeTool'], command, {
    matcher: GEMINI_HOOK_MATCHER,
    hooks: [{ name: 'envguard', type: 'command', command, description: 'Blocks reads of env files, the environment and the EnvGuard vault' }],
  });
  return edit.result();
}
