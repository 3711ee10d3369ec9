import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { testCertificates } from '../../servers/keyvault/certs';
import { TEST_CREDENTIALS, type AwsSecretsManagerTestServer } from '../../servers/aws-secrets-manager/server';
import { useAwsServer } from '../servers/support/aws';
import { makeProject, runCli } from '../support/cli';

/**
 * `envguard migrate --vault aws` and `envguard run` as real child processes against the faithful
 * Secrets Manager, reached the standard way: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_REGION, the
 * access key variables, NODE_EXTRA_CA_CERTS for the test CA, and the endpoint allowed by the user
 * (ENVGUARD_AWS_ALLOWED_HOSTS, as a VPC endpoint is). The local vault is an automation vault.
 */
describe('CLI: AWS Secrets Manager', function () {
  this.timeout(120_000);
  const ctx = useAwsServer();
  const DB_PASSWORD = 'Zr8vQw2LmP4xK9tN-cli-aws';
  const API_TOKEN = 'tok_4Hq2Rv9Xw4Ls8Pz3Ny7Mc5Kb1';
  let cleanups: (() => void)[] = [];
  afterEach(() => { for (const c of cleanups) c(); cleanups = []; });

  function awsEnv(server: AwsSecretsManagerTestServer, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint, AWS_REGION: server.region, AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      NODE_EXTRA_CA_CERTS: testCertificates().caFile, ENVGUARD_AWS_ALLOWED_HOSTS: `127.0.0.1:${server.port}`,
      AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', ...extra,
    };
  }

  function project(): { dir: string; env: NodeJS.ProcessEnv; name: string } {
    const { dir, cleanup } = makeProject({ '.env': `DB_PASSWORD=${DB_PASSWORD}\nPORT=3000\nAPI_TOKEN=${API_TOKEN}\n` });
    cleanups.push(cleanup);
    return { dir, name: path.basename(dir).toLowerCase(), env: { ...awsEnv(ctx.server), ENVGUARD_HOME: `${dir}-home`, ENVGUARD_KEY_STORE: 'automation' } };
  }

  it('migrates an environment into one JSON secret (the default layout), then run resolves the references', async () => {
    const { dir, env, name } = project();
    const migrated = await runCli(['migrate', '--vault', 'aws', '--yes'], { cwd: dir, env });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.equal(readFileSync(path.join(dir, '.env'), 'utf8'), `DB_PASSWORD='ref+awssecrets://${name}/default?region=${ctx.server.region}#/DB_PASSWORD'\nPORT=3000\nAPI_TOKEN='ref+awssecrets://${name}/default?region=${ctx.server.region}#/API_TOKEN'\n`);
    assert.deepEqual(JSON.parse(ctx.server.values().get(`${name}/default`) ?? '{}'), { DB_PASSWORD, API_TOKEN });
    assert.ok(!`${migrated.stdout}${migrated.stderr}`.includes(DB_PASSWORD));
    const run = await runCli(['run', '--', 'sh', '-c', 'echo "$DB_PASSWORD|$API_TOKEN|$PORT"'], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), `${DB_PASSWORD}|${API_TOKEN}|3000`);
  });

  it('one secret per key with ENVGUARD_AWS_LAYOUT=secret-per-key', async () => {
    const { dir, env, name } = project();
    const migrated = await runCli(['migrate', '--vault', 'aws', '--yes'], { cwd: dir, env: { ...env, ENVGUARD_AWS_LAYOUT: 'secret-per-key' } });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.equal(ctx.server.values().get(`${name}/default/DB_PASSWORD`), DB_PASSWORD);
    const run = await runCli(['run', '--', 'printenv', 'API_TOKEN'], { cwd: dir, env });
    assert.equal(run.stdout.trim(), API_TOKEN);
  });

  it('a region that only .envguard.json names is not written to until confirmed, and the message gives a command that confirms it', async () => {
    const { dir, env } = project();
    writeFileSync(path.join(dir, '.envguard.json'), JSON.stringify({ environments: { default: { vault: 'aws:eu-west-1' } } }));
    const seen = ctx.server.requests.length;
    const refused = await runCli(['migrate', '--yes'], { cwd: dir, env });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stdout, /AWS Secrets Manager \(eu-west-1\), is named by .*\.envguard\.json and you have not confirmed it.*envguard vault confirm aws-secrets-manager:eu-west-1/);
    assert.equal(ctx.server.requests.length, seen);
    const confirm = await runCli(['vault', 'confirm', 'aws-secrets-manager:eu-west-1'], { cwd: dir, env });
    assert.equal(confirm.code, 0, confirm.stderr);
    assert.match(confirm.stdout, /Confirmed AWS Secrets Manager \(eu-west-1\)/);
  });

  it('IAM refusing the write loses nothing: the file is not rewritten, and the message names the action to ask for', async () => {
    const { dir, env } = project();
    const before = readFileSync(path.join(dir, '.env'), 'utf8');
    ctx.server.deny({ action: 'CreateSecret' });
    ctx.server.deny({ action: 'PutSecretValue' });
    const migrated = await runCli(['migrate', '--vault', 'aws', '--yes'], { cwd: dir, env });
    assert.notEqual(migrated.code, 0);
    const said = `${migrated.stdout}${migrated.stderr}`;
    assert.match(said, /secretsmanager:(CreateSecret|PutSecretValue)/);
    assert.equal(readFileSync(path.join(dir, '.env'), 'utf8'), before);
    assert.ok(!said.includes(DB_PASSWORD) && !said.includes(API_TOKEN));
  });

  it('an endpoint the user did not allow gets no signed request: refused, nothing written, the host named', async () => {
    const { dir, env } = project();
    const before = readFileSync(path.join(dir, '.env'), 'utf8');
    const seen = ctx.server.requests.length;
    const migrated = await runCli(['migrate', '--vault', 'aws', '--yes'], { cwd: dir, env: { ...env, ENVGUARD_AWS_ALLOWED_HOSTS: '' } });
    assert.notEqual(migrated.code, 0);
    assert.match(`${migrated.stdout}${migrated.stderr}`, /127\.0\.0\.1/);
    assert.equal(readFileSync(path.join(dir, '.env'), 'utf8'), before);
    assert.equal(ctx.server.requests.length, seen, 'the server saw nothing');
  });

  it('a region named by a reference is confirmed once before credentials are used (ENVGUARD_CONFIRMED_VAULTS in CI)', async () => {
    const { dir, env } = project();
    assert.equal((await runCli(['migrate', '--vault', 'aws', '--yes'], { cwd: dir, env })).code, 0);
    // A fresh machine: no registry; the references name the region, which nobody confirmed there.
    const fresh = { ...env, ENVGUARD_HOME: `${dir}-fresh-home` };
    const refused = await runCli(['run', '--', 'printenv', 'DB_PASSWORD'], { cwd: dir, env: fresh });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /confirm/);
    const confirmed = await runCli(['run', '--', 'printenv', 'DB_PASSWORD'], { cwd: dir, env: { ...fresh, ENVGUARD_CONFIRMED_VAULTS: `aws:${ctx.server.region}` } });
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.equal(confirmed.stdout.trim(), DB_PASSWORD);
  });
});
