import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VaultTestServer } from '../../servers/vault/server';
import { vaultEnv } from '../vault/hashicorp/helpers';
import { makeProject, runCli } from '../support/cli';

/**
 * `envguard migrate --vault hashicorp` and `envguard run` as real child processes against the
 * faithful Vault server, found the standard way (VAULT_ADDR, VAULT_TOKEN, VAULT_CACERT). The local
 * vault is an automation vault (ENVGUARD_KEY_STORE=automation): these tests are about Vault, not approval.
 */
describe('CLI: HashiCorp Vault', function () {
  this.timeout(120_000);
  const DB_PASSWORD = 'Zr8vQw2LmP4xK9tN-cli-hashicorp';
  const API_TOKEN = 'tok_6Jq2Rv9Xw4Ls8Pz3Ny7Mc5Kb1';
  let server: VaultTestServer;
  let cleanups: (() => void)[] = [];

  before(async () => { server = await VaultTestServer.start(); });
  after(async () => { await server.close(); });
  afterEach(() => { for (const c of cleanups) c(); cleanups = []; server.clearFaults(); server.unseal(); });

  function project(): { dir: string; env: NodeJS.ProcessEnv } {
    const { dir, cleanup } = makeProject({ '.env': `DB_PASSWORD=${DB_PASSWORD}\nPORT=3000\nAPI_TOKEN=${API_TOKEN}\n`, '.env.production': `DB_PASSWORD=${DB_PASSWORD}-prod\n` });
    cleanups.push(cleanup);
    return { dir, env: { ...vaultEnv(server), ENVGUARD_HOME: path.join(dir, '..', `${path.basename(dir)}-home`), ENVGUARD_KEY_STORE: 'automation' } };
  }

  it('migrates every environment into one path each, with references vals reads, then run resolves them', async () => {
    const { dir, env } = project();
    const migrated = await runCli(['migrate', '--vault', 'hashicorp', '--yes'], { cwd: dir, env });
    assert.equal(migrated.code, 0, migrated.stderr);
    const name = path.basename(dir).toLowerCase(); // the project's name, made safe for every vault
    assert.equal(readFileSync(path.join(dir, '.env'), 'utf8'), `DB_PASSWORD='ref+vault://secret/envguard/${name}/default#/DB_PASSWORD'\nPORT=3000\nAPI_TOKEN='ref+vault://secret/envguard/${name}/default#/API_TOKEN'\n`);
    assert.match(readFileSync(path.join(dir, '.env.production'), 'utf8'), new RegExp(`^DB_PASSWORD='ref\\+vault://secret/envguard/${name}/production#/DB_PASSWORD'\\n$`));
    // What Vault holds: one KV v2 path per environment, the keys of that environment in it.
    const stored = server.values('secret');
    assert.deepEqual(stored.get(`envguard/${name}/default`), { DB_PASSWORD, API_TOKEN });
    assert.deepEqual(stored.get(`envguard/${name}/production`), { DB_PASSWORD: `${DB_PASSWORD}-prod` });
    assert.ok(!migrated.stdout.includes(DB_PASSWORD) && !migrated.stderr.includes(DB_PASSWORD));

    const run = await runCli(['run', '--', 'sh', '-c', 'echo "$DB_PASSWORD|$API_TOKEN|$PORT"'], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), `${DB_PASSWORD}|${API_TOKEN}|3000`);
  });

  it('an address from the environment gets no token before it is confirmed (a workspace can set a terminal\'s VAULT_ADDR); migrate --vault hashicorp confirms the one you chose', async () => {
    const { dir, env } = project();
    assert.equal((await runCli(['migrate', '.env', '--vault', 'hashicorp', '--yes'], { cwd: dir, env })).code, 0);
    const fresh = { ...env, ENVGUARD_HOME: `${dir}-fresh-home` };
    const seen = server.requests.length;
    const refused = await runCli(['run', '--', 'printenv', 'DB_PASSWORD'], { cwd: dir, env: fresh });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`envguard vault confirm hashicorp-vault:${server.address.replace(/[.:/]/g, '\\$&')}`));
    assert.equal(server.requests.length, seen, 'the unconfirmed address saw no request, so no token');
    const confirmed = await runCli(['run', '--', 'printenv', 'DB_PASSWORD'], { cwd: dir, env: { ...fresh, ENVGUARD_CONFIRMED_VAULTS: `hashicorp-vault:${server.address}` } });
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.equal(confirmed.stdout.trim(), DB_PASSWORD);
  });

  it('a sealed Vault during a migration loses nothing: the file is not rewritten, and the error says an operator must unseal it', async () => {
    const { dir, env } = project();
    const before = readFileSync(path.join(dir, '.env'), 'utf8');
    server.seal();
    const migrated = await runCli(['migrate', '.env', '--vault', 'hashicorp', '--yes'], { cwd: dir, env });
    assert.notEqual(migrated.code, 0);
    assert.match(migrated.stdout + migrated.stderr, /sealed/i);
    assert.equal(readFileSync(path.join(dir, '.env'), 'utf8'), before);
    assert.ok(!`${migrated.stdout}${migrated.stderr}`.includes(DB_PASSWORD));
  });

  it('run refuses, naming the key and the cause, when the token is not valid; the command is not started', async () => {
    const { dir, env } = project();
    assert.equal((await runCli(['migrate', '.env', '--vault', 'hashicorp', '--yes'], { cwd: dir, env })).code, 0);
    const run = await runCli(['run', '--', 'sh', '-c', 'echo started'], { cwd: dir, env: { ...env, VAULT_TOKEN: 'hvs.not-a-token' } });
    assert.equal(run.code, 2);
    assert.ok(!run.stdout.includes('started'));
    assert.match(run.stderr, /DB_PASSWORD/);
    assert.match(run.stderr, /token/i);
  });
});
