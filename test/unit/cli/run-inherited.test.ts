import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';
import { DB_PASSWORD, protectedVault, runAsAgent } from '../gate/support';

/** A child that prints, as JSON, the variables it was given (only those named). */
function printEnv(...keys: string[]): string[] {
  return ['--', process.execPath, '-e', `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(keys)}.map(k => [k, process.env[k] ?? null]))))`];
}

/**
 * `MYREF=envguard://… envguard run -- cmd`: references in the environment envguard inherits are
 * resolved as `op run` resolves them, through the same resolution, gate and release record as a
 * file's. Without --override the inherited variable wins over a file's entry of the same key (dotenv's
 * rule, which `run` keeps); with --override the file wins.
 */
describe('envguard run: references in the inherited environment (real CLI, real vault)', function () {
  this.timeout(60_000);
  const token = fake.githubToken();
  let project: { dir: string; cleanup: () => void };
  let env: NodeJS.ProcessEnv;
  let reference: string;

  before(async () => {
    project = makeProject({ '.env': `GITHUB_TOKEN=${token}\n`, '.envguard.json': '{ "project": "inherits" }\n' });
    env = { ENVGUARD_HOME: `${project.dir}-home`, ENVGUARD_KEY_STORE: 'automation' };
    const migrated = await runCli(['migrate', '--yes'], { cwd: project.dir, env });
    assert.equal(migrated.code, 0, migrated.stderr);
    reference = /^GITHUB_TOKEN=(.*)$/m.exec(readFileSync(path.join(project.dir, '.env'), 'utf8'))![1]!;
    assert.match(reference, /^envguard:\/\/local\/inherits\/default\/GITHUB_TOKEN$/);
    // The project's own file is out of the way: the reference comes only from the environment.
    renameSync(path.join(project.dir, '.env'), path.join(project.dir, 'migrated.env'));
  });
  after(() => {
    project.cleanup();
    rmSync(`${project.dir}-home`, { recursive: true, force: true });
  });

  it('resolves an inherited reference without any env file, and records the release', async () => {
    const result = await runCli(['run', ...printEnv('MYREF', 'PLAIN')], { cwd: project.dir, env: { ...env, MYREF: reference, PLAIN: 'kept' } });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { MYREF: token, PLAIN: 'kept' });
    const log = await runCli(['vault', 'log'], { cwd: project.dir, env });
    assert.equal(log.code, 0, log.stderr);
    assert.match(log.stdout, /released inherits\/default: GITHUB_TOKEN via automation/);
    assert.ok(!log.stdout.includes(token), 'no value in the log');
  });

  it('an inherited reference wins over a file entry of the same key; with --override the file wins', async () => {
    writeFileSync(path.join(project.dir, 'app.env'), 'MYREF=from-file\nOTHER=from-file\n');
    const kept = await runCli(['run', '-f', 'app.env', ...printEnv('MYREF', 'OTHER')], { cwd: project.dir, env: { ...env, MYREF: reference } });
    assert.equal(kept.code, 0, kept.stderr);
    assert.deepEqual(JSON.parse(kept.stdout), { MYREF: token, OTHER: 'from-file' });
    const overridden = await runCli(['run', '--override', '-f', 'app.env', ...printEnv('MYREF')], { cwd: project.dir, env: { ...env, MYREF: reference } });
    assert.equal(overridden.code, 0, overridden.stderr);
    assert.deepEqual(JSON.parse(overridden.stdout), { MYREF: 'from-file' });
  });

  it('a malformed inherited reference stops the command, naming the variable and never its value', async () => {
    const malformed = 'envguard://local/inherits/default/GITHUB_TOKEN@not-a-version-Zq9';
    const result = await runCli(['run', '--', process.execPath, '-e', 'require("fs").writeFileSync("started","")'], { cwd: project.dir, env: { ...env, MYREF: malformed } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /MYREF \(inherited environment\) is a malformed EnvGuard reference/);
    assert.match(result.stderr, /the command was not started/);
    assert.ok(!result.stderr.includes('not-a-version-Zq9') && !result.stdout.includes('not-a-version-Zq9'), 'the value is not shown');
    assert.ok(!existsSync(path.join(project.dir, 'started')), 'the command must not run');
  });

  it("leaves a reference to a vault it does not serve (op://) to that vault's own tool", async () => {
    const withFile = await runCli(['run', '-f', 'app.env', ...printEnv('OPREF')], { cwd: project.dir, env: { ...env, OPREF: 'op://Private/db/password' } });
    assert.equal(withFile.code, 0, withFile.stderr);
    assert.deepEqual(JSON.parse(withFile.stdout), { OPREF: 'op://Private/db/password' });
  });
});

describe('envguard run: an inherited reference passes the approval gate', function () {
  this.timeout(60_000);

  it('an agent without a terminal is refused the inherited reference too: exit 3, no value', async function () {
    if (process.platform !== 'linux') this.skip();
    const vault = await protectedVault({ 'empty.env': '' });
    try {
      const stored = /^DB_PASSWORD=(.*)$/m.exec(readFileSync(path.join(vault.project, '.env'), 'utf8'))![1]!;
      await vault.unlock();
      const result = await runAsAgent(['run', '-f', 'empty.env', '--', 'printenv', 'MYREF'], { cwd: vault.project, env: { ...vault.env, MYREF: stored } });
      assert.equal(result.code, 3, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /no secret was released/);
      assert.match(result.stderr, /held back: MYREF\n/);
      assert.ok(!result.stderr.includes(DB_PASSWORD));
    } finally {
      await vault.cleanup();
    }
  });
});
