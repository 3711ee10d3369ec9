import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fake } from '../support/fakes';
import { assertVaultError, freshHome, openTestVault, removeTempDirs } from './helpers';

const VERSION_ID = /^[0-9a-f]{32}$/;

describe('local vault', () => {
  after(removeTempDirs);

  it('round-trips values: empty, multi-line, Unicode, exactly 1 MiB', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    const values: Record<string, string> = {
      GITHUB_TOKEN: fake.githubToken('round-trip'),
      PRIVATE_KEY: fake.privateKey('round-trip'),
      EMPTY: '',
      UNICODE: `pässwörd ✓ 🔑 ${fake.password('unicode')}`,
      LARGE: 'x'.repeat(1024 * 1024),
    };
    for (const [name, value] of Object.entries(values)) await vault.set(name, value);
    const reopened = await openTestVault(home);
    for (const [name, value] of Object.entries(values)) assert.equal((await reopened.get(name)).value, value, name);
  });

  it('describes itself and where its key is', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    assert.equal(vault.kind, 'local');
    assert.equal(vault.home, home);
    assert.equal(vault.displayName, `local vault (${home})`);
    assert.equal(vault.keyLocation, path.join(home, 'vault.key'));
    assert.equal(vault.maxValueBytes, 1024 * 1024);
    assert.equal(vault.versioned, true);
  });

  it('keeps every version, each retrievable by id; the latest is the default', async () => {
    const vault = await openTestVault(freshHome());
    const first = await vault.set('API_KEY', fake.openAiKey('v1'));
    const second = await vault.set('API_KEY', fake.openAiKey('v2'));
    const third = await vault.set('API_KEY', fake.openAiKey('v3'));
    for (const info of [first, second, third]) assert.match(info.version, VERSION_ID);
    assert.equal(new Set([first.version, second.version, third.version]).size, 3);
    assert.equal((await vault.get('API_KEY')).value, fake.openAiKey('v3'));
    assert.equal((await vault.get('API_KEY', first.version)).value, fake.openAiKey('v1'));
    assert.equal((await vault.get('API_KEY', second.version)).value, fake.openAiKey('v2'));
    assert.equal((await vault.get('API_KEY', second.version)).info.version, second.version);
    assert.deepEqual((await vault.versions('API_KEY')).map((v) => v.version), [third.version, second.version, first.version]);
    assert.equal((await vault.info('API_KEY'))?.version, third.version);
  });

  it('keeps tags and content type with each version', async () => {
    const vault = await openTestVault(freshHome());
    // JSON.parse makes `__proto__` an own property, as a tag read from anywhere would be.
    const tags = JSON.parse('{"envguard-source-file":"apps/api/.env","envguard-source-key":"STRIPE_KEY","__proto__":"just a tag"}') as Record<string, string>;
    const info = await vault.set('STRIPE_KEY', fake.stripeSecret('tags'), { tags, contentType: 'text/plain' });
    assert.equal(info.name, 'STRIPE_KEY');
    assert.equal(info.enabled, true);
    assert.equal(info.contentType, 'text/plain');
    assert.ok(info.createdOn instanceof Date && Math.abs(info.createdOn.getTime() - Date.now()) < 60_000);
    const got = await vault.get('STRIPE_KEY');
    assert.deepEqual(got.info, info);
    assert.deepEqual(Object.entries(got.info.tags), Object.entries(tags));
    await vault.set('STRIPE_KEY', fake.stripeSecret('tags2'));
    const latest = await vault.info('STRIPE_KEY');
    assert.deepEqual(latest?.tags, {});
    assert.equal(latest?.contentType, undefined);
    assert.deepEqual((await vault.get('STRIPE_KEY', info.version)).info.tags, info.tags);
  });

  it('lists the latest version of every secret by name, without values', async () => {
    const vault = await openTestVault(freshHome());
    assert.deepEqual(await vault.list(), []);
    await vault.set('b', fake.password('b'));
    await vault.set('A', fake.password('a1'));
    const a2 = await vault.set('A', fake.password('a2'));
    await vault.set('__proto__', fake.password('proto'));
    await vault.set('constructor', fake.password('ctor'));
    const listed = await vault.list();
    assert.deepEqual(listed.map((i) => i.name), ['A', '__proto__', 'b', 'constructor']);
    assert.equal(listed[0]?.version, a2.version);
    assert.ok(!JSON.stringify(listed).includes(fake.password('a2')));
    assert.equal((await vault.get('__proto__')).value, fake.password('proto'));
  });

  it('names are case-sensitive', async () => {
    const vault = await openTestVault(freshHome());
    await vault.set('Token', fake.hex('lower', 40));
    await vault.set('TOKEN', fake.hex('upper', 40));
    assert.equal((await vault.get('Token')).value, fake.hex('lower', 40));
    assert.equal((await vault.get('TOKEN')).value, fake.hex('upper', 40));
  });

  it('deletes a secret with all its versions', async () => {
    const vault = await openTestVault(freshHome());
    const old = await vault.set('GONE', fake.password('g1'));
    await vault.set('GONE', fake.password('g2'));
    await vault.set('KEPT', fake.password('k'));
    await vault.delete('GONE');
    assert.equal(await vault.info('GONE'), undefined);
    await assertVaultError(vault.get('GONE', old.version), 'deleted', /envguard vault recover GONE/);
    assert.deepEqual((await vault.list()).map((i) => i.name), ['KEPT']);
    await assertVaultError(vault.delete('GONE'), 'not-found', /GONE/);
    // A name written again after deletion and purge starts a fresh history (soft-delete.test.ts: before the purge).
    await vault.purge('GONE');
    await vault.set('GONE', fake.password('g3'));
    assert.equal((await vault.versions('GONE')).length, 1);
  });

  it("reports a missing secret or version naming it and the vault", async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    await assertVaultError(vault.get('NOPE'), 'not-found', /secret NOPE/, new RegExp(home.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')));
    await vault.set('THERE', fake.password('there'));
    const missing = '0123456789abcdef0123456789abcdef';
    await assertVaultError(vault.get('THERE', missing), 'not-found', new RegExp(`version ${missing} of secret THERE`));
    await assertVaultError(vault.versions('NOPE'), 'not-found');
    assert.equal(await vault.info('NOPE'), undefined);
  });

  it('refuses a value over 1 MiB without naming its content', async () => {
    const vault = await openTestVault(freshHome());
    const error = await assertVaultError(vault.set('BIG', 'y'.repeat(1024 * 1024 + 1)), 'too-large', /BIG/, /1048577 bytes/);
    assert.ok(!error.message.includes('yyyy'));
    assert.equal(await vault.info('BIG'), undefined);
  });

  it('refuses text UTF-8 cannot carry exactly (a lone surrogate)', async () => {
    const vault = await openTestVault(freshHome());
    await assertVaultError(vault.set('BROKEN', 'ab\uD800cd'), 'unknown', /BROKEN/);
  });

  it('does not load the keychain library when the module is imported', () => {
    const script = [
      "require('./src/core/vault');",
      "const loaded = Object.keys(require.cache).filter((f) => /napi-rs[\\\\/]keyring/.test(f));",
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
  });
});
