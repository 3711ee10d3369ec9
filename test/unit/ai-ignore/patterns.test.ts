import * as assert from 'node:assert/strict';
import { CLAUDE_DENY_RULES, ignoreFileLines } from '../../../src/core/ai-ignore/patterns';
import { planIgnoreFiles } from '../../../src/core/ai-ignore/plan';
import { AI_TOOLS } from '../../../src/core/ai-ignore/tools';
import { gitIgnoredPaths, removeTempDirs } from './helpers';

after(removeTempDirs);

const ENV_FILES = [
  '.env', '.env.local', '.env.development', '.env.production', '.env.test', '.env.staging', '.env.development.local',
  '.env.keys', 'app/.env', 'packages/api/.env.production.local', 'prod.env', 'docker/app.env',
];
const CREDENTIALS = ['server.pem', 'certs/tls.key', 'id_rsa', 'deploy/id_ed25519', 'store.p12', 'cert.pfx', 'android/release.jks'];
const TEMPLATES = ['.env.example', '.env.sample', '.env.template', '.env.dist', 'app/.env.example', '.env.local.example', '.env.production.sample'];
const ORDINARY = ['src/index.ts', 'README.md', 'package.json', '.npmrc', 'src/env.ts', 'environment.ts', '.envrc', 'env/config.json'];

/** The file every tool with that syntax gets, planned for an empty project. */
function plannedIgnoreFile(negation: boolean): string {
  const tool = AI_TOOLS.find((candidate) => candidate.format.kind === 'ignore-file' && candidate.format.negation === negation);
  assert.ok(tool);
  const change = planIgnoreFiles({}).find((candidate) => candidate.path === tool.path);
  assert.ok(change?.action === 'create');
  return change.content;
}

describe('ignore-file patterns', () => {
  describe('gitignore syntax with negation', () => {
    let ignored: Set<string>;
    before(() => {
      ignored = gitIgnoredPaths(plannedIgnoreFile(true), [...ENV_FILES, ...CREDENTIALS, ...TEMPLATES, ...ORDINARY]);
    });

    it('excludes env files in every folder and credential files', () => {
      for (const path of [...ENV_FILES, ...CREDENTIALS]) assert.ok(ignored.has(path), `${path} should be excluded`);
    });

    it('keeps env templates and ordinary files visible', () => {
      for (const path of [...TEMPLATES, ...ORDINARY]) assert.ok(!ignored.has(path), `${path} should stay visible`);
    });
  });

  describe('.aiexclude (no negation)', () => {
    let content: string;
    let ignored: Set<string>;
    before(() => {
      content = plannedIgnoreFile(false);
      ignored = gitIgnoredPaths(content, [...ENV_FILES, ...CREDENTIALS, ...TEMPLATES, ...ORDINARY, '.env.demo']);
    });

    it('has no "!" line and is never empty', () => {
      assert.deepEqual(content.split('\n').filter((line) => line.trimStart().startsWith('!')), []);
      assert.ok(content.split('\n').some((line) => line.trim() !== '' && !line.startsWith('#')));
    });

    it('excludes the usual env files and credential files by name', () => {
      for (const path of [...ENV_FILES, ...CREDENTIALS]) assert.ok(ignored.has(path), `${path} should be excluded`);
    });

    it('does not match templates or ordinary files, and says what that costs', () => {
      for (const path of [...TEMPLATES, ...ORDINARY]) assert.ok(!ignored.has(path), `${path} should stay visible`);
      assert.ok(!ignored.has('.env.demo'), 'the documented trade-off: unlisted suffixes are not covered');
      assert.match(content, /no "!" negation/);
    });
  });

  it('gives every negation after the patterns it narrows', () => {
    const lines = ignoreFileLines(true);
    const lastPattern = lines.findLastIndex((line) => !line.startsWith('!') && !line.startsWith('#'));
    const firstNegation = lines.findIndex((line) => line.startsWith('!'));
    assert.ok(firstNegation > lastPattern);
  });

  it('denies Claude Code the env files at the root and in every folder', () => {
    for (const rule of ['Read(./.env)', 'Read(./.env.*)', 'Read(**/.env)', 'Read(**/.env.*)', 'Read(**/*.env)', 'Read(**/*.pem)']) {
      assert.ok(CLAUDE_DENY_RULES.includes(rule), rule);
    }
  });
});
