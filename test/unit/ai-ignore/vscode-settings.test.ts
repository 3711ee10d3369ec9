import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { TERMINAL_APPROVAL_RULES, vscodeSettingsText } from '../../../src/core/ai-ignore/vscode-settings';

function edited(text: string | undefined): string {
  const edit = vscodeSettingsText(text);
  assert.ok(edit.ok, edit.ok ? '' : edit.reason);
  return edit.text;
}

function copilotEnable(text: string): unknown {
  return (parse(text) as Record<string, unknown>)['github.copilot.enable'];
}

describe('VS Code settings (Copilot)', () => {
  it('are created with Copilot off for dotenv and the terminal approval rules when the file is missing', () => {
    assert.deepEqual(JSON.parse(edited(undefined)), { 'github.copilot.enable': { dotenv: false }, 'chat.tools.terminal.autoApprove': TERMINAL_APPROVAL_RULES });
  });

  it('keep the user\'s own terminal rules, including one for a key EnvGuard also sets', () => {
    const result = edited('{"chat.tools.terminal.autoApprove": {"npm test": true, "printenv": true}}');
    const rules = (parse(result) as Record<string, Record<string, unknown>>)['chat.tools.terminal.autoApprove']!;
    assert.equal(rules['npm test'], true);
    assert.equal(rules['printenv'], true, "the user's choice stays (status.ts reports it)");
    assert.deepEqual(rules['/\\.env\\b/'], { approve: false, matchCommandLine: true });
  });

  it('make rules that match env files and printing commands, not .envrc or templates only', () => {
    const envLine = new RegExp('\\.env\\b');
    for (const line of ['cat .env', 'cat app/.env.local', 'node -p process.env.TOKEN', 'cp prod.env x']) assert.ok(envLine.test(line), line);
    assert.equal(envLine.test('direnv allow .envrc'), false);
  });

  it('merge into an existing per-language object, keeping the other languages and comments', () => {
    const text = '{\n  // editor\n  "editor.tabSize": 4,\n  "github.copilot.enable": {\n    "*": true,\n    "markdown": true, // docs too\n  },\n}\n';
    const result = edited(text);
    assert.deepEqual(copilotEnable(result), { '*': true, markdown: true, dotenv: false });
    assert.ok(result.includes('// editor') && result.includes('// docs too'));
    assert.equal((parse(result) as Record<string, unknown>)['editor.tabSize'], 4);
  });

  it('add the setting next to the user settings', () => {
    const result = edited('{\r\n    "files.eol": "\\r\\n"\r\n}\r\n');
    assert.deepEqual(copilotEnable(result), { dotenv: false });
    assert.equal(result.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
    assert.ok(result.includes('\r\n    "github.copilot.enable"'), 'indented like the file');
  });

  it('turn off Copilot for dotenv even when it was on, and then leave the file alone', () => {
    const once = edited('{"github.copilot.enable": {"dotenv": true}}');
    assert.deepEqual(copilotEnable(once), { dotenv: false });
    assert.equal(edited(once), once);
  });

  it('refuse a file they cannot merge into', () => {
    for (const text of ['{"github.copilot.enable": true}', '{ "a": 1 ', '"text"']) {
      const edit = vscodeSettingsText(text);
      assert.equal(edit.ok, false, text);
    }
  });
});
