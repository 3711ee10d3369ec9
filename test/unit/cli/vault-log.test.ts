import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

/** `envguard vault log` as a human reads it: each project/environment once, its keys after it; never a value. */
describe('envguard vault log (text)', function () {
  this.timeout(60_000);

  it('lists a release with the names grouped by project and environment, and no value', async () => {
    const token = fake.githubToken();
    const password = `Kq7-${fake.githubToken().slice(4, 20)}`;
    const p = makeProject({ '.env': `PORT=3000\nGITHUB_TOKEN=${token}\nDB_PASSWORD=${password}\n`, '.envguard.json': '{ "project": "logged" }\n' });
    const env = { ENVGUARD_HOME: `${p.dir}-home`, ENVGUARD_KEY_STORE: 'automation' };
    try {
      const migrated = await runCli(['migrate', '--yes'], { cwd: p.dir, env });
      assert.equal(migrated.code, 0, migrated.stderr);
      const run = await runCli(['run', '--', process.execPath, '-e', ''], { cwd: p.dir, env });
      assert.equal(run.code, 0, run.stderr);
      const log = await runCli(['vault', 'log'], { cwd: p.dir, env });
      assert.equal(log.code, 0, log.stderr);
      assert.match(log.stdout, /#\d+ released logged\/default: (?:GITHUB_TOKEN, DB_PASSWORD|DB_PASSWORD, GITHUB_TOKEN) via automation/);
      assert.ok(!log.stdout.includes(token) && !log.stdout.includes(password), 'no value in the log');
    } finally {
      p.cleanup();
      rmSync(env.ENVGUARD_HOME, { recursive: true, force: true });
    }
  });
});
