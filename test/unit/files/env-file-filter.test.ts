import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverEnvFiles } from '../../../src/core/files/discover';
import { envFileFilter } from '../../../src/core/files/env-file-filter';

/** A tree where every rule of "is this an env file of the project" has a case. */
const TREE = [
  '.env', '.env.local', '.env.example', 'prod.env', 'env', 'notes.txt', '.envrc',
  'config/.env', 'config/staging.env', 'deep/a/b/.env.test',
  'node_modules/lib/.env', 'vendor/pkg/.env', '.git/.env', 'packages/web/node_modules/x/.env',
  'secrets/.env', 'fixtures/sample.env',
];

describe('env file filter: the one rule the CLI walk and the extension share', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-filter-'));
    for (const relative of TREE) {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), 'A=1\n');
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const options of [{}, { exclude: ['secrets'] }, { exclude: ['fixtures/**'] }, { include: ['config/**'] }, { include: ['*.env'], exclude: ['deep'] }]) {
    it(`accepts exactly what envguard scan walks to (${JSON.stringify(options)})`, () => {
      const walked = discoverEnvFiles(root, options).map((p) => path.relative(root, p).split(path.sep).join('/')).sort();
      const filter = envFileFilter(options);
      const accepted = TREE.filter((relative) => filter.acceptsPath(relative)).sort();
      assert.deepEqual(accepted, walked);
      assert.ok(walked.length > 0);
    });
  }

  it('rejects dependency folders at any depth and names that are not env files', () => {
    const filter = envFileFilter();
    for (const relative of ['node_modules/a/.env', 'a/b/node_modules/.env', '.git/.env', 'env', '.envrc', 'notes.txt']) {
      assert.equal(filter.acceptsPath(relative), false, relative);
    }
    for (const relative of ['.env', 'a/.env.production', 'b/c/service.env']) assert.equal(filter.acceptsPath(relative), true, relative);
  });
});
