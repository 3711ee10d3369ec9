/**
 * Claude Code reads no ignore file. Its project settings (.claude/settings.json) get:
 * - `permissions.deny`: Read rules for env, credential and vault files, and Bash rules for the
 *   commands that print them or the environment (patterns.ts);
 * - `sandbox.filesystem.denyRead`: the same files for every process of a sandboxed Bash command;
 * - a PreToolUse hook running `envguard hook claude` on Bash, Read, Grep and Glob calls.
 * The sandbox itself is turned on only when the user asks (`--enable-sandbox`, or yes in the
 * extension's dialog), in the user's own local settings (.claude/settings.local.json), as Claude
 * Code's `/sandbox` does. The user's other settings and rules are kept, and a file that cannot be
 * parsed is never overwritten.
 * https://code.claude.com/docs/en/settings, /permissions, /sandboxing, /hooks
 */
import type { TextEdit } from '../files/text-format';
import { ensureHook, hookCommand } from './hook-settings';
import { JsonSettingsEdit } from './json-edit';
import { CLAUDE_BASH_DENY_RULES, CLAUDE_DENY_RULES, CLAUDE_SANDBOX_DENY_READ } from './patterns';

export const CLAUDE_SETTINGS_PATH = '.claude/settings.json';
export const CLAUDE_LOCAL_SETTINGS_PATH = '.claude/settings.local.json';

/** The calls the hook sees: the shells, and the file tools that read contents (Glob lists names only). */
export const CLAUDE_HOOK_MATCHER = 'Bash|PowerShell|Read|Grep';

/** The settings text with every EnvGuard rule, denial and hook present (the same text when nothing is missing). */
export function claudeSettingsText(text: string | undefined): TextEdit {
  const edit = new JsonSettingsEdit(text);
  edit.ensureItems(['permissions', 'deny'], [...CLAUDE_DENY_RULES, ...CLAUDE_BASH_DENY_RULES]);
  edit.ensureItems(['sandbox', 'filesystem', 'denyRead'], CLAUDE_SANDBOX_DENY_READ);
  const command = hookCommand('claude');
  ensureHook(edit, ['hooks', 'PreToolUse'], command, { matcher: CLAUDE_HOOK_MATCHER, hooks: [{ type: 'command', command }] });
  return edit.result();
}

/** The user's local settings with the sandbox on (what `/sandbox` writes); only when the user said yes. */
export function claudeLocalSandboxText(text: string | undefined): TextEdit {
  const edit = new JsonSettingsEdit(text);
  edit.ensureValue(['sandbox', 'enabled'], true);
  return edit.result();
}

/** Whether the sandbox is on: the highest-precedence file that sets `sandbox.enabled` decides (local, project, user). */
export function claudeSandboxEnabled(texts: readonly (string | undefined)[]): boolean | 'unknown' {
  for (const text of texts) {
    if (text === undefined) continue;
    const found = new JsonSettingsEdit(text);
    const result = found.result();
    if (!result.ok) return 'unknown';
    const value = found.lookup(['sandbox', 'enabled']);
    if (!value.ok) return 'unknown';
    if (typeof value.value === 'boolean') return value.value;
  }
  return false;
}
