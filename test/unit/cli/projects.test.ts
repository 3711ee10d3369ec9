import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { parseEnv } from '../../../src/core/dotenv';
import { parseReference } from '../../../src/core/references';
import { generateMonorepo } from '../../support/monorepo';
import { runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';

/** Every file below a folder, recursively (`.git` left out). */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.name === '.git' ? [] : e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A git repository with these files (git init: the repository's root is the project). */
function repo(parent: string, name: string, files: Record<string, string>): string {
  const dir = path.join(parent, name);
  for (const [file, content] of Object.entries(files)) {
    const p = path.join(dir, ...file.split('/'));
    execFileSync('mkdir', ['-p', path.dirname(p)]);
    writeFileSync(p, content);
  }
  execFileSync('git', ['init', '-q', dir]);
  return dir;
}

/** What a program started by `envguard run -f FILE` gets for these keys. */
async function through(cwd: string, env: NodeJS.ProcessEnv, file: string, keys: string[]): Promise<{ values: Record<string, string | null>; result: CliResult }> {
  const script = `process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(keys)}.map(k => [k, process.env[k] ?? null]))))`;
  const result = await runCli(['run', '-f', file, '--', process.execPath, '-e', script], { cwd, env });
  return { values: result.code === 0 ? JSON.parse(result.stdout) as Record<string, string | null> : {}, result };
}

describe('projects and environments (real processes, real git repositories)', function () {
  this.timeout(180_000);
  let parent: string;
  let home: string;
  const env = (): NodeJS.ProcessEnv => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' });
  beforeEach(() => {
    parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-projects-')));
    home = path.join(parent, 'home');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('a monorepo of 27 env files migrates in one command with no option: every value off the disk, each file resolving as dotenv read it', async () => {
    const mono = generateMonorepo();
    assert.equal(Object.keys(mono.files).length, 27);
    const dir = repo(parent, 'shop', mono.files);
    const outputs: CliResult[] = [];
    // From a subfolder: the project is the repository, and all of its env files move.
    const migrated = await runCli(['migrate', '--yes'], { cwd: path.join(dir, 'services'), env: env() });
    outputs.push(migrated);
    assert.equal(migrated.code, 0, migrated.stdout + migrated.stderr);
    assert.match(migrated.stdout, new RegExp(`Plan: move ${mono.secrets} values from 27 files into ${mono.secrets - 2} secrets of 1 vault`));
    for (const environment of ['default', 'development', 'production', 'test', 'staging', 'ci']) assert.match(migrated.stdout, new RegExp(`^  ${environment} -> local vault`, 'm'));
    assert.match(migrated.stdout, new RegExp(`Moved ${mono.secrets} values\\.`));
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, '.envguard.json'), 'utf8')), { project: 'shop' }, 'the first migration records the project name');

    const secretValues: string[] = [];
    const names = new Set<string>();
    for (const [file, original] of Object.entries(mono.files)) {
      const before = parseEnv(original);
      const after = parseEnv(readFileSync(path.join(dir, file), 'utf8'));
      assert.equal(after.entries.length, before.entries.length, file);
      // Every byte but the moved values is the same.
      const cut = (doc: typeof before, moved: Set<number>) => {
        let text = doc.text;
        for (const e of [...doc.entries].reverse()) if (moved.has(e.index)) text = text.slice(0, e.valueSpan.start) + text.slice(e.valueSpan.end);
        return text;
      };
      const moved = new Set(before.entries.filter((e) => mono.secretKeys[file]!.includes(e.key)).map((e) => e.index));
      assert.equal(cut(after, moved), cut(before, moved), `${file}: only values changed`);
      for (const index of moved) {
        secretValues.push(before.entries[index]!.value);
        const reference = parseReference(after.entries[index]!.value);
        assert.equal(reference?.kind, 'local', `${file}: ${after.entries[index]!.key}`);
        if (reference?.kind === 'local') names.add(reference.name);
      }
      // What the app reads through envguard run is exactly what dotenv read from the original file.
      const expected = dotenv.parse(original);
      const { values, result } = await through(dir, env(), file, Object.keys(expected));
      outputs.push({ ...result, stdout: '' }); // stdout is the program's own print of its environment
      assert.equal(result.code, 0, `${file}: ${result.stderr}`);
      assert.deepEqual(values, expected, file);
    }
    // Default names never collide: one secret per file and key (the two duplicated keys are versions).
    assert.equal(names.size, mono.secrets - 2, [...names].sort().join(" "));
    assert.ok(names.has('shop/development/DATABASE_URL') && names.has('shop/development/local/DATABASE_URL') && names.has('shop/production/DATABASE_URL'));
    assert.ok(names.has('shop/default/services/api/DATABASE_URL') && names.has('shop/default/services/web/DATABASE_URL'));
    for (const value of secretValues) {
      for (const file of [...allFiles(dir), ...allFiles(home)]) assert.ok(!readFileSync(file, 'latin1').includes(value), `a value is still in ${file}`);
      for (const output of outputs) assert.ok(!(output.stdout + output.stderr).includes(value), 'a value in the output');
    }
  });

  it('two projects on one machine both keep DB_PASSWORD; a third repository is refused theirs, also with a copy of their .envguard.json', async () => {
    const a = repo(parent, 'alpha', { '.env': `DB_PASSWORD=${fake.password('alpha')}\n` });
    const b = repo(parent, 'beta', { '.env': `DB_PASSWORD=${fake.password('beta')}\n` });
    for (const dir of [a, b]) {
      const result = await runCli(['migrate', '--yes'], { cwd: dir, env: env() });
      assert.equal(result.code, 0, result.stdout + result.stderr);
    }
    assert.equal(readFileSync(path.join(a, '.env'), 'utf8'), 'DB_PASSWORD=envguard://local/alpha/default/DB_PASSWORD\n');
    assert.deepEqual((await through(a, env(), '.env', ['DB_PASSWORD'])).values, { DB_PASSWORD: fake.password('alpha') });
    assert.deepEqual((await through(b, env(), '.env', ['DB_PASSWORD'])).values, { DB_PASSWORD: fake.password('beta') });

    for (const copyConfig of [false, true]) {
      const evil = repo(parent, `evil${copyConfig ? '-copy' : ''}`, { '.env': 'STOLEN=envguard://local/alpha/default/DB_PASSWORD\n' });
      if (copyConfig) cpSync(path.join(a, '.envguard.json'), path.join(evil, '.envguard.json'));
      const { result } = await through(evil, env(), '.env', ['STOLEN']);
      assert.equal(result.code, 2, result.stdout);
      assert.equal(result.stdout, '', 'the command did not start');
      assert.match(result.stderr, /STOLEN \(\.env:1\): .*secret alpha\/default\/DB_PASSWORD belongs to project alpha/);
      assert.ok(!(result.stdout + result.stderr).includes(fake.password('alpha')));
      // A copied name suggests the user's own remedy, but grants nothing by itself.
      assert.match(result.stderr, copyConfig ? /envguard project link/ : /envguard project share alpha\/default\/DB_PASSWORD --with/);
    }
  });

  it('a changed value migrates again as a new version; the plan says so and the previous version stays', async () => {
    const dir = repo(parent, 'app', { '.env': `API_TOKEN=${fake.githubToken('v1')}\n` });
    assert.equal((await runCli(['migrate', '--yes'], { cwd: dir, env: env() })).code, 0);
    writeFileSync(path.join(dir, '.env'), `API_TOKEN=${fake.githubToken('v2')}\n`); // a new token pasted over the reference
    const plan = await runCli(['migrate', '--dry-run'], { cwd: dir, env: env() });
    assert.match(plan.stdout, /\.env:1 +API_TOKEN +-> envguard:\/\/local\/app\/default\/API_TOKEN +\(new version\)/);
    assert.equal((await runCli(['migrate', '--yes'], { cwd: dir, env: env() })).code, 0);
    assert.deepEqual((await through(dir, env(), '.env', ['API_TOKEN'])).values, { API_TOKEN: fake.githubToken('v2') });
    const list = await runCli(['vault', 'list'], { cwd: dir, env: env() });
    assert.match(list.stdout, /1 secret/);
    // The first version is still there: a reference pinned to it resolves to the old token.
    const store = JSON.parse(readFileSync(path.join(home, 'vault.json'), 'utf8')) as { secrets: Record<string, { versions: { version: string }[] }> };
    const versions = store.secrets['app/default/API_TOKEN']!.versions;
    assert.equal(versions.length, 2);
    writeFileSync(path.join(dir, 'old.env'), `OLD=envguard://local/app/default/API_TOKEN@${versions[0]!.version}\n`);
    assert.deepEqual((await through(dir, env(), 'old.env', ['OLD'])).values, { OLD: fake.githubToken('v1') });
  });

  it('a key set twice in one file: the value dotenv reads moves, the earlier one becomes an earlier version, nothing stays in plaintext', async () => {
    const text = `STRIPE_SECRET_KEY=${fake.stripeSecret('old')}\nPORT=1\nSTRIPE_SECRET_KEY=${fake.stripeSecret('new')}\n`;
    const dir = repo(parent, 'dup', { '.env': text });
    const result = await runCli(['migrate', '--yes'], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /\.env:1 +STRIPE_SECRET_KEY .*earlier duplicate, kept as an earlier version/);
    const after = readFileSync(path.join(dir, '.env'), 'utf8');
    assert.match(after, /^STRIPE_SECRET_KEY=envguard:\/\/local\/dup\/default\/STRIPE_SECRET_KEY@[0-9a-f]{32}\nPORT=1\nSTRIPE_SECRET_KEY=envguard:\/\/local\/dup\/default\/STRIPE_SECRET_KEY\n$/);
    assert.ok(!after.includes(fake.stripeSecret('old')) && !after.includes(fake.stripeSecret('new')));
    assert.deepEqual((await through(dir, env(), '.env', ['STRIPE_SECRET_KEY', 'PORT'])).values, dotenv.parse(text));
  });

  it('with a folder, migrates the env files under it only', async () => {
    const dir = repo(parent, 'app', { '.env': `A_PASSWORD=${fake.password('root')}\n`, 'services/api/.env': `B_PASSWORD=${fake.password('api')}\n` });
    const result = await runCli(['migrate', 'services', '--yes'], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(readFileSync(path.join(dir, '.env'), 'utf8'), `A_PASSWORD=${fake.password('root')}\n`);
    // Named as a member of the whole project: the root .env is another file of the default environment.
    assert.equal(readFileSync(path.join(dir, 'services/api/.env'), 'utf8'), 'B_PASSWORD=envguard://local/app/default/services/api/B_PASSWORD\n');
  });

  it('references written before projects keep resolving once their project claimed them; then others are refused', async () => {
    // A vault as the previous version wrote it: format 1, one-segment names, no owner.
    const setup = repo(parent, 'setup', {});
    const set = await runCli(['vault', 'set', 'LEGACY_TOKEN'], { cwd: setup, env: env(), input: `${fake.githubToken('legacy')}\n` });
    assert.equal(set.code, 0, set.stderr);
    const storeFile = path.join(home, 'vault.json');
    const store = JSON.parse(readFileSync(storeFile, 'utf8')) as { formatVersion: number; secrets: Record<string, unknown> };
    writeFileSync(storeFile, JSON.stringify({ ...store, formatVersion: 1, secrets: Object.fromEntries(Object.entries(store.secrets).map(([name, s]) => [name, (s as { versions: unknown[] }).versions])) }));
    rmSync(path.join(home, 'projects.json'));
    rmSync(path.join(home, 'vault.generation')); // the previous version kept no counter

    const app = repo(parent, 'app', { '.env': 'TOKEN=envguard://local/LEGACY_TOKEN\n' });
    const refused = await through(app, env(), '.env', ['TOKEN']);
    assert.equal(refused.result.code, 2);
    assert.match(refused.result.stderr, /stored before EnvGuard kept secrets per project[\s\S]*envguard project claim/);
    const claimed = await runCli(['project', 'claim', '--yes'], { cwd: app, env: env() });
    assert.equal(claimed.code, 0, claimed.stdout + claimed.stderr);
    assert.match(claimed.stdout, /Claimed 1 for project app/);
    assert.deepEqual((await through(app, env(), '.env', ['TOKEN'])).values, { TOKEN: fake.githubToken('legacy') });
    const other = repo(parent, 'other', { '.env': 'TOKEN=envguard://local/LEGACY_TOKEN\n' });
    assert.equal((await through(other, env(), '.env', ['TOKEN'])).result.code, 2);
    assert.match((await runCli(['project', 'claim', '--yes'], { cwd: other, env: env() })).stdout, /nothing to claim/);
  });

  it('a moved project keeps its secrets once the user confirms the new place (envguard project link)', async () => {
    const old = repo(parent, 'app', { '.env': `DB_PASSWORD=${fake.password('moved')}\n` });
    assert.equal((await runCli(['migrate', '--yes'], { cwd: old, env: env() })).code, 0);
    const moved = path.join(parent, 'renamed-app');
    renameSync(old, moved);
    const before = await through(moved, env(), '.env', ['DB_PASSWORD']);
    assert.equal(before.result.code, 2);
    assert.match(before.result.stderr, /not a confirmed place of that project[\s\S]*envguard project link/);
    const link = await runCli(['project', 'link', '--yes'], { cwd: moved, env: env() });
    assert.equal(link.code, 0, link.stdout + link.stderr);
    assert.match(link.stdout, new RegExp(`Linked: project app is at ${moved.replace(/[/.]/g, '\\$&')}\\.`));
    assert.deepEqual((await through(moved, env(), '.env', ['DB_PASSWORD'])).values, { DB_PASSWORD: fake.password('moved') });
  });

  it('an owner shares a secret explicitly; the other project then reads it, and only that one', async () => {
    const owner = repo(parent, 'payments', { '.env': `STRIPE_SECRET_KEY=${fake.stripeSecret('shared')}\n` });
    const reader = repo(parent, 'billing', { '.env': `X_PASSWORD=${fake.password('billing')}\n` });
    for (const dir of [owner, reader]) assert.equal((await runCli(['migrate', '--yes'], { cwd: dir, env: env() })).code, 0);
    writeFileSync(path.join(reader, 'shared.env'), 'STRIPE=envguard://local/payments/default/STRIPE_SECRET_KEY\n');
    assert.equal((await through(reader, env(), 'shared.env', ['STRIPE'])).result.code, 2);
    const share = await runCli(['project', 'share', 'payments/default/STRIPE_SECRET_KEY', '--with', 'billing'], { cwd: owner, env: env() });
    assert.equal(share.code, 0, share.stderr);
    assert.deepEqual((JSON.parse(readFileSync(path.join(owner, '.envguard.json'), 'utf8')) as { share?: unknown }).share, { 'payments/default/STRIPE_SECRET_KEY': ['billing'] });
    assert.deepEqual((await through(reader, env(), 'shared.env', ['STRIPE'])).values, { STRIPE: fake.stripeSecret('shared') });
    const third = repo(parent, 'third', { '.env': 'STRIPE=envguard://local/payments/default/STRIPE_SECRET_KEY\n' });
    assert.equal((await through(third, env(), '.env', ['STRIPE'])).result.code, 2);
  });

  it('six projects migrating at once into one vault: each registered, every value resolving', async () => {
    const dirs = Array.from({ length: 6 }, (_, i) => repo(parent, `p${i}`, { '.env': `A_PASSWORD=${fake.password(`p${i}a`)}\nB_TOKEN=${fake.githubToken(`p${i}b`)}\n` }));
    const results = await Promise.all(dirs.map((dir) => runCli(['migrate', '--yes'], { cwd: dir, env: env() })));
    results.forEach((r, i) => assert.equal(r.code, 0, `p${i}: ${r.stdout}${r.stderr}`));
    const registry = JSON.parse(readFileSync(path.join(home, 'projects.json'), 'utf8')) as { projects: { name: string }[] };
    assert.deepEqual(registry.projects.map((p) => p.name).sort(), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    for (const [i, dir] of dirs.entries()) {
      assert.deepEqual((await through(dir, env(), '.env', ['A_PASSWORD', 'B_TOKEN'])).values, { A_PASSWORD: fake.password(`p${i}a`), B_TOKEN: fake.githubToken(`p${i}b`) });
    }
  });

  it('a second folder claiming a registered name is blocked with both remedies before anything is written', async () => {
    const first = repo(parent, 'one', { '.env': `A_PASSWORD=${fake.password('one')}\n`, '.envguard.json': '{"project":"shop"}' });
    const second = repo(parent, 'two', { '.env': `A_PASSWORD=${fake.password('two')}\n`, '.envguard.json': '{"project":"shop"}' });
    assert.equal((await runCli(['migrate', '--yes'], { cwd: first, env: env() })).code, 0);
    const blocked = await runCli(['migrate', '--yes'], { cwd: second, env: env() });
    assert.equal(blocked.code, 1);
    assert.match(blocked.stdout, /blocked: the project name shop is already used on this machine by .*one.*envguard project link.*another name/);
    assert.equal(readFileSync(path.join(second, '.env'), 'utf8'), `A_PASSWORD=${fake.password('two')}\n`);
    assert.ok(existsSync(path.join(home, 'projects.json')));
  });
});
