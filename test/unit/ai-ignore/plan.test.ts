import * as assert from 'node:assert/strict';
import { MANAGED_PATHS, planIgnoreFiles, type CurrentFiles } from '../../../src/core/ai-ignore/plan';

/** The files as they are after the plan is carried out. */
function carriedOut(current: CurrentFiles): Record<string, string | undefined> {
  const after: Record<string, string | undefined> = { ...current };
  for (const change of planIgnoreFiles(current)) {
    if (change.action === 'create' || change.action === 'update') after[change.path] = change.content;
  }
  return after;
}

describe('planIgnoreFiles', () => {
  it('manages the file of every AI tool, their settings and hooks, and .gitignore', () => {
    assert.deepEqual([...MANAGED_PATHS].sort(), [
      '.agentignore', '.aiderignore', '.aiexclude', '.aiignore', '.augmentignore', '.claude/settings.json', '.clineignore',
      '.codeiumignore', '.codex/config.toml', '.continueignore', '.cursor/hooks.json', '.cursorignore', '.gemini/settings.json',
      '.geminiignore', '.gitignore', '.kilocodeignore', '.kiroignore', '.rooignore', '.vscode/settings.json', '.windsurf/hooks.json',
      '.zed/settings.json',
    ]);
  });

  it('creates every file in an empty project, then has nothing left to do', () => {
    const first = planIgnoreFiles({});
    assert.deepEqual(first.map((change) => change.action), MANAGED_PATHS.map(() => 'create'));
    const second = planIgnoreFiles(carriedOut({}));
    assert.deepEqual(second, MANAGED_PATHS.map((path) => ({ path, action: 'unchanged' })));
  });

  it('updates existing files around the user content, and is then stable', () => {
    const current = { '.cursorignore': 'build/\r\n.idea\r\n', '.aiexclude': 'secret.txt', '.gitignore': 'node_modules\n' };
    const after = carriedOut(current);
    const cursorignore = after['.cursorignore'] ?? '';
    assert.ok(cursorignore.startsWith('build/\r\n.idea\r\n'));
    assert.equal(cursorignore.replace(/\r\n/g, '').includes('\n'), false, 'the CRLF file gets a CRLF block');
    assert.ok(after['.aiexclude']?.startsWith('secret.txt\n\n'));
    assert.ok(planIgnoreFiles(after).every((change) => change.action === 'unchanged'));
  });

  it('leaves an existing empty .aiexclude alone: it already excludes everything', () => {
    const plan = planIgnoreFiles({ '.aiexclude': '', '.cursorignore': '' });
    assert.equal(plan.find((change) => change.path === '.aiexclude')?.action, 'unchanged');
    assert.equal(plan.find((change) => change.path === '.cursorignore')?.action, 'update');
  });

  it('reports a file it cannot edit and still plans the others', () => {
    const plan = planIgnoreFiles({ '.claude/settings.json': '{ "permissions": ', '.vscode/settings.json': '{}' });
    const claude = plan.find((change) => change.path === '.claude/settings.json');
    assert.equal(claude?.action, 'error');
    assert.match(claude.reason, /invalid JSON/);
    assert.equal(plan.find((change) => change.path === '.vscode/settings.json')?.action, 'update');
    assert.equal(plan.filter((change) => change.action === 'create').length, MANAGED_PATHS.length - 2);
  });

  it('refuses an ignore file whose block markers are damaged', () => {
    const plan = planIgnoreFiles({ '.rooignore': '# >>> envguard (managed block: edits inside are overwritten) >>>\n.env\n' });
    const roo = plan.find((change) => change.path === '.rooignore');
    assert.equal(roo?.action, 'error');
    assert.match(roo.reason, /without an end marker/);
  });
});
