import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { claudeSettingsText } from '../../../src/core/ai-ignore/claude-settings';
import { CLAUDE_DENY_RULES } from '../../../src/core/ai-ignore/patterns';

function edited(text: string | undefined): string {
  const edit = claudeSettingsText(text);
  assert.ok(edit.ok, edit.ok ? '' : edit.reason);
  return edit.text;
}

function refused(text: string): string {
  const edit = claudeSettingsText(text);
  assert.ok(!edit.ok, 'expected the file to be refused');
  return edit.reason;
}

interface ClaudeSettings {
  model?: string;
  permissions: { allow?: string[]; deny: string[] };
}

const USER_SETTINGS = `{
  // Team model: do not change without asking.
  "model": "opus",
  "permissions": {
    "allow": ["Bash(npm test)"], /* reviewed 2025-01 */
    "deny": [
      "Bash(rm -rf:*)",
      "Read(./.env)"
    ]
  }
}
`;

describe('Claude Code settings', () => {
  it('are created with every deny rule when the file is missing or blank', () => {
    for (const text of [undefined, '', '  \n']) {
      const settings = JSON.parse(edited(text)) as ClaudeSettings;
      assert.deepEqual(settings, { permissions: { deny: [...CLAUDE_DENY_RULES] } });
    }
  });

  it('merge the deny rules into the user settings, keeping comments, values and existing rules', () => {
    const result = edited(USER_SETTINGS);
    for (const comment of ['// Team model: do not change without asking.', '/* reviewed 2025-01 */']) assert.ok(result.includes(comment), comment);
    const settings = parse(result) as ClaudeSettings;
    assert.equal(settings.model, 'opus');
    assert.deepEqual(settings.permissions.allow, ['Bash(npm test)']);
    assert.deepEqual(settings.permissions.deny.slice(0, 2), ['Bash(rm -rf:*)', 'Read(./.env)']);
    assert.deepEqual(new Set(settings.permissions.deny), new Set(['Bash(rm -rf:*)', ...CLAUDE_DENY_RULES]));
    assert.equal(settings.permissions.deny.length, 1 + CLAUDE_DENY_RULES.length, 'no rule twice');
    // Only the deny array changed: the text up to its last existing entry is untouched.
    const untilLastRule = USER_SETTINGS.indexOf('"Read(./.env)"') + '"Read(./.env)"'.length;
    assert.equal(result.slice(0, untilLastRule), USER_SETTINGS.slice(0, untilLastRule));
  });

  it('add a permissions object to settings that have none', () => {
    const settings = parse(edited('{\n  "model": "sonnet", // mine\n}\n')) as ClaudeSettings;
    assert.equal(settings.model, 'sonnet');
    assert.deepEqual(settings.permissions.deny, [...CLAUDE_DENY_RULES]);
  });

  it('are unchanged, byte for byte, once complete', () => {
    const once = edited(USER_SETTINGS);
    assert.equal(edited(once), once);
  });

  it('keep CRLF line endings, tab indentation and a byte order mark', () => {
    const text = '\uFEFF{\r\n\t"permissions": {\r\n\t\t"deny": []\r\n\t}\r\n}\r\n';
    const result = edited(text);
    assert.ok(result.startsWith('\uFEFF{\r\n\t"permissions"'));
    assert.equal(result.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.ok(result.includes('\r\n\t\t\t"Read(./.env)"'), 'added entries indented with tabs');
  });

  it('refuse invalid JSON, saying where it is broken', () => {
    assert.match(refused('{\n  "permissions": {\n    "deny": [\n  }\n'), /^invalid JSON \(\w+ at line \d+, column \d+\); not modified$/);
    assert.match(refused('[]'), /not a JSON object/);
  });

  it('refuse permissions or deny of an unexpected type rather than replace them', () => {
    assert.match(refused('{"permissions": ["Read"]}'), /"permissions" is not an object/);
    assert.match(refused('{"permissions": {"deny": "Read(./.env)"}}'), /"permissions.deny" is not an array/);
  });
});
