/**
 * GitHub Copilot reads no ignore file; the workspace settings (.vscode/settings.json) turn its
 * completions off for the dotenv language. The per-language object is merged into, so the values
 * the user set for other languages stay.
 */
import { applyModifications, isBlank, isJsonObject, parseJsoncObject } from '../files/jsonc';
import type { TextEdit } from '../files/text-format';

export const COPILOT_ENABLE_SETTING = 'github.copilot.enable';
export const DOTENV_LANGUAGE_ID = 'dotenv';

/** The settings text with Copilot off for dotenv (the same text when it already is). */
export function vscodeSettingsText(text: string | undefined): TextEdit {
  if (text === undefined || isBlank(text)) {
    return { ok: true, text: `${JSON.stringify({ [COPILOT_ENABLE_SETTING]: { [DOTENV_LANGUAGE_ID]: false } }, null, 2)}\n` };
  }
  const parsed = parseJsoncObject(text);
  if (!parsed.ok) return { ok: false, reason: `${parsed.reason}; not modified` };
  const enable = parsed.value[COPILOT_ENABLE_SETTING];
  if (enable === undefined) {
    return { ok: true, text: applyModifications(text, [{ path: [COPILOT_ENABLE_SETTING], value: { [DOTENV_LANGUAGE_ID]: false } }]) };
  }
  if (!isJsonObject(enable)) return { ok: false, reason: `"${COPILOT_ENABLE_SETTING}" is not an object; not modified` };
  if (enable[DOTENV_LANGUAGE_ID] === false) return { ok: true, text };
  return { ok: true, text: applyModifications(text, [{ path: [COPILOT_ENABLE_SETTING, DOTENV_LANGUAGE_ID], value: false }]) };
}
