/**
 * The project's choice of AI tools (`.envguard.json` "aiTools"): only the chosen tools' files are
 * written and checked, the files of tools left out are never touched and are reported, and the
 * picker starts from the saved choice or from the tools found in the folder.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyIgnoreFiles, checkTools, detectTools } from '../../../src/core/ai-ignore/apply';
import { managedPaths } from '../../../src/core/ai-ignore/plan';
import { AI_TOOL_IDS, AI_TOOL_INFO, AI_TOOLS, filesOfTool, preselectedTools } from '../../../src/core/ai-ignore/tools';
import { withAiTools } from '../../../src/core/config/ai-tools';
import { parseProjectConfig, ProjectConfigError } from '../../../src/core/config/project-config';
import { removeTempDirs, snapshot, tempDir } from './helpers';

after(removeTempDirs);

describe('the choice of AI tools', () => {
  it('every file belongs to one tool of the picker, and every tool has a file', () => {
    assert.deepEqual(AI_TOOL_INFO.map((info) => info.id), [...AI_TOOL_IDS]);
    for (const row of AI_TOOLS) assert.ok((AI_TOOL_IDS as readonly string[]).includes(row.tool), row.path);
    for (const id of AI_TOOL_IDS) assert.ok(filesOfTool(id).length > 0, id);
    assert.deepEqual(filesOfTool('cursor'), ['.cursorignore', '.cursor/hooks.json']);
  });

  it('writes only the chosen tools\' files (and .gitignore), and leaves the others\' files as they are, reported', async () => {
    const dir = tempDir();
    await applyIgnoreFiles(dir); // every tool, as before a choice existed
    fs.writeFileSync(path.join(dir, '.rooignore'), fs.readFileSync(path.join(dir, '.rooignore'), 'utf8') + 'my-own-rule\n');
    const before = snapshot(dir);

    const results = await applyIgnoreFiles(dir, { tools: ['claude-code', 'cursor'] });
    const chosen = results.filter((result) => result.status !== 'not-chosen').map((result) => result.path);
    assert.deepEqual(chosen, ['.cursorignore', '.claude/settings.json', '.cursor/hooks.json', '.gitignore']);
    const left = results.filter((result) => result.status === 'not-chosen');
    assert.ok(left.some((result) => result.path === '.rooignore'));
    assert.ok(left.every((result) => /not chosen: EnvGuard's controls there are left as they are/.test(result.reason ?? '')));
    assert.equal(left.length, managedPaths(undefined).length - chosen.length);
    assert.deepEqual(snapshot(dir), before, 'nothing deleted or rewritten');
  });

  it('on a fresh folder writes nothing for the tools left out, and reports none of their files', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "editor.tabSize": 2 }\n');
    const results = await applyIgnoreFiles(dir, { tools: ['aider'] });
    assert.deepEqual(results.map((result) => `${result.status} ${result.path}`), ['created .aiderignore', 'created .gitignore']);
    assert.deepEqual([...snapshot(dir).keys()].sort(), ['.aiderignore', '.gitignore', '.vscode/settings.json']);
    assert.equal(fs.readFileSync(path.join(dir, '.vscode', 'settings.json'), 'utf8'), '{ "editor.tabSize": 2 }\n');
  });

  it('--check checks the chosen tools only: the others are "not chosen", which is no failure', async () => {
    const dir = tempDir();
    await applyIgnoreFiles(dir, { tools: ['cursor', 'zed'] });
    const files = await applyIgnoreFiles(dir, { check: true, tools: ['cursor', 'zed'] });
    assert.ok(files.every((result) => result.status === 'unchanged'), JSON.stringify(files));
    const statuses = await checkTools(dir, { HOME: dir, PATH: '' }, ['cursor', 'zed']);
    assert.equal(statuses.find((status) => status.id === 'zed')?.level, 'protected');
    assert.equal(statuses.find((status) => status.id === 'cursor')?.level, 'partial'); // envguard is not on this PATH
    for (const status of statuses.filter((s) => s.id !== 'cursor' && s.id !== 'zed')) {
      assert.equal(status.level, 'not-chosen', status.tool);
      assert.match(status.notes.join(), /not chosen for this project/);
    }
  });

  it('turns Claude Code\'s sandbox on only when Claude Code is chosen', async () => {
    const dir = tempDir();
    const results = await applyIgnoreFiles(dir, { tools: ['cursor'], enableSandbox: true });
    assert.ok(!results.some((result) => result.path === '.claude/settings.local.json'));
    assert.ok(!fs.existsSync(path.join(dir, '.claude')));
  });

  it('finds the tools used in a folder by their folders, instruction files and ignore files', async () => {
    const dir = tempDir();
    assert.deepEqual(await detectTools(dir), []);
    fs.mkdirSync(path.join(dir, '.claude'));
    fs.writeFileSync(path.join(dir, '.cursorrules'), '');
    fs.writeFileSync(path.join(dir, '.aiderignore'), '');
    fs.writeFileSync(path.join(dir, 'AGENTS.md'), '# agents\n');
    assert.deepEqual(await detectTools(dir), ['claude-code', 'cursor', 'codex', 'aider']);
  });

  it('the picker starts from the saved choice, else the tools found with the editor\'s own, else every tool', () => {
    assert.deepEqual(preselectedTools(['zed', 'cursor'], ['claude-code'], 'copilot'), ['cursor', 'zed']);
    assert.deepEqual(preselectedTools([], ['claude-code'], 'copilot'), []);
    assert.deepEqual(preselectedTools(undefined, ['claude-code'], 'copilot'), ['claude-code', 'copilot']);
    assert.deepEqual(preselectedTools(undefined, [], 'copilot'), [...AI_TOOL_IDS]);
  });
});

describe('.envguard.json "aiTools"', () => {
  it('is read and checked: an unknown id is named with the list of tools', () => {
    assert.deepEqual(parseProjectConfig('{ "aiTools": ["cursor", "claude-code"] }').aiTools, ['cursor', 'claude-code']);
    assert.throws(() => parseProjectConfig('{ "aiTools": ["cursor", "claude"] }'), (error: unknown) => error instanceof ProjectConfigError
      && /"aiTools" names an unknown tool "claude": the tools are claude-code, copilot, cursor/.test(error.message));
    assert.throws(() => parseProjectConfig('{ "aiTools": "cursor" }'), /"aiTools" must be a list of tool ids/);
  });

  it('is saved in the table\'s order, keeping comments and the other fields, and not rewritten when equal', () => {
    assert.equal(withAiTools(undefined, ['cursor', 'claude-code']), '{\n  "aiTools": [\n    "claude-code",\n    "cursor"\n  ]\n}\n');
    const text = '{\n  // the project\n  "project": "shop",\n  "aiTools": ["zed"]\n}\n';
    const next = withAiTools(text, ['zed', 'cursor', 'zed'])!;
    assert.match(next, /\/\/ the project/);
    assert.deepEqual(parseProjectConfig(next), { project: 'shop', aiTools: ['cursor', 'zed'] });
    assert.equal(withAiTools(next, ['cursor', 'zed']), undefined);
    assert.throws(() => withAiTools('{ "aiTools": [', ['zed']), ProjectConfigError);
  });
});
