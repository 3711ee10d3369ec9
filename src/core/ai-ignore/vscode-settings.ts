/**
 * VS Code's workspace settings (.vscode/settings.json), for GitHub Copilot and VS Code's own chat:
 * - Copilot reads no ignore file; its completions are turned off for the dotenv language
 *   (`github.copilot.enable`, a per-language object merged into, so other languages keep their values).
 * - The chat's agent runs terminal commands on its own when `chat.tools.terminal.autoApprove`
 *   allows them; EnvGuard adds rules that always require approval (value false) for commands that
 *   print an env file, the environment or the vault, and for `envguard run`. A string key matches a
 *   command's start, a `/regex/` key a sub-command, and `matchCommandLine` the whole command line.
 *   A rule the user already wrote for the same key stays as they wrote it.
 *   https://code.visualstudio.com/docs/agents/approvals ("Automatically approve terminal commands")
 * What no setting covers: the chat attaching the open editor as implicit context
 * (`chat.implicitContext.enabled` is per chat location, not per file) and the AI actions offered on
 * diagnostics; status.ts reports both (values must not be on disk).
 */
import type { TextEdit } from '../files/text-format';
import { JsonSettingsEdit } from './json-edit';

export const VSCODE_SETTINGS_PATH = '.vscode/settings.json';
export const COPILOT_ENABLE_SETTING = 'github.copilot.enable';
export const DOTENV_LANGUAGE_ID = 'dotenv';
export const TERMINAL_AUTO_APPROVE_SETTING = 'chat.tools.terminal.autoApprove';

const WHOLE_LINE = { approve: false, matchCommandLine: true } as const;

/** Rules that keep these commands out of auto-approval; every regex is anchored or literal (linear). */
export const TERMINAL_APPROVAL_RULES: Readonly<Record<string, boolean | typeof WHOLE_LINE>> = {
  printenv: false,
  '/^env$/': false,
  '/^set$/': false,
  '/^export( -p)?$/': false,
  '/^(declare|typeset) -[px]/': false,
  // An env file anywhere on the line (`.env`, `.env.local`, `prod.env`; not `.envrc`), and `process.env`.
  '/\\.env\\b/': WHOLE_LINE,
  '/\\benvguard\\s+run\\b/': WHOLE_LINE,
  '/\\.local\\/share\\/envguard|Application Support\\/EnvGuard|AppData.Roaming.EnvGuard/i': WHOLE_LINE,
};

/** The settings text with every EnvGuard setting present (the same text when nothing is missing). */
export function vscodeSettingsText(text: string | undefined): TextEdit {
  const edit = new JsonSettingsEdit(text);
  edit.ensureValue([COPILOT_ENABLE_SETTING, DOTENV_LANGUAGE_ID], false);
  for (const [rule, value] of Object.entries(TERMINAL_APPROVAL_RULES)) edit.ensureDefault([TERMINAL_AUTO_APPROVE_SETTING, rule], value);
  return edit.result();
}
