/** The settings files of Codex, Zed, Cursor, Windsurf and Gemini CLI: merged into the user's own, never clobbered. */
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { codexConfigText, parseToml } from '../../../src/core/ai-ignore/codex-config';
import { cursorHooksText, geminiSettingsText, windsurfHooksText } from '../../../src/core/ai-ignore/hook-settings';
import type { TextEdit } from '../../../src/core/files/text-format';
import { ZED_PRIVATE_FILES, zedSettingsText } from '../../../src/core/ai-ignore/zed-settings';

function ok(edit: TextEdit): string {
  assert.ok(edit.ok, edit.ok ? '' : edit.reason);
  return edit.text;
}

function refused(edit: TextEdit): string {
  assert.equal(edit.ok, false, 'expected the file to be refused');
  return edit.ok ? '' : edit.reason;
}

type Json = Record<string, unknown>;
const json = (text: string): Json => parse(text) as Json;

describe('Codex config (.codex/config.toml)', () => {
  const USER = '# my Codex settings\nmodel = "gpt-5.4"\n\n[mcp_servers.docs]\ncommand = "docs-server" # local\n';

  it('puts the profile and the shell environment policy at the top, keeping every line of the user', () => {
    const text = ok(codexConfigText(USER));
    assert.ok(text.endsWith(USER), 'the user text follows, byte for byte');
    const parsed = parseToml(text);
    assert.ok(parsed.ok);
    const config = parsed.value;
    assert.equal(config['default_permissions'], 'envguard');
    assert.equal(config['model'], 'gpt-5.4');
    const profile = (config['permissions'] as Json)['envguard'] as Json;
    assert.equal(profile['extends'], ':workspace');
    const roots = (profile['filesystem'] as Json)[':project_roots'] as Json;
    assert.equal(roots['**/.env'], 'none');
    assert.equal(roots['.'], 'write');
    const policy = config['shell_environment_policy'] as Json;
    assert.equal(policy['ignore_default_excludes'], false);
    assert.ok((policy['exclude'] as string[]).includes('*SECRET*'));
    assert.equal(ok(codexConfigText(text)), text, 'unchanged once written');
  });

  it('is created when missing, and replaces an older block in place', () => {
    const created = ok(codexConfigText(undefined));
    const older = created.replace('"*_PAT", ', '');
    assert.notEqual(older, created);
    assert.equal(ok(codexConfigText(older + USER)), created + USER);
  });

  it('refuses keys of the user that the block would define twice, naming them', () => {
    assert.match(refused(codexConfigText('default_permissions = ":read-only"\n')), /it sets default_permissions itself/);
    assert.match(refused(codexConfigText('[shell_environment_policy]\nexclude = ["AWS_*"]\n')), /shell_environment_policy\.exclude/);
    assert.match(refused(codexConfigText('[shell_environment_policy]\ninherit = "core"\n')), /conflicts with its own \[permissions\] or \[shell_environment_policy\] table/);
  });

  it('refuses invalid TOML by line and column, never quoting the file', () => {
    const secret = 'x'.repeat(12) + 'TOPSECRETVALUE';
    const reason = refused(codexConfigText(`[shell_environment_policy]\nset = { TOKEN = "${secret}" \n`));
    assert.match(reason, /^invalid TOML \(line \d+, column \d+\); not modified$/);
    assert.ok(!reason.includes(secret));
  });
});

describe('Zed settings (.zed/settings.json)', () => {
  it("keep Zed's defaults and add the credential files, after the user's own globs", () => {
    const text = ok(zedSettingsText('{\n  // mine\n  "private_files": ["**/config/secret.json"],\n  "theme": "One Dark"\n}\n'));
    const settings = json(text);
    assert.deepEqual(settings['private_files'], ['**/config/secret.json', ...ZED_PRIVATE_FILES]);
    assert.equal(settings['theme'], 'One Dark');
    assert.match(text, /\/\/ mine/);
    assert.ok(ZED_PRIVATE_FILES.includes('**/.env*'));
  });

  it('refuse private_files that is not a list', () => {
    assert.match(refused(zedSettingsText('{"private_files": "**/.env"}')), /"private_files" is not an array/);
  });
});

describe('hooks of Cursor, Windsurf and Gemini CLI', () => {
  it("add EnvGuard's Cursor hooks next to the user's, once", () => {
    const user = '{\n  "version": 1,\n  "hooks": {\n    "afterFileEdit": [{ "command": "./format.sh" }],\n    "beforeShellExecution": [{ "command": "./audit.sh" }]\n  }\n}\n';
    const text = ok(cursorHooksText(user));
    const hooks = json(text)['hooks'] as Record<string, { command: string }[]>;
    assert.deepEqual(hooks['beforeShellExecution']!.map((hook) => hook.command), ['./audit.sh', 'envguard hook cursor']);
    assert.deepEqual(hooks['beforeReadFile']!.map((hook) => hook.command), ['envguard hook cursor']);
    assert.deepEqual(hooks['afterFileEdit'], [{ command: './format.sh' }]);
    assert.equal(ok(cursorHooksText(text)), text);
  });

  it('write Windsurf hooks that show their output, and Gemini CLI BeforeTool hooks matched by tool name', () => {
    const windsurf = json(ok(windsurfHooksText(undefined)))['hooks'] as Record<string, Json[]>;
    assert.deepEqual(windsurf['pre_run_command'], [{ command: 'envguard hook windsurf', show_output: true }]);
    assert.deepEqual(windsurf['pre_read_code'], [{ command: 'envguard hook windsurf', show_output: true }]);
    const gemini = json(ok(geminiSettingsText('{"general": {"vimMode": true}}')));
    assert.deepEqual(gemini['general'], { vimMode: true });
    const group = ((gemini['hooks'] as Json)['BeforeTool'] as Json[])[0]!;
    assert.match(group['matcher'] as string, /^run_shell_command\|read_file\|/);
    assert.equal(((group['hooks'] as Json[])[0]!)['command'], 'envguard hook gemini');
  });

  it('refuse a file whose hooks are not what the tool documents, and a file that is not JSON', () => {
    assert.match(refused(cursorHooksText('{"hooks": []}')), /"hooks" is not an object/);
    assert.match(refused(windsurfHooksText('{"hooks": {"pre_run_command": {}}}')), /"hooks\.pre_run_command" is not an array/);
    assert.match(refused(geminiSettingsText('{ "hooks": ')), /^invalid JSON/);
  });
});
