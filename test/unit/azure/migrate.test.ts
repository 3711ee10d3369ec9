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
import { sourcesInto } from '../../support/migration';
import type { VaultProvider } from '../../../src/core/vault/types';

/** A plan for files of project `app`, as `envguard migrate --vault V` makes it. */
async function planFor(files: string[], vault: VaultProvider, options: { keys?: string[] } = {}) {
  return planMigration(await sourcesInto(files, vault, { project: 'app', label: (p) => path.basename(p) }), options);
}

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
    const plan = await planFor([file], vault);
    assert.deepEqual(plan.items.map((i) => i.secretName), ['app-default-DB-PASSWORD', 'app-default-SESSION-SECRET', 'app-default-SMTP-PASSWORD', 'app-default-WEBHOOK-SIGNING-SECRET']);
    const result = await executeMigration(plan);
    assert.ok(result.outcomes.every((o) => o.moved));
    const text = fs.readFileSync(file, 'utf8');
    const url = ctx.server.vaultUrl('app');
    assert.equal(text, ENV
      .replace('"Xk9fQ2mVt7LpR4sZ-db"', `"@Microsoft.KeyVault(SecretUri=${url}/secrets/app-default-DB-PASSWORD)"`)
      .replace('p7Hc2VqL9xNw4ZbR8mTy3KdF6sJe1UgA', `@Microsoft.KeyVault(SecretUri=${url}/secrets/app-default-SESSION-SECRET)`)
      .replace("'Tr4il-M1x-Qz8v'", `'@Microsoft.KeyVault(SecretUri=${url}/secrets/app-default-SMTP-PASSWORD)'`)
      .replace('whk_Yw3Lr8Vn2Qp6Tz9Hs4Km7Jd1', `@Microsoft.KeyVault(SecretUri=${url}/secrets/app-default-WEBHOOK-SIGNING-SECRET)`));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640, 'permissions kept');
    assert.deepEqual((await vault.get('app-default-DB-PASSWORD')).info.tags, { 'envguard-project': 'app', 'envguard-environment': 'default', 'envguard-source-file': '.env', 'envguard-source-key': 'DB_PASSWORD' });

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
    const plan = await planFor([file], vault);
    assert.equal(plan.items.length, 20);
    ctx.server.latencyMs = 20; // requests overlap only while the server is slow to answer
    const result = await executeMigration(plan);
    assert.ok(result.outcomes.every((o) => o.moved));
    assert.ok(ctx.server.maxInFlight > 1 && ctx.server.maxInFlight <= 8, `requests at once: ${ctx.server.maxInFlight}`);
    assert.equal(fs.readFileSync(file, 'utf8').match(/@Microsoft\.KeyVault/g)?.length, 20);
    for (let i = 0; i < 20; i++) assert.equal((await vault.get(`app-default-API-TOKEN-${i}`)).value, `tok_${i}_Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac`);
  });

  it('pins versions when asked', async () => {
    const vault = openTestKeyVault(ctx.server, 'app', { pinVersions: true });
    const result = await executeMigration(await planFor([file], vault));
    const moved = result.outcomes[0]!;
    assert.ok(moved.moved && moved.version);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`/secrets/app-default-DB-PASSWORD/${moved.version}\\)`));
  });

  it('gives keys that Key Vault\'s rules would merge (DB_PASSWORD, DB-PASSWORD) names of their own, within the rules', async () => {
    fs.writeFileSync(file, 'DB_PASSWORD=Xk9fQ2mVt7LpR4sZ-one\nDB-PASSWORD=Xk9fQ2mVt7LpR4sZ-two\n');
    const vault = openTestKeyVault(ctx.server, 'app');
    const plan = await planFor([file], vault, { keys: ['DB_PASSWORD', 'DB-PASSWORD'] });
    assert.ok(!isBlocked(plan), plan.problems.map((p) => p.message).join('; '));
    const [a, b] = plan.items.map((i) => i.secretName);
    assert.ok(a && b && a.toLowerCase() !== b.toLowerCase(), `${a} and ${b} differ`);
    for (const name of [a, b]) assert.match(name, /^[0-9a-zA-Z-]{1,127}$/);
    const result = await executeMigration(plan);
    assert.ok(result.outcomes.every((o) => o.moved));
    assert.equal(ctx.server.peek('app', a), 'Xk9fQ2mVt7LpR4sZ-one');
    assert.equal(ctx.server.peek('app', b), 'Xk9fQ2mVt7LpR4sZ-two');
  });

  it('is idempotent: a second run finds nothing to move; another file with the same values gets secrets of its own', async () => {
    const vault = openTestKeyVault(ctx.server, 'app');
    await executeMigration(await planFor([file], vault));
    const again = await planFor([file], vault);
    assert.equal(again.items.length, 0);
    const copy = path.join(dir, '.env.copy');
    fs.writeFileSync(copy, ENV);
    const plan = await planFor([copy], vault);
    assert.ok(plan.items.every((i) => i.action === 'new-secret' && i.secretName.startsWith('app-copy-')), plan.items.map((i) => `${i.secretName} ${i.action}`).join(', '));
  });

  it('a changed value becomes a new version of the same secret; the previous version stays', async () => {
    const vault = openTestKeyVault(ctx.server, 'app');
    await executeMigration(await planFor([file], vault));
    const before = await vault.get('app-default-DB-PASSWORD');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^DB_PASSWORD=.*$/m, 'DB_PASSWORD=Nw8-rotated-Pq3Zx7Lm'));
    const plan = await planFor([file], vault);
    assert.deepEqual(plan.items.map((i) => [i.secretName, i.action]), [['app-default-DB-PASSWORD', 'new-version']]);
    assert.ok((await executeMigration(plan)).outcomes.every((o) => o.moved));
    assert.equal((await vault.get('app-default-DB-PASSWORD')).value, 'Nw8-rotated-Pq3Zx7Lm');
    assert.equal((await vault.get('app-default-DB-PASSWORD', before.info.version)).value, 'Xk9fQ2mVt7LpR4sZ-db');
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
        const plan = await planFor([file], vault);
        ctx.server.fail(fault, 1000, after);
        const result = await executeMigration(plan);
        ctx.server.clearFaults();
        const text = fs.readFileSync(file, 'utf8');
        const original = dotenv.parse(ENV);
        if (text === ENV) {
          assert.ok(result.outcomes.some((o) => !o.moved), 'unchanged only when something failed');
          for (const o of result.outcomes) if (!o.moved) assert.ok(!Object.values(original).some((v) => o.reason.includes(v)), 'no value in a reason');
        } else {
          assert.ok(result.outcomes.every((o) => o.moved), 'rewritten only when every value was confirmed');
          for (const key of ['DB_PASSWORD', 'SESSION_SECRET', 'SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']) assert.equal(ctx.server.peek('app', `app-default-${key.replace(/_/g, '-')}`), original[key]);
        }
        // Re-run to completion: every value ends in the vault, the file holds only references.
        const rerun = await executeMigration(await planFor([file], vault));
        assert.ok(rerun.outcomes.every((o) => o.moved));
        const { values } = await resolveFile(file);
        for (const key of ['DB_PASSWORD', 'SESSION_SECRET', 'SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']) assert.equal(values.get(key), original[key]);
      });
    }
  }
});
