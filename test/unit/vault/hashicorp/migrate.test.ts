import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { executeMigration, planMigration } from '../../../../src/core/migrate';
import { loadEnvFiles, resolveReferences } from '../../../../src/core/run';
import { sourcesInto } from '../../../support/migration';
import { fake } from '../../support/fakes';
import { openVault, useVaultServer, vaultSource } from './helpers';

describe('migration into HashiCorp Vault (the real engine, real files)', () => {
  const ctx = useVaultServer();
  const db = fake.password('hc-mig-db');
  const gh = fake.githubToken('hc-mig-gh');
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-hcmig-'));
    file = path.join(dir, '.env');
    fs.writeFileSync(file, `PORT=3000\nDB_PASSWORD="${db}"\nGITHUB_TOKEN=${gh}\n`, { mode: 0o640 });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('moves the file\'s secrets into one path (one merge), tags it, rewrites the file with references that resolve back', async () => {
    const vault = await openVault(ctx.server);
    const plan = await planMigration(await sourcesInto([file], vault, { project: 'shop' }));
    assert.deepEqual(plan.items.map((i) => i.secretName), ['envguard/shop/default#DB_PASSWORD', 'envguard/shop/default#GITHUB_TOKEN']);
    const result = await executeMigration(plan);
    assert.ok(result.outcomes.every((o) => o.moved), JSON.stringify(result.outcomes.map((o) => (o.moved ? 'moved' : o.reason))));
    assert.equal(fs.readFileSync(file, 'utf8'), `PORT=3000\nDB_PASSWORD="ref+vault://secret/envguard/shop/default#/DB_PASSWORD"\nGITHUB_TOKEN='ref+vault://secret/envguard/shop/default#/GITHUB_TOKEN'\n`, 'a bare # would start a comment for some loaders: the edit quotes it');
    assert.deepEqual(ctx.server.values('secret').get('envguard/shop/default'), { DB_PASSWORD: db, GITHUB_TOKEN: gh });
    assert.equal(ctx.server.requests.filter((r) => r.method === 'POST' && r.path === 'secret/data/envguard/shop/default').length, 1, 'both keys in one write');
    const info = await vault.info('envguard/shop/default#GITHUB_TOKEN');
    assert.deepEqual(info?.tags, { 'envguard-project': 'shop', 'envguard-environment': 'default', 'envguard-source-file': '.env', 'envguard-source-key': 'GITHUB_TOKEN' });

    const loaded = await loadEnvFiles([file], { baseEnv: {}, override: false });
    const { values, failures } = await resolveReferences([...loaded.applied.values()].map((v) => ({ key: v.key, value: v.value, origin: `${v.file}:${v.line}` })), [vaultSource(ctx.server)]);
    assert.deepEqual(failures, []);
    assert.deepEqual(Object.fromEntries(values), { DB_PASSWORD: db, GITHUB_TOKEN: gh });

    // Run again with a rotated value pasted over one reference: it becomes the key's new version, nothing else moves.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('ref+vault://secret/envguard/shop/default#/DB_PASSWORD', 'rotated-Xk29pQ7vQ-Lms3'));
    const again = await executeMigration(await planMigration(await sourcesInto([file], vault, { project: 'shop' })));
    assert.deepEqual(again.outcomes.map((o) => [o.item.secretName, o.moved]), [['envguard/shop/default#DB_PASSWORD', true]]);
    assert.deepEqual(ctx.server.values('secret').get('envguard/shop/default'), { DB_PASSWORD: 'rotated-Xk29pQ7vQ-Lms3', GITHUB_TOKEN: gh });
  });

  it('a sealed Vault leaves the file as it was, with the reason', async () => {
    const vault = await openVault(ctx.server);
    const before = fs.readFileSync(file, 'utf8');
    const plan = await planMigration(await sourcesInto([file], vault, { project: 'shop' }));
    ctx.server.seal();
    const result = await executeMigration(plan);
    assert.ok(result.outcomes.every((o) => !o.moved));
    const reasons = result.outcomes.map((o) => (o.moved ? '' : o.reason));
    assert.match(reasons[0] ?? '', /is sealed/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    for (const reason of reasons) assert.ok(!(reason ?? '').includes(db) && !(reason ?? '').includes(gh));
  });
});
