import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';
import { protectedVault } from '../gate/support';

interface Field { readonly types: ReadonlySet<string>; readonly optional: boolean }

/** docs/cli-json.md's table under `## name`: each field path with its types and whether it is optional. */
function documented(name: string): Map<string, Field> {
  const page = readFileSync(path.resolve(__dirname, '../../../docs/cli-json.md'), 'utf8');
  const section = page.split(/^## /m).find((s) => s.startsWith(`${name}\n`) || s.startsWith(`${name} `));
  assert.ok(section, `docs/cli-json.md has a section ${name}`);
  const fields = new Map<string, Field>();
  for (const [, field, types] of section.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)) {
    const words = types!.split(',').map((t) => t.trim());
    fields.set(field!, { types: new Set(words.filter((w) => w !== 'optional')), optional: words.includes('optional') });
  }
  assert.ok(fields.size > 0, name);
  return fields;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Every field printed is documented with its type; every documented field that is not optional is printed. */
function assertDocumented(name: string, result: CliResult): unknown {
  assert.ok(result.stdout.endsWith('}\n'), `${name}: one document: ${result.stdout.slice(-80)}`);
  const document: unknown = JSON.parse(result.stdout);
  const fields = documented(name);
  const objects = new Set<string>();
  const walk = (value: unknown, at: string): void => {
    // An array's objects are documented by their fields (`a[].b`), not as `a[]`.
    const elementObject = at.endsWith('[]') && typeOf(value) === 'object' && [...fields.keys()].some((f) => f.startsWith(`${at}.`));
    if (at !== '' && !elementObject) {
      const field = fields.get(at);
      assert.ok(field, `${name}: ${at} is printed but not documented`);
      assert.ok(field.types.has(typeOf(value)), `${name}: ${at} is ${typeOf(value)}, documented as ${[...field.types].join(', ')}`);
    }
    if (Array.isArray(value)) for (const element of value) walk(element, `${at}[]`);
    else if (typeOf(value) === 'object') {
      objects.add(at);
      for (const [key, inner] of Object.entries(value as object)) walk(inner, at === '' ? key : `${at}.${key}`);
    }
  };
  assert.equal(typeOf(document), 'object', name);
  walk(document, '');
  for (const [field, { optional }] of fields) {
    if (optional || field.endsWith('[]')) continue;
    const parent = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : '';
    if (objects.has(parent)) assert.ok(hasPath(document, field), `${name}: ${field} is documented but not printed`);
  }
  return document;
}

/** Whether every object at `parent` has the field (through arrays). */
function hasPath(document: unknown, field: string): boolean {
  const steps = field.split('.');
  const check = (value: unknown, i: number): boolean => {
    if (Array.isArray(value)) return value.every((v) => check(v, i));
    if (i === steps.length) return true;
    const step = steps[i]!.replace(/\[\]$/, '');
    if (typeOf(value) !== 'object' || !(step in (value as object))) return false;
    return check((value as Record<string, unknown>)[step], i + 1);
  };
  return check(document, 0);
}

/** `--format json` of every command that reports, against docs/cli-json.md; never a value. */
describe('envguard --format json (the shapes of docs/cli-json.md)', function () {
  this.timeout(120_000);
  const token = fake.githubToken('json');
  const password = `Jq5-${fake.githubToken('json-password').slice(4, 20)}`;
  let p: ReturnType<typeof makeProject>;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    p = makeProject({ '.env': `GITHUB_TOKEN=${token}\nPORT=3000\n`, '.env.production': `DB_PASSWORD=${password}\n`, '.envguard.json': '{ "project": "jsonshop" }\n' });
    env = { ENVGUARD_HOME: `${p.dir}-home`, ENVGUARD_KEY_STORE: 'automation' };
  });
  afterEach(() => {
    p.cleanup();
    rmSync(env.ENVGUARD_HOME!, { recursive: true, force: true });
  });
  const noValue = (result: CliResult) => {
    for (const text of [result.stdout, result.stderr]) assert.ok(!text.includes(token) && !text.includes(password), 'no value in the output');
  };

  it('scan (with and without a baseline)', async () => {
    const scan = await runCli(['scan', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(scan.code, 1, scan.stderr);
    const doc = assertDocumented('scan', scan) as { findings: unknown[] };
    assert.ok(doc.findings.length >= 1);
    noValue(scan);
    assert.equal((await runCli(['scan', '--write-baseline', 'base.json'], { cwd: p.dir, env })).code, 0);
    const baselined = await runCli(['scan', '--format', 'json', '--baseline', 'base.json'], { cwd: p.dir, env });
    assert.equal((assertDocumented('scan', baselined) as { baselined: number }).baselined, doc.findings.length);
  });

  it('migrate: the plan of a dry run, then the plan and the result', async () => {
    const dry = await runCli(['migrate', '--dry-run', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(dry.code, 0, dry.stderr);
    const plan = assertDocumented('migrate', dry) as { outcome: string; plan: { items: { key: string; action: string }[] } };
    assert.equal(plan.outcome, 'dry-run');
    assert.deepEqual(plan.plan.items.map((i) => i.key).sort(), ['DB_PASSWORD', 'GITHUB_TOKEN']);
    assert.equal(readFileSync(path.join(p.dir, '.env'), 'utf8').includes(token), true, 'a dry run writes nothing');
    const applied = await runCli(['migrate', '--yes', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(applied.code, 0, applied.stderr);
    const done = assertDocumented('migrate', applied) as { outcome: string; result: { moved: unknown[]; rewritten: string[] } };
    assert.equal(done.outcome, 'applied');
    assert.equal(done.result.moved.length, 2);
    assert.deepEqual(done.result.rewritten.sort(), ['.env', '.env.production']);
    const again = await runCli(['migrate', '--yes', '--format', 'json'], { cwd: p.dir, env });
    assert.equal((assertDocumented('migrate', again) as { outcome: string }).outcome, 'nothing-to-move');
    for (const r of [dry, applied, again]) noValue(r);
    const bad = await runCli(['migrate', '--format', 'yaml'], { cwd: p.dir, env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown format 'yaml' \(use text, json\)/);
  });

  it('vault list, vault log and vault confirmed', async () => {
    assert.equal((await runCli(['migrate', '--yes'], { cwd: p.dir, env })).code, 0);
    assert.equal((await runCli(['run', '--', process.execPath, '-e', ''], { cwd: p.dir, env })).code, 0);
    const list = await runCli(['vault', 'list', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(list.code, 0, list.stderr);
    const listed = assertDocumented('vault list', list) as { kind: string; secrets: { name: string; project: string }[] };
    assert.equal(listed.kind, 'local');
    assert.deepEqual(listed.secrets.map((s) => s.project), ['jsonshop', 'jsonshop']);
    assert.equal((await runCli(['vault', 'list', '--json'], { cwd: p.dir, env })).stdout, list.stdout);
    const log = await runCli(['vault', 'log', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(log.code, 0, log.stderr);
    const logged = assertDocumented('vault log', log) as { records: { event: string }[] };
    assert.ok(logged.records.some((r) => r.event === 'released'));
    const confirmed = await runCli(['vault', 'confirmed', '--format', 'json'], { cwd: p.dir, env });
    assert.deepEqual(assertDocumented('vault confirmed', confirmed), { vaults: [] });
    assert.equal((await runCli(['vault', 'confirm', 'azure:jsonshop-kv'], { cwd: p.dir, env })).code, 0);
    const one = assertDocumented('vault confirmed', await runCli(['vault', 'confirmed', '--format', 'json'], { cwd: p.dir, env })) as { vaults: { vault: string }[] };
    assert.equal(one.vaults.length, 1);
    for (const r of [list, log, confirmed]) noValue(r);
  });

  it('vault delete (with the references still using it), list --deleted, recover and purge', async () => {
    assert.equal((await runCli(['migrate', '--yes'], { cwd: p.dir, env })).code, 0);
    const listed = JSON.parse((await runCli(['vault', 'list', '--format', 'json'], { cwd: p.dir, env })).stdout) as { secrets: { name: string }[] };
    const name = listed.secrets.find((s) => s.name.endsWith('/GITHUB_TOKEN'))!.name;
    const del = await runCli(['vault', 'delete', name, '--yes', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(del.code, 0, del.stderr);
    const deleted = assertDocumented('vault delete', del) as { references: { file: string; line: number; key: string }[] };
    assert.deepEqual(deleted.references, [{ file: '.env', line: 1, key: 'GITHUB_TOKEN' }]);
    const gone = await runCli(['vault', 'list', '--deleted', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(gone.code, 0, gone.stderr);
    assert.equal((assertDocumented('vault list --deleted', gone) as { deleted: unknown[] }).deleted.length, 1);
    const recovered = await runCli(['vault', 'recover', name, '--format', 'json'], { cwd: p.dir, env });
    assert.equal(recovered.code, 0, recovered.stderr);
    assertDocumented('vault recover', recovered);
    assert.equal((await runCli(['vault', 'delete', name, '--yes'], { cwd: p.dir, env })).code, 0);
    const purged = await runCli(['vault', 'purge', name, '--yes', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(purged.code, 0, purged.stderr);
    assertDocumented('vault purge', purged);
    for (const r of [del, gone, recovered, purged]) noValue(r);
  });

  it('protect and ignore --check', async () => {
    const check = await runCli(['ignore', '--check', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(check.code, 1, check.stderr);
    const checked = assertDocumented('protect (and ignore)', check) as { check: boolean; files: { status: string }[]; tools: unknown[] };
    assert.equal(checked.check, true);
    assert.ok(checked.files.some((f) => f.status === 'missing') && checked.tools.length > 0);
    const write = await runCli(['protect', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(write.code, 0, write.stderr);
    const written = assertDocumented('protect (and ignore)', write) as { check: boolean; files: { status: string }[] };
    assert.equal(written.check, false);
    assert.ok(written.files.every((f) => f.status === 'created' || f.status === 'updated' || f.status === 'unchanged'));
    const after = await runCli(['ignore', '--check', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(after.code, 0, after.stderr);
    assertDocumented('protect (and ignore)', after);
  });

  it('project (before and after its registration)', async () => {
    const before = await runCli(['project', '--format', 'json'], { cwd: p.dir, env });
    assert.equal(before.code, 0, before.stderr);
    const shown = assertDocumented('project', before) as { name: string; registered: unknown; environments: { name: string }[] };
    assert.equal(shown.name, 'jsonshop');
    assert.equal(shown.registered, null);
    assert.deepEqual(shown.environments.map((e) => e.name), ['default', 'production']);
    assert.equal((await runCli(['migrate', '--yes'], { cwd: p.dir, env })).code, 0);
    const registered = assertDocumented('project', await runCli(['project', '--format', 'json'], { cwd: p.dir, env })) as { registered: { places: string[] } };
    assert.equal(registered.registered.places.length, 1);
  });

  it('approval (the rules the unlocked key agent holds)', async () => {
    const vault = await protectedVault();
    try {
      await vault.unlock();
      const result = await runCli(['approval', '--format', 'json'], { cwd: vault.project, env: vault.env });
      assert.equal(result.code, 0, result.stderr);
      const rules = assertDocumented('approval', result) as { default: { policy: string; idleMs: number } };
      assert.equal(rules.default.policy, 'session');
      assert.ok(rules.default.idleMs > 0);
    } finally {
      await vault.cleanup();
    }
  });
});
