import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchEnvFiles, prepareLaunchEnvironment } from '../../../src/core/launch';
import { vaultSecretSource } from '../../../src/core/vault/secret-source';
import { freshHome, openTestVault, removeTempDirs } from '../vault/helpers';

describe('launch environment: references resolved for a debug session', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-launch-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); removeTempDirs(); });

  it('finds the env files a launch reads: envFile (string or list), Python\'s default .env, the setting', () => {
    fs.writeFileSync(path.join(dir, '.env'), 'A=1\n');
    fs.writeFileSync(path.join(dir, 'dev.env'), 'A=1\n');
    assert.deepEqual(launchEnvFiles({ type: 'node', envFile: `${dir}/dev.env` }, { folder: dir }), [`${dir}/dev.env`]);
    assert.deepEqual(launchEnvFiles({ type: 'node', envFile: ['dev.env', '.env'] }, { folder: dir }), [path.join(dir, 'dev.env'), path.join(dir, '.env')]);
    assert.deepEqual(launchEnvFiles({ type: 'debugpy' }, { folder: dir }), [path.join(dir, '.env')]);
    assert.deepEqual(launchEnvFiles({ type: 'python' }, { folder: dir }), [path.join(dir, '.env')]);
    assert.deepEqual(launchEnvFiles({ type: 'go' }, { folder: dir }), []);
    assert.deepEqual(launchEnvFiles({ type: 'go' }, { folder: dir, defaultEnvFiles: ['dev.env', 'missing.env'] }), [path.join(dir, 'dev.env')]);
  });

  it('gives the debugger resolved values in env, explicit env first, and drops envFile', async () => {
    const vault = await openTestVault(freshHome());
    await vault.set('DB_PASSWORD', 'from-vault-db');
    await vault.set('TOKEN', 'from-vault-token');
    fs.writeFileSync(path.join(dir, '.env'), 'DB_PASSWORD=envguard://local/DB_PASSWORD\nPORT=3000\nMODE=file\n');
    const source = vaultSecretSource('local', 'local vault', () => Promise.resolve(vault));
    const prepared = await prepareLaunchEnvironment(
      { type: 'node', name: 'app', envFile: path.join(dir, '.env'), env: { MODE: 'explicit', API_TOKEN: 'envguard://local/TOKEN', REMOVE_ME: null } },
      { folder: dir, sources: [source] },
    );
    assert.deepEqual(prepared.failures, []);
    assert.deepEqual(prepared.config, {
      type: 'node', name: 'app',
      env: { DB_PASSWORD: 'from-vault-db', PORT: '3000', MODE: 'explicit', API_TOKEN: 'from-vault-token', REMOVE_ME: null },
    });
    assert.deepEqual([...prepared.resolvedKeys].sort(), ['API_TOKEN', 'DB_PASSWORD']);
  });

  it('reads a Python launch\'s env file as python-dotenv does (a # inside a value stays, ${VAR} expands with the resolved value); a Node launch\'s as dotenv', async () => {
    const vault = await openTestVault(freshHome());
    await vault.set('DB_PASSWORD', 'from-vault-db');
    fs.writeFileSync(path.join(dir, '.env'), 'DB_PASSWORD=envguard://local/DB_PASSWORD\nSALT=ab#cd\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n');
    const source = vaultSecretSource('local', 'local vault', () => Promise.resolve(vault));
    const python = await prepareLaunchEnvironment({ type: 'debugpy', name: 'app' }, { folder: dir, sources: [source] });
    assert.deepEqual(python.failures, []);
    assert.deepEqual(python.config.env, { DB_PASSWORD: 'from-vault-db', SALT: 'ab#cd', DATABASE_URL: 'postgres://app:from-vault-db@db/app' });
    const node = await prepareLaunchEnvironment({ type: 'node', name: 'app', envFile: path.join(dir, '.env') }, { folder: dir, sources: [source] });
    assert.deepEqual(node.config.env, { DB_PASSWORD: 'from-vault-db', SALT: 'ab', DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db/app' });
  });

  it('leaves a launch without references untouched', async () => {
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=3000\n');
    const config = { type: 'node', envFile: path.join(dir, '.env') };
    const prepared = await prepareLaunchEnvironment(config, { sources: [] });
    assert.equal(prepared.config, config);
  });

  it('for tasks and terminals (inline), hands over the values even when there is no reference', async () => {
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=3000\nMODE=file\n');
    const prepared = await prepareLaunchEnvironment({ type: 'envguard', env: { MODE: 'explicit' } }, { folder: dir, sources: [], inline: true });
    assert.deepEqual(prepared.config, { type: 'envguard', env: { PORT: '3000', MODE: 'explicit' } });
    assert.deepEqual(prepared.envFiles, [path.join(dir, '.env')]);
  });

  it('names each key it cannot resolve and why, without values', async () => {
    const vault = await openTestVault(freshHome());
    fs.writeFileSync(path.join(dir, '.env'), 'DB_PASSWORD=envguard://local/MISSING\n');
    const prepared = await prepareLaunchEnvironment({ type: 'node', envFile: path.join(dir, '.env') }, {
      sources: [vaultSecretSource('local', 'local vault', () => Promise.resolve(vault))], label: () => '.env',
    });
    assert.equal(prepared.failures.length, 1);
    assert.match(prepared.failures[0]!.message, /^DB_PASSWORD \(\.env:1\): the local vault, secret MISSING could not be resolved/);
  });

  it('reports a malformed reference for its key with file:line, and resolves the others', async () => {
    const vault = await openTestVault(freshHome());
    await vault.set('TOKEN', 'from-vault-token');
    fs.writeFileSync(path.join(dir, '.env'), 'TOKEN=envguard://local/TOKEN\nBROKEN=@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/%ZZ)\nPORT=3000\n');
    const prepared = await prepareLaunchEnvironment({ type: 'node', envFile: path.join(dir, '.env') }, {
      sources: [vaultSecretSource('local', 'local vault', () => Promise.resolve(vault))], label: () => '.env',
    });
    assert.deepEqual(prepared.failures.map((f) => f.key), ['BROKEN']);
    assert.match(prepared.failures[0]!.message, /^BROKEN \(\.env:2\) is a malformed Azure Key Vault \(App Service\) reference \(the secret name in its SecretUri has an invalid %-escape\)/);
    assert.deepEqual(prepared.resolvedKeys, ['TOKEN']);
  });

  it('a malformed reference alone still stops a launch that would otherwise be left alone', async () => {
    fs.writeFileSync(path.join(dir, '.env'), 'BROKEN=op://vault-only\n');
    const prepared = await prepareLaunchEnvironment({ type: 'node', envFile: path.join(dir, '.env') }, { sources: [], label: () => '.env' });
    assert.deepEqual(prepared.failures.map((f) => f.message), ['BROKEN (.env:1) is a malformed 1Password reference: expected op://VAULT/ITEM[/SECTION]/FIELD']);
  });
});
