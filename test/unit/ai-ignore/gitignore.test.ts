import * as assert from 'node:assert/strict';
import { gitignoreLines } from '../../../src/core/ai-ignore/gitignore';
import { planFile } from '../../../src/core/ai-ignore/plan';
import { gitIgnoredPaths, removeTempDirs } from './helpers';

after(removeTempDirs);

/** The planned .gitignore for `current` (which must need a change). */
function plannedGitignore(current: string | undefined): string {
  const change = planFile('.gitignore', current);
  assert.ok(change.action === 'create' || change.action === 'update', `expected a change, got ${change.action}`);
  return change.content;
}

const PROBES = ['.env', '.env.local', 'app/.env.production', 'prod.env', '.env.keys', '.env.example', 'app/.env.sample', 'src/index.ts'];

describe('.gitignore block', () => {
  it('ignores env files and keeps templates tracked in a project without rules', () => {
    const ignored = gitIgnoredPaths(plannedGitignore(undefined), PROBES);
    assert.deepEqual([...ignored].sort(), ['.env', '.env.keys', '.env.local', 'app/.env.production', 'prod.env'].sort());
  });

  it('adds nothing when the user rules already ignore every env file', () => {
    const current = 'node_modules\n.env*\n*.env\n!.env.example\n';
    assert.equal(gitignoreLines(current), undefined);
    assert.deepEqual(planFile('.gitignore', current), { path: '.gitignore', action: 'unchanged' });
    // A block from an earlier run, made redundant since by the user's rules, goes away.
    const withOldBlock = `${plannedGitignore(undefined)}${current}`;
    assert.equal(plannedGitignore(withOldBlock), current);
  });

  it('adds only the patterns the user rules miss, before the user lines, which stay byte for byte', () => {
    const current = 'node_modules\r\n.env\r\n';
    const planned = plannedGitignore(current);
    const lines = gitignoreLines(current) ?? [];
    assert.ok(!lines.includes('.env'), 'already ignored by the user');
    assert.ok(lines.includes('.env.*') && lines.includes('*.env'));
    assert.ok(planned.endsWith(`\r\n${current}`), 'user lines kept after the block, with their CRLF');
  });

  it('lets the user rules keep the last word', () => {
    // A Vite-style project that commits .env.production on purpose.
    const current = 'dist\n*.local\n!.env.production\n';
    const ignored = gitIgnoredPaths(plannedGitignore(current), ['.env', '.env.local', '.env.production', '.env.staging']);
    assert.deepEqual([...ignored].sort(), ['.env', '.env.local', '.env.staging']);
  });

  it('re-includes only the templates its own patterns would hide', () => {
    const current = '.env.sample\n';
    const planned = plannedGitignore(current);
    assert.ok(!planned.includes('!.env.sample\n'), 'the user chose to ignore .env.sample');
    const ignored = gitIgnoredPaths(planned, ['.env.sample', '.env.example']);
    assert.deepEqual([...ignored], ['.env.sample']);
  });

  it('is stable: the block it wrote does not change its answer', () => {
    for (const current of [undefined, 'node_modules\n', '.env\n', 'build/\r\n*.local\r\n']) {
      const once = plannedGitignore(current);
      assert.deepEqual(planFile('.gitignore', once), { path: '.gitignore', action: 'unchanged' }, String(current));
    }
  });
});
