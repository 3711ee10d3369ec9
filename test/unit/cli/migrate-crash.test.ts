/**
 * Kills a real migrating process (SIGKILL) right before each of its mutating file-system calls, one
 * point per run, until a run completes. After every kill: each value is still recoverable (in the
 * file, or in the vault with the file referring to it); a re-run finishes the job; the app then gets
 * exactly the values dotenv read before; no value is left in the project folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { parseReference } from '../../../src/core/references';
import { makeProject, runCli } from '../support/cli';
import { trickyEnvFile } from '../support/tricky-env';

const HOOK = path.resolve(__dirname, '../support/crash-hook.cjs');

describe('envguard migrate: crash safety (a real process killed at every step)', function () {
  this.timeout(600_000);

  it('never loses a value, wherever the process dies, and a re-run completes the migration', async () => {
    const { text, secretKeys } = trickyEnvFile();
    const original = { ...dotenv.parse(text) };
    let completedAt: number | undefined;
    for (let crashAt = 1; crashAt <= 400 && completedAt === undefined; crashAt++) {
      const home = mkdtempSync(path.join(tmpdir(), 'envguard-crash-home-'));
      const p = makeProject({ '.env': text, '.envguard.json': '{ "project": "app" }\n' });
      const env = { ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' };
      try {
        const crashed = await runCli(['migrate', '.env', '--yes'], {
          cwd: p.dir,
          env: { ...env, NODE_OPTIONS: `--require ${HOOK}`, ENVGUARD_TEST_CRASH_AT: String(crashAt) },
        });
        if (crashed.signal !== 'SIGKILL') {
          assert.strictEqual(crashed.code, 0, `run ${crashAt} neither crashed nor succeeded: ${crashed.stderr}`);
          completedAt = crashAt;
        }

        // Invariant right after the crash: every value is recoverable.
        const onDisk = { ...dotenv.parse(readFileSync(path.join(p.dir, '.env'), 'utf8')) };
        const referenced = secretKeys.filter((k) => onDisk[k] !== original[k]);
        for (const key of referenced) {
          assert.deepStrictEqual(parseReference(onDisk[key]!), { kind: 'local', name: `app/default/${key}` }, `after a crash at step ${crashAt}, ${key} is neither its value nor a reference`);
        }
        if (referenced.length > 0) {
          const check = await runCli(['run', '--', process.execPath, '-e', `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(referenced)}.map(k => [k, process.env[k]]))))`], { cwd: p.dir, env });
          assert.strictEqual(check.code, 0, `after a crash at step ${crashAt}, a referenced value is not in the vault: ${check.stderr}`);
          assert.deepStrictEqual(JSON.parse(check.stdout), Object.fromEntries(referenced.map((k) => [k, original[k]])));
        }

        // A re-run finishes the job.
        const rerun = await runCli(['migrate', '.env', '--yes'], { cwd: p.dir, env });
        assert.strictEqual(rerun.code, 0, `re-run after a crash at step ${crashAt}: ${rerun.stdout}${rerun.stderr}`);
        const final = readFileSync(path.join(p.dir, '.env'), 'utf8');
        for (const key of secretKeys) assert.ok(!final.includes(original[key]!), `after the re-run (crash at ${crashAt}) ${key}'s value is still in the file`);
        const all = await runCli(['run', '--', process.execPath, '-e', `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(Object.keys(original))}.map(k => [k, process.env[k]]))))`], { cwd: p.dir, env });
        assert.strictEqual(all.code, 0, all.stderr);
        assert.deepStrictEqual(JSON.parse(all.stdout), original);
        assert.deepStrictEqual(readdirSync(p.dir).filter((n) => n !== '.env' && n !== '.envguard.json'), [], `stray files after a crash at ${crashAt}`);
      } finally {
        p.cleanup();
        rmSync(home, { recursive: true, force: true });
      }
    }
    assert.ok(completedAt !== undefined && completedAt > 5, `the migration completed at step ${String(completedAt)}: too few crash points were exercised`);
    console.log(`      ${completedAt - 1} crash points exercised`);
  });
});
