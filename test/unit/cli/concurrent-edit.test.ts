import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

const HOOK = path.resolve(__dirname, '../support/edit-hook.cjs');

/**
 * The hardening issue's item 9: an edit saved by another program after EnvGuard's last look at the
 * file, while it writes the rewritten file, must not be overwritten. A real process, with a preload
 * that appends a line to `.env` exactly when the replacement's temp file is created.
 */
describe('envguard migrate: an edit saved while the file is rewritten is never overwritten (real process)', () => {
  let home: string;
  beforeEach(() => { home = mkdtempSync(path.join(tmpdir(), 'envguard-edit-home-')); });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('leaves the edited file as the other program left it, says why, and a re-run finishes keeping the edit', async () => {
    const token = fake.githubToken('edit');
    const p = makeProject({ '.env': `GITHUB_TOKEN=${token}\nPORT=3000\n`, '.envguard.json': '{ "project": "app" }\n' });
    const env = { ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' };
    try {
      const raced = await runCli(['migrate', '--yes'], { cwd: p.dir, env: { ...env, NODE_OPTIONS: `--require ${HOOK}`, ENVGUARD_TEST_EDIT_FILE: path.join(p.dir, '.env') } });
      assert.equal(raced.code, 1, raced.stdout + raced.stderr);
      assert.match(raced.stdout, /\.env was edited while its values were stored; it was not rewritten \(the values are in the vault: run the migration again\)/);
      assert.equal(readFileSync(path.join(p.dir, '.env'), 'utf8'), `GITHUB_TOKEN=${token}\nPORT=3000\nEDITED_MEANWHILE=yes\n`, 'the other program\'s edit stays');
      const again = await runCli(['migrate', '--yes'], { cwd: p.dir, env });
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, /already in the vault, reused/);
      assert.equal(readFileSync(path.join(p.dir, '.env'), 'utf8'), 'GITHUB_TOKEN=envguard://local/app/default/GITHUB_TOKEN\nPORT=3000\nEDITED_MEANWHILE=yes\n');
    } finally {
      p.cleanup();
    }
  });
});
