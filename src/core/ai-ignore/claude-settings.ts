/**
 * Claude Code reads no ignore file; its project settings (.claude/settings.json) deny the Read tool
 * on env and credential files. The user's other settings and deny rules are kept, and a file that
 * cannot be parsed is never overwritten.
 */
import { applyModifications, isBlank, isJsonObject, parseJsoncObject, type Modification } from '../files/jsonc';
import type { TextEdit } from '../files/text-format';
import { CLAUDE_DENY_RULES } from './patterns';

/** The settings text with every EnvGuard deny rule present (the same text when nothing is missing). */
export function claudeSettingsText(text: string | undefined): TextEdit {
  if (text === undefined || isBlank(text)) {
    return { ok: true, text: `${JSON.stringify({ permissions: { deny: CLAUDE_DENY_RULES } }, null, 2)}\n` };
  }
  const parsed = parseJsoncObject(text);
  if (!parsed.ok) return { ok: false, reason: `${parsed.reason}; not modified` };
  const permissions = parsed.value['permissions'];
  if (permissions !== undefined && !isJsonObject(permissions)) return { ok: false, reason: '"permissions" is not an object; not modified' };
  const deny = permissions?.['deny'];
  if (deny !== undefined && !Array.isArray(deny)) return { ok: false, reason: '"permissions.deny" is not an array; not modified' };

  const existing = new Set(deny ?? []);
  const missing = CLAUDE_DENY_RULES.filter((rule) => !existing.has(rule));
  if (missing.length === 0) return { ok: true, text };
  const modifications: Modification[] = deny === undefined
    ? [{ path: ['permissions', 'deny'], value: missing }]
    : missing.map((rule) => ({ path: ['permissions', 'deny', -1], value: rule, insert: true }));
  return { ok: true, text: applyModifications(text, modifications) };
}
