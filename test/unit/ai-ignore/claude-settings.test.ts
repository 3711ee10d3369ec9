import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { claudeLocalSandboxText, claudeSandboxEnabled, claudeSettingsText } from '../../../src/core/ai-ignore/claude-settings';
import { CLAUDE_BASH_DENY_RULES, CLAUDE_DENY_RULES, CLAUDE_SANDBOX_DENY_READ } from '../../../src/core/ai-ignore/patterns';

const ALL_DENY_RULES = [...CLAUDE_DENY_RULES, ...CLAUDE_BASH_DENY_RULES];

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
  sandbox: { enabled?: boolean; filesystem: { denyRead: string[] } };
  hooks: { PreToolUse: { matcher: string; hooks: { type: string; command: string }[] }[] };
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
  it('are created with every deny rule, the sandbox read denials and the hook when the file is missing or blank', () => {
    for (const text of [undefined, '', '  \n']) {
      const settings = JSON.parse(edited(text)) as ClaudeSettings;
      assert.deepEqual(settings, {
        permissions: { deny: ALL_DENY_RULES },
        sandbox: { filesystem: { denyRead: [...CLAUDE_SANDBOX_DENY_READ] } },
        hooks: { PreToolUse: [{ matcher: 'Bash|PowerShell|Read|Grep', hooks: [{ type: 'command', command: 'envguard hook claude' }] }] },
      });
      assert.equal(settings.sandbox.enabled, undefined, 'the sandbox is never turned on unasked');
    }
  });

  it('deny shell reads of env files, the environment and the vault, not only Read', () => {
    for (const rule of ['Bash(cat *.env*)', 'Bash(printenv)', 'Bash(envguard run * printenv*)', 'Read(~/.local/share/envguard/**)', 'Bash(*.local/share/envguard*)']) {
      assert.ok(ALL_DENY_RULES.includes(rule), rule);
    }
    assert.ok(CLAUDE_SANDBOX_DENY_READ.includes('~/.local/share/envguard'));
  });

  it('keep the user hooks and add EnvGuard\'s once', () => {
    const text = '{"hooks": {"PreToolUse": [{"matcher": "Edit", "hooks": [{"type": "command", "command": "./lint.sh"}]}]}}';
    const once = edited(text);
    const settings = parse(once) as ClaudeSettings;
    assert.deepEqual(settings.hooks.PreToolUse.map((group) => group.hooks[0]!.command), ['./lint.sh', 'envguard hook claude']);
    assert.equal(edited(once), once);
  });

  it('turn the sandbox on in the local settings only when asked, and read which file decides', () => {
    const local = claudeLocalSandboxText('{\n  // mine\n  "sandbox": {"enabled": false}\n}\n');
    assert.ok(local.ok);
    assert.match(local.text, /\/\/ mine/);
    assert.equal((parse(local.text) as ClaudeSettings).sandbox.enabled, true);
    assert.equal(claudeSandboxEnabled([undefined, '{}', '{"sandbox": {"enabled": true}}']), true, 'user settings');
    assert.equal(claudeSandboxEnabled(['{"sandbox": {"enabled": false}}', undefined, '{"sandbox": {"enabled": true}}']), false, 'local wins');
    assert.equal(claudeSandboxEnabled([undefined, undefined, undefined]), false);
    assert.equal(claudeSandboxEnabled(['{ broken', undefined]), 'unknown');
  });

  it('merge the deny rules into the user settings, keeping comments, values and existing rules', () => {
    const result = edited(USER_SETTINGS);
    for (const comment of ['// Team model: do not change without asking.', '/* reviewed 2025-01 */']) assert.ok(result.includes(comment), comment);
    const settings = parse(result) as ClaudeSettings;
    assert.equal(settings.model, 'opus');
    assert.deepEqual(settings.permissions.allow, ['Bash(npm test)']);
    assert.deepEqual(settings.permissions.deny.slice(0, 2), ['Bash(rm -rf:*)', 'Read(./.env)']);
    assert.deepEqual(new Set(settings.permissions.deny), new Set(['Bash(rm -rf:*)', ...ALL_DENY_RULES]));
    assert.equal(settings.permissions.deny.length, 1 + ALL_DENY_RULES.length, 'no rule twice');
    // Only the deny array changed: the text up to its last existing entry is untouched.
    const untilLastRule = USER_SETTINGS.indexOf('"Read(./.env)"') + '"Read(./.env)"'.length;
    assert.equal(result.slice(0, untilLastRule), USER_SETTINGS.slice(0, untilLastRule));
  });

  it('add a permissions object to settings that have none', () => {
    const settings = parse(edited('{\n  "model": "sonnet", // mine\n}\n')) as ClaudeSettings;
    assert.equal(settings.model, 'sonnet');
    assert.deepEqual(settings.permissions.deny, ALL_DENY_RULES);
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
