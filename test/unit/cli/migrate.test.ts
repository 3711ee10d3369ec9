import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { parseEnv } from '../../../src/core/dotenv';
import { parseReference } from '../../../src/core/references';
import { makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';
import { trickyEnvFile } from '../support/tricky-env';

/** Every file below a folder, recursively. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The values the app gets through `envguard run`, as the child printed them. */
async function valuesThroughRun(dir: string, home: string, keys: string[], file = '.env'): Promise<Record<string, string | null>> {
  const script = `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(keys)}.map(k => [k, process.env[k] ?? null]))))`;
  const result = await runCli(['run', '-f', file, '--', process.execPath, '-e', script], { cwd: dir, env: { ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' } });
  assert.strictEqual(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, string | null>;
}

function assertNoValueLeaked(values: string[], places: { name: string; text: string }[]): void {
  for (const value of values) {
    for (const place of places) assert.ok(!place.text.includes(value), `a secret value leaked into ${place.name}`);
  }
}

describe('envguard migrate into the local vault (real processes, real files)', () => {
  let home: string;
  const env = () => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' });
  beforeEach(() => { home = mkdtempSync(path.join(tmpdir(), 'envguard-home-')); });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('moves every secret of a tricky file, keeps every other byte, and run gives the app the same values', async () => {
    const { text, secretKeys } = trickyEnvFile();
    const p = makeProject({ '.env': text, '.envguard.json': '{ "project": "app" }\n' });
    try {
      chmodSync(path.join(p.dir, '.env'), 0o640);
      const before = { ...dotenv.parse(text) };
      const outputs: CliResult[] = [];
      const migrate = await runCli(['migrate', '.env', '--yes'], { cwd: p.dir, env: env() });
      outputs.push(migrate);
      assert.strictEqual(migrate.code, 0, migrate.stderr);
      assert.match(migrate.stdout, /Moved 7 values\. Rewritten: \.env\./);

      const after = readFileSync(path.join(p.dir, '.env'), 'utf8');
      const oldDoc = parseEnv(text);
      const newDoc = parseEnv(after);
      assert.strictEqual(newDoc.entries.length, oldDoc.entries.length);
      // Cut each migrated value out of both texts: what remains is identical, byte for byte.
      const cut = (doc: typeof oldDoc) => {
        let t = doc.text;
        for (const e of [...doc.entries].reverse()) if (secretKeys.includes(e.key)) t = t.slice(0, e.valueSpan.start) + t.slice(e.valueSpan.end);
        return t;
      };
      assert.strictEqual(cut(newDoc), cut(oldDoc));
      for (const entry of newDoc.entries) {
        if (secretKeys.includes(entry.key)) assert.deepStrictEqual(parseReference(entry.value), { kind: 'local', name: `app/default/${entry.key}` });
        else assert.strictEqual(entry.value, before[entry.key]);
      }
      assert.strictEqual(statSync(path.join(p.dir, '.env')).mode & 0o777, 0o640, 'permissions are kept');
      assert.ok(after.split('\r\n').length > 10 && !/[^\r]\n/.test(after), 'CRLF line endings are kept');

      const through = await valuesThroughRun(p.dir, home, Object.keys(before));
      assert.deepStrictEqual(through, before);

      const list = await runCli(['vault', 'list'], { cwd: p.dir, env: env() });
      outputs.push(list);
      assert.match(list.stdout, /7 secrets/);
      assert.match(list.stdout, /app\/default\/GITHUB_TOKEN +version [0-9a-f]{32} .* project app +from \.env GITHUB_TOKEN/);

      const secrets = secretKeys.map((k) => before[k]!);
      assertNoValueLeaked(secrets, [
        ...allFiles(p.dir).map((f) => ({ name: f, text: readFileSync(f, 'latin1') })),
        ...allFiles(home).map((f) => ({ name: f, text: readFileSync(f, 'latin1') })),
        ...outputs.map((o, i) => ({ name: `output ${i}`, text: o.stdout + o.stderr })),
      ]);
      assert.deepStrictEqual(readdirSync(p.dir).filter((n) => n.includes('.tmp')), [], 'no temp file is left');

      const again = await runCli(['migrate', '.env', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(again.code, 0, again.stderr);
      assert.match(again.stdout, /Nothing to move/);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env'), 'utf8'), after, 'a second run changes nothing');
    } finally {
      p.cleanup();
    }
  });

  it('migrates several files in one run: each file\'s key gets a secret of its own, named by environment and file', async () => {
    const token = fake.githubToken('shared');
    const p = makeProject({ '.env': `GITHUB_TOKEN=${token}\nPORT=1\n`, '.env.local': `GITHUB_TOKEN=${token}\nDB_PASSWORD=${fake.password('local')}\n`, '.envguard.json': '{"project":"app"}' });
    try {
      const result = await runCli(['migrate', '.env', '.env.local', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.match(result.stdout, /move 3 values from 2 files into 3 secrets/);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env'), 'utf8'), 'GITHUB_TOKEN=envguard://local/app/default/GITHUB_TOKEN\nPORT=1\n');
      assert.strictEqual(readFileSync(path.join(p.dir, '.env.local'), 'utf8'), 'GITHUB_TOKEN=envguard://local/app/default/local/GITHUB_TOKEN\nDB_PASSWORD=envguard://local/app/default/local/DB_PASSWORD\n');
      assert.deepStrictEqual(await valuesThroughRun(p.dir, home, ['GITHUB_TOKEN'], '.env.local'), { GITHUB_TOKEN: token });
    } finally {
      p.cleanup();
    }
  });

  it('one key with different values in two environments: both move in one run, under names of their own', async () => {
    const p = makeProject({ '.env': `DB_PASSWORD=${fake.password('a')}\n`, '.env.production': `DB_PASSWORD=${fake.password('b')}\n`, '.envguard.json': '{"project":"app"}' });
    try {
      const result = await runCli(['migrate', '.env', '.env.production', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(result.code, 0, result.stdout + result.stderr);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env'), 'utf8'), 'DB_PASSWORD=envguard://local/app/default/DB_PASSWORD\n');
      assert.strictEqual(readFileSync(path.join(p.dir, '.env.production'), 'utf8'), 'DB_PASSWORD=envguard://local/app/production/DB_PASSWORD\n');
      assert.deepStrictEqual(await valuesThroughRun(p.dir, home, ['DB_PASSWORD']), { DB_PASSWORD: fake.password('a') });
      assert.deepStrictEqual(await valuesThroughRun(p.dir, home, ['DB_PASSWORD'], '.env.production'), { DB_PASSWORD: fake.password('b') });
      // --prefix still prepends to every name.
      writeFileSync(path.join(p.dir, '.env.test'), `DB_PASSWORD=${fake.password('t')}\n`);
      const prefixed = await runCli(['migrate', '.env.test', '--prefix', 'team-', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(prefixed.code, 0, prefixed.stderr);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env.test'), 'utf8'), 'DB_PASSWORD=envguard://local/team-app/test/DB_PASSWORD\n');
    } finally {
      p.cleanup();
    }
  });

  it('a name already held by a secret of another origin is never written over: the new name grows', async () => {
    const p = makeProject({ '.env': `API_TOKEN=${fake.githubToken('conflict')}\nDB_PASSWORD=${fake.password('c')}\n`, '.envguard.json': '{"project":"app"}' });
    try {
      const set = await runCli(['vault', 'set', 'app/default/API_TOKEN'], { cwd: p.dir, env: env(), input: 'something-else-entirely\n' });
      assert.strictEqual(set.code, 0, set.stderr);
      const result = await runCli(['migrate', '.env', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(result.code, 0, result.stdout + result.stderr);
      assert.match(readFileSync(path.join(p.dir, '.env'), 'utf8'), /^API_TOKEN=envguard:\/\/local\/app\/default\/env\/API_TOKEN$/m);
      writeFileSync(path.join(p.dir, 'check.env'), 'HELD=envguard://local/app/default/API_TOKEN\n');
      assert.deepStrictEqual(await valuesThroughRun(p.dir, home, ['HELD'], 'check.env'), { HELD: 'something-else-entirely' }, 'the secret set by hand is untouched');
      assert.deepStrictEqual(await valuesThroughRun(p.dir, home, ['API_TOKEN']), { API_TOKEN: fake.githubToken('conflict') });
    } finally {
      p.cleanup();
    }
  });

  it('moves only the named keys with --keys, prints a plan with --dry-run, and refuses without --yes or a terminal', async () => {
    const text = `A_PASSWORD=${fake.password('k1')}\nB_PASSWORD=${fake.password('k2')}\nLOG_LEVEL=debug\n`;
    const p = makeProject({ '.env': text, '.envguard.json': '{"project":"app"}' });
    try {
      const dry = await runCli(['migrate', '.env', '--dry-run'], { cwd: p.dir, env: env() });
      assert.strictEqual(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /Plan: move 2 values from 1 file into 2 secrets/);
      assert.match(dry.stdout, /default -> local vault/);
      assert.match(dry.stdout, /\.env:1 {2}A_PASSWORD {2}-> envguard:\/\/local\/app\/default\/A_PASSWORD {2}\(new secret\)/);
      assert.match(dry.stdout, /Dry run: nothing was written\./);
      const refused = await runCli(['migrate', '.env'], { cwd: p.dir, env: env() });
      assert.strictEqual(refused.code, 2);
      assert.match(refused.stderr, /pass --yes/);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env'), 'utf8'), text);
      const some = await runCli(['migrate', '.env', '--keys', 'B_PASSWORD,LOG_LEVEL,NOPE', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(some.code, 0, some.stderr);
      assert.match(some.stdout, /skipped: NOPE is not in \.env/);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env'), 'utf8'), `A_PASSWORD=${fake.password('k1')}\nB_PASSWORD=envguard://local/app/default/B_PASSWORD\nLOG_LEVEL=envguard://local/app/default/LOG_LEVEL\n`);
    } finally {
      p.cleanup();
    }
  });

  it('fails clearly on usage errors and missing files', async () => {
    const p = makeProject({ '.env': 'A=1\n' });
    try {
      const none = await runCli(['migrate', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(none.code, 0, 'no file named: the project\'s env files, here one without secrets');
      assert.match(none.stdout, /Nothing to move/);
      const style = await runCli(['migrate', '.env', '--reference-style', 'foo'], { cwd: p.dir, env: env() });
      assert.strictEqual(style.code, 2);
      assert.match(style.stderr, /--reference-style must be app-service or vals \(got 'foo'\)/);
      const vault = await runCli(['migrate', '.env', '--vault', 'dropbox'], { cwd: p.dir, env: env() });
      assert.strictEqual(vault.code, 2);
      assert.match(vault.stderr, /unknown vault 'dropbox': use local \| azure:NAME \| https:\/\/NAME.vault.azure.net \| aws\[:REGION\] \| hashicorp\[:MOUNT\]/);
      const missing = await runCli(['migrate', 'nope.env', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /nope\.env does not exist/);
    } finally {
      p.cleanup();
    }
  });

  it('resolves a reference to a missing secret with a clear message and does not start the command', async () => {
    const p = makeProject({ '.env': 'DB_PASSWORD=envguard://local/NOT_THERE\n' });
    try {
      const result = await runCli(['run', '--', process.execPath, '-e', 'require("fs").writeFileSync("started","")'], { cwd: p.dir, env: env() });
      assert.strictEqual(result.code, 2);
      assert.match(result.stderr, /DB_PASSWORD \(\.env:1\): the local vault, secret NOT_THERE could not be resolved: .*NOT_THERE/);
      assert.deepStrictEqual(readdirSync(p.dir).filter((n) => n === 'started'), []);
    } finally {
      p.cleanup();
    }
  });

  it('the vault command lists, sets from stdin and deletes, never printing values', async () => {
    const p = makeProject({});
    try {
      const value = fake.password('vault-cmd');
      const set = await runCli(['vault', 'set', 'MY_SECRET'], { cwd: p.dir, env: env(), input: `${value}\n` });
      assert.strictEqual(set.code, 0, set.stderr);
      assert.match(set.stdout, /stored MY_SECRET \(version [0-9a-f]{32}\); reference: envguard:\/\/local\/MY_SECRET/);
      writeFileSync(path.join(p.dir, '.env'), 'MY_SECRET=envguard://local/MY_SECRET\n');
      assert.deepStrictEqual(await valuesThroughRun(p.dir, home, ['MY_SECRET']), { MY_SECRET: value });
      const list = await runCli(['vault', 'list'], { cwd: p.dir, env: env() });
      assert.ok(!list.stdout.includes(value));
      const refused = await runCli(['vault', 'delete', 'MY_SECRET'], { cwd: p.dir, env: env() });
      assert.strictEqual(refused.code, 2);
      const del = await runCli(['vault', 'delete', 'MY_SECRET', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(del.code, 0, del.stderr);
      const gone = await runCli(['vault', 'delete', 'MY_SECRET', '--yes'], { cwd: p.dir, env: env() });
      assert.strictEqual(gone.code, 1);
      assert.match(gone.stderr, /MY_SECRET/);
    } finally {
      p.cleanup();
    }
  });
});
