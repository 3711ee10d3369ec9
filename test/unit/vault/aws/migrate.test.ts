import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { executeMigration, planMigration } from '../../../../src/core/migrate';
import { loadEnvFiles, resolveReferences } from '../../../../src/core/run';
import type { AwsLayout } from '../../../../src/core/vault/aws';
import type { VaultProvider } from '../../../../src/core/vault/types';
import { sourcesInto } from '../../../support/migration';
import { fake } from '../../support/fakes';
import { openTestProvider, openTestSource, useAwsServer } from './helpers';

const VALUES = { DB_PASSWORD: fake.password('aws-mig-db'), SESSION_SECRET: fake.hex('aws-mig-session', 40), STRIPE_KEY: fake.stripeSecret('aws-mig') };
const ENV = ['# app', 'PORT=3000', `DB_PASSWORD="${VALUES.DB_PASSWORD}"`, `export SESSION_SECRET=${VALUES.SESSION_SECRET} # rotate`, `STRIPE_KEY='${VALUES.STRIPE_KEY}'`, ''].join('\n');

describe('migration into AWS Secrets Manager, both layouts, read back by envguard run\'s resolution', () => {
  const ctx = useAwsServer();
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-awsmig-'));
    file = path.join(dir, '.env');
    fs.writeFileSync(file, ENV, { mode: 0o640 });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function migrate(vault: VaultProvider): Promise<void> {
    const plan = await planMigration(await sourcesInto([file], vault, { project: 'app', label: (p) => path.basename(p) }), {});
    const result = await executeMigration(plan);
    assert.ok(result.outcomes.length === 3 && result.outcomes.every((o) => o.moved), JSON.stringify(result.outcomes.map((o) => (o.moved ? 'moved' : o.reason))));
  }

  async function resolved(): Promise<Map<string, string>> {
    const loaded = await loadEnvFiles([file], { baseEnv: {}, override: false });
    const { values, failures } = await resolveReferences([...loaded.applied.values()].map((v) => ({ key: v.key, value: v.value, origin: `${v.file}:${v.line}` })), [openTestSource(ctx.server)]);
    assert.deepEqual(failures, []);
    return values;
  }

  const expectations: [AwsLayout, (text: string) => void, () => void][] = [
    ['json-per-environment', (text) => {
      for (const key of Object.keys(VALUES)) assert.ok(text.includes(`ref+awssecrets://app/default?region=us-east-1#/${key}`), text);
    }, () => {
      assert.deepEqual(JSON.parse(ctx.server.peek('app/default')!), VALUES);
      assert.equal(ctx.server.requests.filter((r) => r.operation === 'CreateSecret' || r.operation === 'PutSecretValue').length, 1, 'one write for the environment');
    }],
    ['secret-per-key', (text) => {
      for (const key of Object.keys(VALUES)) assert.ok(text.includes(`ref+awssecrets://app/default/${key}?region=us-east-1`), text);
    }, () => {
      for (const [key, value] of Object.entries(VALUES)) assert.equal(ctx.server.peek(`app/default/${key}`), value);
    }],
  ];
  for (const [layout, checkText, checkServer] of expectations) {
    it(`${layout}: moves every secret, tags its source, rewrites the file only after the read-back, and resolves to dotenv's values`, async () => {
      const vault = openTestProvider(ctx.server, { layout });
      await migrate(vault);
      const text = fs.readFileSync(file, 'utf8');
      for (const value of Object.values(VALUES)) assert.ok(!text.includes(value), 'no plaintext left');
      checkText(text);
      checkServer();
      const name = vault.names.compose(['app', 'default', 'DB_PASSWORD']);
      assert.deepEqual({ ...(await vault.get(name)).info.tags, 'envguard-layout': undefined }, { 'envguard-project': 'app', 'envguard-environment': 'default', 'envguard-source-file': '.env', 'envguard-source-key': 'DB_PASSWORD', 'envguard-layout': undefined });
      const values = await resolved();
      const expected = dotenv.parse(ENV);
      assert.equal(values.size, 3);
      for (const [key, value] of values) assert.equal(value, expected[key], key);
      // A second run finds nothing to move.
      const again = await planMigration(await sourcesInto([file], vault, { project: 'app', label: (p) => path.basename(p) }), {});
      assert.equal(again.items.length, 0);
    });
  }
});
