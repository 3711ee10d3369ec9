import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { environmentOf, findProjectRoot, projectLayout, defaultProjectName, configChain } from '../../../src/core/project';

/** A folder tree: paths relative to a fresh temp folder; a value of `null` makes a folder. */
function tree(files: Record<string, string | null>): { dir: string; cleanup: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-project-')));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, ...name.split('/'));
    if (content === null) mkdirSync(p, { recursive: true });
    else {
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, content);
    }
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('projects: which folder is the project', () => {
  it('is the repository root, whichever subfolder one starts from', async () => {
    const t = tree({ 'repo/.git': null, 'repo/services/api/src': null, 'repo/.env': 'A=1' });
    try {
      for (const start of ['repo', 'repo/services', 'repo/services/api/src']) {
        const found = await findProjectRoot(path.join(t.dir, start), { fallback: path.join(t.dir, start) });
        assert.equal(found.root, path.join(t.dir, 'repo'), start);
        assert.equal(found.source, 'repository');
      }
    } finally {
      t.cleanup();
    }
  });

  it('a nested .envguard.json starts a project only when it says so; one of settings only keeps meaning settings', async () => {
    const t = tree({
      'repo/.git': null,
      'repo/.envguard.json': '{ "allowKeys": ["ROOT_ONLY"] }',
      'repo/services/api/.envguard.json': '{ "allowKeys": ["API_PUBLIC"] }',
      'repo/services/billing/.envguard.json': '// its own project\n{ "project": "billing", "allowKeys": ["B"] }',
      'repo/services/billing/deep': null,
    });
    try {
      const api = await findProjectRoot(path.join(t.dir, 'repo/services/api'), { fallback: t.dir });
      assert.equal(api.root, path.join(t.dir, 'repo'));
      assert.deepEqual((await configChain(api, path.join(t.dir, 'repo/services/api'))).allowKeys, ['ROOT_ONLY', 'API_PUBLIC']);
      assert.deepEqual((await configChain(api, path.join(t.dir, 'repo'))).allowKeys, ['ROOT_ONLY']);
      const billing = await findProjectRoot(path.join(t.dir, 'repo/services/billing/deep'), { fallback: t.dir });
      assert.equal(billing.root, path.join(t.dir, 'repo/services/billing'));
      assert.equal(billing.source, 'declared');
      assert.equal(billing.config?.project, 'billing');
    } finally {
      t.cleanup();
    }
  });

  it('a worktree or submodule (.git is a file) is a repository root of its own', async () => {
    const t = tree({ 'main/.git': null, 'main/vendor/sub/.git': 'gitdir: ../../.git/modules/sub\n', 'main/vendor/sub/x': null });
    try {
      assert.equal((await findProjectRoot(path.join(t.dir, 'main/vendor/sub/x'), { fallback: t.dir })).root, path.join(t.dir, 'main/vendor/sub'));
    } finally {
      t.cleanup();
    }
  });

  it('outside a repository: the outermost .envguard.json, else the fallback', async () => {
    const t = tree({ 'a/.envguard.json': '{}', 'a/b/.envguard.json': '{ "allowKeys": [] }', 'a/b/c': null, 'plain/x': null });
    try {
      const found = await findProjectRoot(path.join(t.dir, 'a/b/c'), { fallback: path.join(t.dir, 'a/b/c') });
      assert.equal(found.root, path.join(t.dir, 'a'));
      assert.equal(found.source, 'config');
      const plain = await findProjectRoot(path.join(t.dir, 'plain/x'), { fallback: path.join(t.dir, 'plain') });
      assert.deepEqual([plain.root, plain.source], [path.join(t.dir, 'plain'), 'fallback']);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a .envguard.json with a project name no vault could carry, naming the file', async () => {
    const t = tree({ 'p/.envguard.json': '{ "project": "My App" }' });
    try {
      await assert.rejects(findProjectRoot(path.join(t.dir, 'p'), { fallback: t.dir }), /\.envguard\.json: "project" must be a name of 1 to 40 lowercase letters/);
    } finally {
      t.cleanup();
    }
  });

  it('the default name is the folder\'s, made safe for every vault', () => {
    assert.equal(defaultProjectName('/home/me/My_App.v2'), 'my-app-v2');
    assert.equal(defaultProjectName('/home/me/___'), 'project');
    assert.equal(defaultProjectName(`/x/${'Long'.repeat(20)}`).length, 40);
  });
});

describe('projects: the environment of an env file', () => {
  const cases: [string, string, boolean][] = [
    ['.env', 'default', false],
    ['.env.local', 'default', true],
    ['.env.development', 'development', false],
    ['.env.development.local', 'development', true],
    ['.env.production', 'production', false],
    ['services/api/.env.Staging_EU', 'staging-eu', false],
    ['production.env', 'production', false],
    ['config/app.secrets', 'default', false],
  ];
  for (const [file, environment, local] of cases) {
    it(`${file} → ${environment}${local ? ' (local)' : ''}`, () => {
      assert.deepEqual(environmentOf(file), { name: environment, local, explicit: false });
    });
  }

  it('.envguard.json maps files to environments explicitly, globs allowed, before names', () => {
    const environments = { production: { files: ['deploy/*.env', 'prod.secrets'] }, qa: { files: ['.env.staging'] } };
    assert.deepEqual(environmentOf('deploy/web.env', environments), { name: 'production', local: false, explicit: true });
    assert.deepEqual(environmentOf('config/prod.secrets', environments), { name: 'production', local: false, explicit: true });
    assert.deepEqual(environmentOf('.env.staging', environments), { name: 'qa', local: false, explicit: true });
    assert.deepEqual(environmentOf('.env.production', environments), { name: 'production', local: false, explicit: false });
  });
});

describe('projects: what tells the files of an environment apart', () => {
  const root = '/p';
  const layoutOf = (files: string[]) => projectLayout({ root, source: 'repository', config: undefined }, files.map((f) => `${root}/${f}`));
  const qualifiers = (files: string[]) => Object.fromEntries(layoutOf(files).files.map((f) => [f.relative, f.qualifier.join('/')]));

  it('nothing for a file alone in its environment', () => {
    assert.deepEqual(qualifiers(['.env', '.env.production', 'services/api/.env.test']), { '.env': '', '.env.production': '', 'services/api/.env.test': '' });
  });

  it('`local` for the machine\'s overrides beside their environment\'s file', () => {
    assert.deepEqual(qualifiers(['.env.development', '.env.development.local', '.env', '.env.local']), {
      '.env': '', '.env.local': 'local', '.env.development': '', '.env.development.local': 'local',
    });
  });

  it('the folder for nested services; the file name when folder and kind are the same', () => {
    assert.deepEqual(qualifiers(['.env', 'services/api/.env', 'services/web/.env', 'services/web/.env.local']), {
      '.env': '', 'services/api/.env': 'services/api', 'services/web/.env': 'services/web', 'services/web/.env.local': 'services/web/local',
    });
    assert.deepEqual(qualifiers(['.env.production', 'production.env']), { '.env.production': 'env.production', 'production.env': 'production.env' });
  });

  it('the project name comes from .envguard.json when it declares one', () => {
    assert.equal(projectLayout({ root, source: 'declared', config: { project: 'shop' } }, []).name, 'shop');
    assert.equal(layoutOf([]).name, 'p');
  });
});
