import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testCertificates } from '../../servers/keyvault/certs';
import { KeyVaultTestServer, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT } from '../../servers/keyvault/server';
import { makeProject, runCli } from '../support/cli';

const DNS_HOOK = path.resolve(__dirname, '../../servers/keyvault/dns-hook.cjs');
const VALUES = { DB_PASSWORD: 'Xk9fQ2mVt7LpR4sZ-db', SESSION_SECRET: 'p7Hc2VqL9xNw4ZbR8mTy3KdF6sJe1UgA' };
const ENV = `# app\nPORT=3000\nDB_PASSWORD=${VALUES.DB_PASSWORD}\nSESSION_SECRET="${VALUES.SESSION_SECRET}"\n`;
const PRINT_ENV = "process.stdout.write(JSON.stringify({DB_PASSWORD: process.env.DB_PASSWORD, SESSION_SECRET: process.env.SESSION_SECRET, PORT: process.env.PORT}))";

/**
 * The built CLI as a real child process against the test Key Vault server, with the product's code
 * unchanged: the standard Azure SDK variables (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_CLIENT_SECRET,
 * AZURE_AUTHORITY_HOST), the test CA through NODE_EXTRA_CA_CERTS, and a preloaded DNS hook that
 * resolves *.vault.azure.net to loopback.
 */
