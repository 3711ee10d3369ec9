import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { executeMigration, isBlocked, planMigration } from '../../../src/core/migrate';
import { AzureSecretSource } from '../../../src/core/vault/azure';
import { loadEnvFiles, resolveReferences } from '../../../src/core/run';
import { testClientOptions, testCredential } from '../../servers/keyvault/client-options';
import type { Fault } from '../../servers/keyvault/server';
import { openTestKeyVault, useKeyVaultServer } from './helpers';

const ENV = [
  '# app settings',
  'PORT=3000',
  'DB_PASSWORD="Xk9fQ2mVt7LpR4sZ-db"',
  'export SESSION_SECRET=p7Hc2VqL9xNw4ZbR8mTy3KdF6sJe1UgA # rotate yearly',
  "SMTP_PASSWORD='Tr4il-M1x-Qz8v'",
  'WEBHOOK_SIGNING_SECRET=whk_Yw3Lr8Vn2Qp6Tz9Hs4Km7Jd1',
  '',
].join('\r\n');

describe('migration into Azure Key Vault', () => {
  const ctx = useKeyVaultServer();

  /** What `envguard run` does: load with dotenv's rules, then resolve every reference. */
  async function resolveFile(envFile: string): ReturnType<typeof resolveReferences> {
    const loaded = await loadEnvFiles([envFile], { baseEnv: {}, override: false });
    const source = new AzureSecretSource({ credential: () => testCredential(ctx.server), clientOptions: testClientOptions() });
    return resolveReferences([...loaded.applied.values()].map((v) => ({ key: v.key, value: v.value, origin: `${v.file}:${v.line}` })), [source]);
  }
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-azmig-'));
    file = path.join(dir, '.env');
    fs.writeFileSync(file, ENV, { mode: 0o640 });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('moves every secret, maps names to Key Vault rules, tags the source, and resolves back to dotenv\'s values', async () => {
    const vault = openTestKeyVault(ctx.server, 'app');
    const plan = await planMigration([file], { vault, label: () => '.env' });
    assert.deepEqual(plan.items.map((i) => i.secretName), ['DB-PASSWORD', 'SESSION-SECRET', 'SMTP-PASSWORD', 'WEBHOOK-SIGNING-SECRET']);
    const result = await executeMigration(plan, { vault });
    assert.ok(result.outcomes.every((o) => o.moved));
    const text = fs.readFileSync(file, 'utf8');
    const url = ctx.server.vaultUrl('app');
    assert.equal(text, ENV
      .replace('"Xk9fQ2mVt7LpR4sZ-db"', `"@Microsoft.KeyVault(SecretUri=${url}/secrets/DB-PASSWORD)"`)
      .replace('p7Hc2VqL9xNw4ZbR8mTy3KdF6sJe1UgA', `@Microsoft.KeyVault(SecretUri=${url}/secrets/SESSION-SECRET)`)
      .replace("'Tr4il-M1x-Qz8v'", `'@Microsoft.KeyVault(SecretUri=${url}/secrets/SMTP-PASSWORD)'`)
      .replace('whk_Yw3Lr8Vn2Qp6Tz9Hs4Km7Jd1', `@Microsoft.KeyVault(SecretUri=${url}/secrets/WEBHOOK-SIGNING-SECRET)`));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'permissions kept');
    assert.deepEqual((await vault.get('DB-PASSWORD')).info.tags, { 'envguard-source-file': '.env', 'envguard-source-key': 'DB_PASSWORD' });

    // envguard run's resolution gives exactly what dotenv read from the original file.
    const { values, failures } = await resolveFile(file);
    assert.deepEqual(failures, []);
    const expected = dotenv.parse(ENV);
    for (const [key, value] of values) assert.equal(value, expected[key], key);
    assert.equal(values.size, 4);
  });

  it('stores and reads back several secrets at once, at most eight, and still rewrites the file only after all are confirmed', async () => {
    const many = Array.from({ length: 20 }, (_, i) => `API_TOKEN_${i}=tok_${i}_Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac`).join('\n');
    fs.writeFileSync(file, `${many}\n`);
    const vault = openTestKeyVault(ctx.server, 'many');
    const plan = await planMigration([file], { vault, label: () => '.env' });
    assert.equal(plan.items.length, 20);
    ctx.server.latencyMs = 20; // requests overlap only while the server is slow to answer
    const result = await executeMigration(plan, { vault });
    assert.ok(result.outcomes.every((o) => o.moved));
    assert.ok(ctx.server.maxInFlight > 1 && ctx.server.maxInFlight <= 8, `requests at once: ${ctx.server.maxInFlight}`);
    assert.equal(fs.readFileSync(file, 'utf8').match(/@Microsoft\.KeyVault/g)?.length, 20);
    for (let i = 0; i < 20; i++) assert.equal((await vault.get(`API-TOKEN-${i}`)).value, `tok_${i}_Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac`);
  });

  it('pins versions when asked', async () => {
    const vault = openTestKeyVault(ctx.server, 'app', { pinVersions: true });
    const result = await executeMigration(await planMigration([file], { vault }), { vault });
    const moved = result.outcomes[0]!;
    assert.ok(moved.moved && moved.version);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`/secrets/DB-PASSWORD/${moved.version}\\)`));
  });

  it('reports keys that map to one name with different values, before any write', async () => {
    fs.writeFileSync(file, 'DB_PASSWORD=Xk9fQ2mVt7LpR4sZ-one\nDB-PASSWORD=Xk9fQ2mVt7LpR4sZ-two\n');
    const vault = openTestKeyVault(ctx.server, 'app');
    const plan = await planMigration([file], { vault, keys: ['DB_PASSWORD', 'DB-PASSWORD'] });
    assert.ok(isBlocked(plan));
    assert.match(plan.problems[0]!.message, /would all be stored as DB-PASSWORD/);
    assert.equal(ctx.server.requests.filter((r) => r.method === 'PUT').length, 0);
  });

  it('is idempotent: a second run finds nothing to move, a copy of the file reuses the stored values', async () => {
    const vault = openTestKeyVault(ctx.server, 'app');
    await executeMigration(await planMigration([file], { vault }), { vault });
    const again = await planMigration([file], { vault });
    assert.equal(again.items.length, 0);
    const copy = path.join(dir, '.env.copy');
    fs.writeFileSync(copy, ENV);
    const plan = await planMigration([copy], { vault });
    assert.ok(plan.items.every((i) => i.action === 'reuse'));
  });

  const faults: [string, Fault][] = [
    ['429 throttling that outlasts the retries', { status: 429, retryAfterSeconds: 0 }],
    ['500 errors that outlast the retries', { status: 500 }],
    ['dropped connections', { drop: true }],
  ];
  for (const [name, fault] of faults) {
    for (const after of [0, 3, 7]) {
      it(`after ${name} (from request ${after + 1}): nothing lost, the file unchanged or fully migrated, and a re-run finishes`, async () => {
        const vault = openTestKeyVault(ctx.server, 'app');
        const plan = await planMigration([file], { vault });
        ctx.server.fail(fault, 1000, after);
        const result = await executeMigration(plan, { vault });
        ctx.server.clearFaults();
        const text = fs.readFileSync(file, 'utf8');
        const original = dotenv.parse(ENV);
        if (text === ENV) {
          assert.ok(result.outcomes.some((o) => !o.moved), 'unchanged only when something failed');
          for (const o of result.outcomes) if (!o.moved) assert.ok(!Object.values(original).some((v) => o.reason.includes(v)), 'no value in a reason');
        } else {
          assert.ok(result.outcomes.every((o) => o.moved), 'rewritten only when every value was confirmed');
          for (const key of ['DB_PASSWORD', 'SESSION_SECRET', 'SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']) assert.equal(ctx.server.peek('app', key.replace(/_/g, '-')), original[key]);
        }
        // Re-run to completion: every value ends in the vault, the file holds only references.
        const rerun = await executeMigration(await planMigration([file], { vault }), { vault });
        assert.ok(rerun.outcomes.every((o) => o.moved));
        const { values } = await resolveFile(file);
        for (const key of ['DB_PASSWORD', 'SESSION_SECRET', 'SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']) assert.equal(values.get(key), original[key]);
      });
    }
  }
});
