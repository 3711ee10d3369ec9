import * as assert from 'node:assert/strict';
import { GitignoreMatcher } from '../../../src/core/ai-ignore/gitignore-matcher';
import { gitIgnoredPaths, removeTempDirs } from './helpers';

after(removeTempDirs);

/** Rule sets and the paths asked about; git's own answer is the expected one. */
const CASES: { name: string; rules: string; paths: string[] }[] = [
  {
    name: 'names at any depth, anchors, negation',
    rules: 'node_modules/\n*.log\n!important.log\n/build\ndocs/**/*.md\n',
    paths: ['node_modules/x.js', 'a/node_modules/y.js', 'node_modules', 'app.log', 'a/b/app.log', 'important.log', 'a/important.log',
      'build', 'build/out.js', 'src/build', 'docs/a.md', 'docs/x/y/z.md', 'docs.md', 'a/docs/b.md'],
  },
  {
    name: 'env files with templates re-included',
    rules: '# env\n.env*\n!.env.example\n\n',
    paths: ['.env', '.env.local', 'app/.env.production', '.env.example', 'app/.env.example', 'env', 'x.env'],
  },
  {
    name: 'an ignored folder cannot be re-included into',
    rules: 'secret/\n!secret/keep.txt\nconfig/*\n!config/public.json\n',
    paths: ['secret/keep.txt', 'secret/a', 'x/secret/b', 'secret', 'config/a.json', 'config/public.json'],
  },
  {
    name: 'escapes, trailing spaces, CRLF',
    rules: '\\#literal\r\n\\!bang\r\ntrailing   \r\n  # not a comment\r\n',
    paths: ['#literal', '!bang', 'trailing', 'trailing   ', '  # not a comment'],
  },
  {
    name: 'character classes and single-character wildcards',
    rules: '.env.[!e]*\nid_?sa\n',
    paths: ['.env.local', '.env.example', '.env.e2e', 'id_rsa', 'id_dsa', 'id_ed25519', 'sub/id_rsa'],
  },
];

describe('GitignoreMatcher', () => {
  for (const { name, rules, paths } of CASES) {
    it(`agrees with git check-ignore: ${name}`, () => {
      const expected = gitIgnoredPaths(rules, paths);
      const matcher = new GitignoreMatcher(rules);
      for (const path of paths) {
        assert.equal(matcher.ignores(path), expected.has(path), `${path} with rules ${JSON.stringify(rules)}`);
      }
    });
  }

  it('applies folder-only rules to folders only', () => {
    const matcher = new GitignoreMatcher('logs/\n');
    assert.equal(matcher.ignores('logs'), false);
    assert.equal(matcher.ignores('logs', true), true);
    assert.equal(matcher.ignores('logs/today.txt'), true);
  });
});
