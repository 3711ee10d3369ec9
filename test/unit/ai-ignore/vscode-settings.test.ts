import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { vscodeSettingsText } from '../../../src/core/ai-ignore/vscode-settings';

function edited(text: string | undefined): string {
  const edit = vscodeSettingsText(text);
  assert.ok(edit.ok, edit.ok ? '' : edit.reason);
  return edit.text;
}

function copilotEnable(text: string): unknown {
  return (parse(text) as Record<string, unknown>)['github.copilot.enable'];
}

describe('VS Code settings (Copilot)', () => {
  it('are created with Copilot off for dotenv when the file is missing', () => {
    assert.deepEqual(JSON.parse(edited(undefined)), { 'github.copilot.enable': { dotenv: false } });
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
