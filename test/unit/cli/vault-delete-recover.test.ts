import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('envguard vault delete, list --deleted, recover, purge (local vault, real processes)', () => {
  let home: string;
  const env = () => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'automation' });
  beforeEach(() => { home = mkdtempSync(path.join(tmpdir(), 'envguard-home-')); });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const value = fake.password('soft-delete-cli');
  const other = fake.password('soft-delete-other');
  const noValue = (...results: CliResult[]): void => {
    for (const r of results) assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value) && !r.stdout.includes(other) && !r.stderr.includes(other), 'a value was printed');
  };

  it('warns about the references in two files (files and lines, never values), then deletes; recover brings every version back', async () => {
    const p = makeProject({
      '.envguard.json': '{ "project": "shop" }\n',
      '.env': '# settings\nPORT=3000\nDB_PASSWORD=envguard://local/shop/DB\n',
      'config/.env.production': 'OTHER=envguard://local/shop/OTHER\nDB=envguard://local/shop/DB\n',
    });
    const elsewhere = makeProject({ '.envguard.json': '{ "project": "blog" }\n' });
    try {
      assert.equal((await runCli(['vault', 'set', 'shop/DB'], { cwd: p.dir, env: env(), input: `${fake.password('old')}\n` })).code, 0);
      assert.equal((await runCli(['vault', 'set', 'shop/DB'], { cwd: p.dir, env: env(), input: `${value}\n` })).code, 0);
      assert.equal((await runCli(['vault', 'set', 'shop/OTHER'], { cwd: p.dir, env: env(), input: `${other}\n` })).code, 0);

      const del = await runCli(['vault', 'delete', 'shop/DB', '--yes', '--format', 'json'], { cwd: p.dir, env: env() });
      assert.equal(del.code, 0, del.stderr);
      assert.match(del.stderr, /warning: 2 references in this project still use shop\/DB/);
      assert.match(del.stderr, /^ {2}\.env:3 {2}DB_PASSWORD$/m);
      assert.match(del.stderr, new RegExp(`^  ${path.join('config', '.env.production').replace(/[.\\]/g, '\\$&')}:2  DB$`, 'm'));
      const deleted = JSON.parse(del.stdout) as { deleted: string; references: { file: string; line: number; key: string }[] };
      assert.equal(deleted.deleted, 'shop/DB');
      assert.deepEqual(deleted.references, [
        { file: '.env', line: 3, key: 'DB_PASSWORD' },
        { file: path.join('config', '.env.production'), line: 2, key: 'DB' },
      ]);

      const listed = await runCli(['vault', 'list', '--deleted', '--format', 'json'], { cwd: p.dir, env: env() });
      assert.equal(listed.code, 0, listed.stderr);
      const { deleted: rows } = JSON.parse(listed.stdout) as { deleted: { name: string; deletedOn: string; purgeOn: string; project: string | null }[] };
      assert.deepEqual(rows.map((r) => [r.name, r.project, Date.parse(r.purgeOn) - Date.parse(r.deletedOn)]), [['shop/DB', 'shop', 30 * DAY_MS]]);
      const live = await runCli(['vault', 'list'], { cwd: p.dir, env: env() });
      assert.doesNotMatch(live.stdout, /shop\/DB/);

      // A deleted name is not written over (as Key Vault refuses it): recover or purge first.
      const again = await runCli(['vault', 'set', 'shop/DB'], { cwd: p.dir, env: env(), input: `${fake.password('new')}\n` });
      assert.equal(again.code, 2);
      assert.match(again.stderr, /was deleted .* envguard vault recover shop\/DB .* envguard vault purge shop\/DB/);

      // Only its own project recovers it.
      const foreign = await runCli(['vault', 'recover', 'shop/DB'], { cwd: elsewhere.dir, env: env() });
      assert.equal(foreign.code, 2);
      assert.match(foreign.stderr, /belongs to another project/);

      const recovered = await runCli(['vault', 'recover', 'shop/DB'], { cwd: p.dir, env: env() });
      assert.equal(recovered.code, 0, recovered.stderr);
      const script = 'process.stdout.write(process.env.DB_PASSWORD === process.env.EXPECTED ? "same" : "differs")';
      const run = await runCli(['run', '--', process.execPath, '-e', script], { cwd: p.dir, env: { ...env(), EXPECTED: value } });
      assert.equal(run.stdout, 'same', run.stderr);
      const versions = await runCli(['vault', 'list', '--format', 'json'], { cwd: p.dir, env: env() });
      assert.match(versions.stdout, /"shop\/DB"/);
      noValue(del, listed, live, again, foreign, recovered, versions);
    } finally {
      p.cleanup();
      elsewhere.cleanup();
    }
  });

  it('purge removes a deleted secret for good; recover then finds nothing (exit 1)', async () => {
    const p = makeProject({ '.envguard.json': '{ "project": "shop" }\n' });
    try {
      assert.equal((await runCli(['vault', 'set', 'GONE'], { cwd: p.dir, env: env(), input: `${value}\n` })).code, 0);
      const del = await runCli(['vault', 'delete', 'GONE', '--yes'], { cwd: p.dir, env: env() });
      assert.equal(del.code, 0, del.stderr);
      assert.equal(del.stderr, '', 'no reference uses it: no warning');
      assert.match(del.stdout, /recover it within 30 days/);
      const noTerminal = await runCli(['vault', 'purge', 'GONE'], { cwd: p.dir, env: env() });
      assert.equal(noTerminal.code, 2);
      assert.match(noTerminal.stderr, /pass --yes/);
      const purged = await runCli(['vault', 'purge', 'GONE', '--yes', '--format', 'json'], { cwd: p.dir, env: env() });
      assert.equal(purged.code, 0, purged.stderr);
      const answer = JSON.parse(purged.stdout) as { purged: string; vault: string; kind: string };
      assert.deepEqual([answer.purged, answer.kind, Object.keys(answer).sort()], ['GONE', 'local', ['kind', 'purged', 'vault']]);
      const listed = await runCli(['vault', 'list', '--deleted'], { cwd: p.dir, env: env() });
      assert.match(listed.stdout, /0 deleted secrets/);
      const recover = await runCli(['vault', 'recover', 'GONE'], { cwd: p.dir, env: env() });
      assert.equal(recover.code, 1);
      assert.match(recover.stderr, /no deleted secret GONE/);
      noValue(del, noTerminal, purged, listed, recover);
    } finally {
      p.cleanup();
    }
  });
});