describe('envguard with Azure Key Vault (real processes, test server)', () => {
  let server: KeyVaultTestServer;
  let home: string;
  before(async () => { server = await KeyVaultTestServer.start(); home = mkdtempSync(path.join(os.tmpdir(), 'envguard-azcli-')); });
  afterEach(() => server.reset());
  after(async () => { await server.close(); rmSync(home, { recursive: true, force: true }); });

  function env(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      NODE_OPTIONS: `--require ${DNS_HOOK}`, NODE_EXTRA_CA_CERTS: testCertificates().caFile,
      AZURE_TENANT_ID: TEST_TENANT, AZURE_CLIENT_ID: TEST_CLIENT_ID, AZURE_CLIENT_SECRET: TEST_CLIENT_SECRET, AZURE_AUTHORITY_HOST: server.authorityHost,
      ENVGUARD_HOME: path.join(home, 'local'), ENVGUARD_KEY_STORE: 'file', ...overrides,
    };
  }

  function assertNoValue(text: string): void {
    for (const value of Object.values(VALUES)) assert.ok(!text.includes(value), 'no value in the output');
  }

  it('migrate --vault URL moves the secrets, and run gives the program dotenv\'s values', async () => {
    const project = makeProject({ '.env': ENV, '.envguard.json': '{"project":"app"}' });
    try {
      const url = server.vaultUrl('team');
      const migrated = await runCli(['migrate', '.env', '--vault', url, '--yes'], { cwd: project.dir, env: env() });
      assert.equal(migrated.code, 0, migrated.stderr);
      assertNoValue(migrated.stdout + migrated.stderr);
      const text = readFileSync(path.join(project.dir, '.env'), 'utf8');
      assert.equal(text, `# app\nPORT=3000\nDB_PASSWORD=@Microsoft.KeyVault(SecretUri=${url}/secrets/app-default-DB-PASSWORD)\nSESSION_SECRET="@Microsoft.KeyVault(SecretUri=${url}/secrets/app-default-SESSION-SECRET)"\n`);
      assert.equal(server.peek('team', 'app-default-DB-PASSWORD'), VALUES.DB_PASSWORD);

      const run = await runCli(['run', '--', process.execPath, '-e', PRINT_ENV], { cwd: project.dir, env: env() });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), { ...VALUES, PORT: '3000' });

      const list = await runCli(['vault', 'list', '--vault', `azure:team.vault.azure.net:${server.port}`.replace('azure:', `https://`)], { cwd: project.dir, env: env() });
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /Azure Key Vault team: 2 secrets/);
      assert.match(list.stdout, /app-default-DB-PASSWORD .* from \.env DB_PASSWORD/);
      assertNoValue(list.stdout);
    } finally {
      project.cleanup();
    }
  });

  it('after a persistent vault failure: exit 1, the file unchanged, a clear reason; a re-run finishes', async () => {
    const project = makeProject({ '.env': ENV, '.envguard.json': '{"project":"app"}' });
    try {
      server.fail({ status: 500 }, 1000, 2);
      const failed = await runCli(['migrate', '.env', '--vault', server.vaultUrl('team'), '--yes'], { cwd: project.dir, env: env() });
      assert.equal(failed.code, 1);
      assert.equal(readFileSync(path.join(project.dir, '.env'), 'utf8'), ENV);
      assert.match(failed.stdout + failed.stderr, /kept failing after retries|left unchanged/);
      assertNoValue(failed.stdout + failed.stderr);
      server.clearFaults();
      const rerun = await runCli(['migrate', '.env', '--vault', server.vaultUrl('team'), '--yes'], { cwd: project.dir, env: env() });
      assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
      assert.ok(!readFileSync(path.join(project.dir, '.env'), 'utf8').includes(VALUES.DB_PASSWORD));
    } finally {
      project.cleanup();
    }
  });

  it('says once that Entra ID refused a wrong client secret (migrate and run), and explains a missing role; writes nothing', async () => {
    const project = makeProject({ '.env': ENV, '.envguard.json': '{"project":"app"}' });
    try {
      // A wrong client secret: said once, as a refusal, with who refused it and why; every secret named.
      const denied = await runCli(['migrate', '.env', '--vault', server.vaultUrl('team'), '--yes'], { cwd: project.dir, env: env({ AZURE_CLIENT_SECRET: 'wrong-secret' }) });
      assert.equal(denied.code, 1);
      assert.match(denied.stdout, /blocked \(2 secrets\): Microsoft Entra ID refused the sign-in of EnvironmentCredential: the client secret is wrong \(AADSTS7000215, invalid_client\), so EnvGuard cannot use Azure Key Vault team: check AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET/);
      assert.match(denied.stdout, /\n {4}app-default-DB-PASSWORD, app-default-SESSION-SECRET\n/);
      assert.equal(denied.stdout.split('refused').length - 1, 1, denied.stdout);
      assert.doesNotMatch(denied.stdout + denied.stderr, /not signed in/);
      assert.ok(!(denied.stdout + denied.stderr).includes('wrong-secret'));
      const url = server.vaultUrl('team');
      writeFileSync(path.join(project.dir, 'refs.env'), `DB_PASSWORD=@Microsoft.KeyVault(SecretUri=${url}/secrets/DB-PASSWORD)\nSESSION_SECRET=@Microsoft.KeyVault(SecretUri=${url}/secrets/SESSION-SECRET)\n`);
      const resolve = await runCli(['run', '--env-file', 'refs.env', '--', process.execPath, '-e', '1'], { cwd: project.dir, env: env({ AZURE_CLIENT_SECRET: 'wrong-secret', ENVGUARD_CONFIRMED_VAULTS: url }) });
      assert.equal(resolve.code, 2);
      assert.match(resolve.stderr, /2 references could not be resolved: Microsoft Entra ID refused the sign-in of EnvironmentCredential: the client secret is wrong/);
      assert.match(resolve.stderr, /\n {2}DB_PASSWORD \(refs\.env:1\), SESSION_SECRET \(refs\.env:2\)\n/);
      assert.equal(resolve.stderr.split('refused').length - 1, 1, resolve.stderr);
      server.roles.set(`team:${TEST_CLIENT_ID}`, 'user');
      const readOnly = await runCli(['migrate', '.env', '--vault', server.vaultUrl('team'), '--yes'], { cwd: project.dir, env: env() });
      assert.equal(readOnly.code, 1);
      assert.match(readOnly.stdout + readOnly.stderr, /needs the role Key Vault Secrets Officer to write/);
      assert.equal(readFileSync(path.join(project.dir, '.env'), 'utf8'), ENV);
    } finally {
      project.cleanup();
    }
  });

  it('run refuses a reference to a host outside the allow-list before any request, naming the key', async () => {
    const project = makeProject({ '.env': 'API_KEY=@Microsoft.KeyVault(SecretUri=https://collector.example.net/secrets/API-KEY)\n' });
    try {
      const run = await runCli(['run', '--', process.execPath, '-e', '1'], { cwd: project.dir, env: env() });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /API_KEY .*collector\.example\.net is not a Key Vault host/);
      assert.equal(server.requests.length, 0);
      assert.equal(server.tokensIssued.size, 0);
    } finally {
      project.cleanup();
    }
  });

  it('production and development go to two Key Vaults named in .envguard.json, once the user confirmed them; names within Key Vault\'s rules', async () => {
    const prod = server.vaultUrl('shop-prod');
    const dev = server.vaultUrl('shop-dev');
    const project = makeProject({
      '.envguard.json': JSON.stringify({ project: 'shop', environments: { production: { vault: prod }, development: { vault: dev } } }),
      '.env.production': `DATABASE_URL=postgres://app:${VALUES.DB_PASSWORD}@prod:5432/app\nSESSION_SECRET=${VALUES.SESSION_SECRET}\n`,
      '.env.development': `DATABASE_URL=postgres://app:dev-${VALUES.DB_PASSWORD}@localhost:5432/app\n`,
      '.env.development.local': `DATABASE_URL=postgres://app:mine-${VALUES.DB_PASSWORD}@localhost:5432/app\n`,
    });
    try {
      // Named by a repository file: nothing goes there, not even a sign-in, before the user confirms.
      const refused = await runCli(['migrate', '--yes'], { cwd: project.dir, env: env() });
      assert.equal(refused.code, 1, refused.stdout + refused.stderr);
      assert.match(refused.stdout, /blocked: shop, environment production: its vault, Azure Key Vault https:\/\/shop-prod\.vault\.azure\.net:\d+, is named by .*\.envguard\.json and you have not confirmed it/);
      assert.match(refused.stdout, /envguard vault confirm https:\/\/shop-dev\.vault\.azure\.net:\d+/);
      assert.equal(server.requests.length, 0);
      assert.equal(server.tokensIssued.size, 0);
      for (const vault of [prod, dev]) assert.equal((await runCli(['vault', 'confirm', vault], { cwd: project.dir, env: env() })).code, 0);

      const migrated = await runCli(['migrate', '--yes'], { cwd: project.dir, env: env() });
      assert.equal(migrated.code, 0, migrated.stdout + migrated.stderr);
      assert.match(migrated.stdout, /development -> Azure Key Vault shop-dev[\s\S]*production -> Azure Key Vault shop-prod/);
      assertNoValue(migrated.stdout + migrated.stderr);
      assert.deepEqual([...server.values('shop-prod').keys()].sort(), ['shop-production-DATABASE-URL', 'shop-production-SESSION-SECRET']);
      assert.deepEqual([...server.values('shop-dev').keys()].sort(), ['shop-development-DATABASE-URL', 'shop-development-local-DATABASE-URL']);
      for (const name of [...server.values('shop-prod').keys(), ...server.values('shop-dev').keys()]) assert.match(name, /^[0-9a-zA-Z-]{1,127}$/);
      const printProd = "process.stdout.write(JSON.stringify({DATABASE_URL: process.env.DATABASE_URL, SESSION_SECRET: process.env.SESSION_SECRET}))";
      const run = await runCli(['run', '-f', '.env.production', '--', process.execPath, '-e', printProd], { cwd: project.dir, env: env() });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), { DATABASE_URL: `postgres://app:${VALUES.DB_PASSWORD}@prod:5432/app`, SESSION_SECRET: VALUES.SESSION_SECRET });
    } finally {
      project.cleanup();
    }
  });

  it('a reference in a cloned repository to a vault the user never confirmed gets neither a token nor a request', async () => {
    const evil = server.vaultUrl('evil');
    server.reset();
    const project = makeProject({ '.env': `API_KEY=@Microsoft.KeyVault(SecretUri=${evil}/secrets/API-KEY)\n` });
    try {
      const run = await runCli(['run', '--', process.execPath, '-e', 'require("fs").writeFileSync("started","")'], { cwd: project.dir, env: env({ ENVGUARD_HOME: path.join(home, 'fresh') }) });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /API_KEY \(\.env:1\): .*is not one you confirmed/);
      assert.equal(server.requests.length, 0);
      assert.equal(server.tokensIssued.size, 0);
    } finally {
      project.cleanup();
    }
  });

  it('vault set, delete and recover a Key Vault secret; a soft-deleted name is explained', async () => {
    const project = makeProject({});
    try {
      const vault = server.vaultUrl('team');
      assert.equal((await runCli(['vault', 'set', 'API-KEY', '--vault', vault], { cwd: project.dir, env: env(), input: 'k-1\n' })).code, 0);
      assert.equal((await runCli(['vault', 'delete', 'API-KEY', '--vault', vault, '--yes'], { cwd: project.dir, env: env() })).code, 0);
      const reuse = await runCli(['vault', 'set', 'API-KEY', '--vault', vault], { cwd: project.dir, env: env(), input: 'k-2\n' });
      assert.notEqual(reuse.code, 0);
      assert.match(reuse.stderr, /deleted secret named API-KEY is still recoverable .*recover it/);
      const recovered = await runCli(['vault', 'recover', 'API-KEY', '--vault', vault], { cwd: project.dir, env: env() });
      assert.equal(recovered.code, 0, recovered.stderr);
      assert.equal(server.peek('team', 'API-KEY'), 'k-1');
    } finally {
      project.cleanup();
    }
  });
});
