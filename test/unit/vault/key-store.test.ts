import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fake } from '../support/fakes';
import { assertVaultError, FakeKeychain, freshHome, keyFile, openTestVault, removeTempDirs } from './helpers';

interface ChildReport {
  keyLocation?: string;
  warnings: string[];
  error?: { code: string; message: string };
  nativeLoaded: boolean;
}

function runWithRealKeychain(home: string, keyStore: 'auto' | 'keychain', operation: 'get' | 'set', name: string, value?: string): ChildReport {
  const script = path.join(__dirname, 'real-keychain-child.ts');
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', script, home, keyStore, operation, name, ...(value === undefined ? [] : [value])], {
    cwd: path.resolve(__dirname, '../../..'),
    encoding: 'utf8',
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/envguard-test-bus' },
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ChildReport;
}

describe('local vault key store', () => {
  after(removeTempDirs);

  describe('with the real keychain library, made unreachable', () => {
    // Each case runs in a child process whose D-Bus address points at a socket that does not
    // exist, set before the native library loads: the Secret Service is unreachable on any Linux
    // machine, so the developer's keychain is never touched, and the real path runs (the native
    // library loads and fails, as on a headless CI box). Elsewhere there is no such switch.
    before(function () {
      if (process.platform !== 'linux') this.skip();
    });

    it("'auto' falls back to the key file and warns once, when the key file is created", () => {
      const home = freshHome();
      const first = runWithRealKeychain(home, 'auto', 'set', 'FIRST', fake.githubToken('fallback'));
      assert.equal(first.error, undefined);
      assert.equal(first.nativeLoaded, true, 'the real keychain library was tried');
      assert.equal(first.keyLocation, keyFile(home));
      assert.equal(first.warnings.length, 1);
      assert.match(first.warnings[0] ?? '', /OS keychain is unreachable \(.*D-?Bus/i);
      assert.ok(first.warnings[0]?.includes(keyFile(home)));
      assert.ok(!first.warnings[0]?.includes(fake.githubToken('fallback')));
      assert.equal(fs.statSync(keyFile(home)).mode & 0o777, 0o600);
      // The key file exists now, so it wins: the keychain is not even tried, and nothing is said.
      const second = runWithRealKeychain(home, 'auto', 'get', 'FIRST');
      assert.deepEqual(second, { keyLocation: keyFile(home), warnings: [], nativeLoaded: false });
    });

    it("'auto' opening without writing warns about nothing", () => {
      const result = runWithRealKeychain(freshHome(), 'auto', 'get', 'ABSENT');
      assert.equal(result.error?.code, 'not-found');
      assert.deepEqual(result.warnings, []);
    });

    it("'keychain' refuses with 'unreachable' instead of falling back", () => {
      const home = freshHome();
      const result = runWithRealKeychain(home, 'keychain', 'set', 'S', fake.password('kc'));
      assert.equal(result.error?.code, 'unreachable');
      assert.match(result.error?.message ?? '', /OS keychain/);
      assert.equal(fs.existsSync(keyFile(home)), false);
    });

    it("'auto' on a vault whose key may be in the keychain is 'unreachable', never a new key", async () => {
      const keychain = new FakeKeychain();
      const home = freshHome();
      await (await openTestVault(home, { keyStore: 'keychain', openKeychainEntry: keychain.open })).set('S', fake.password('kc'));
      for (const operation of ['get', 'set'] as const) {
        const result = runWithRealKeychain(home, 'auto', operation, 'S', fake.password('other'));
        assert.equal(result.error?.code, 'unreachable', operation);
        assert.match(result.error?.message ?? '', /holds 1 secret but its key is not in .*vault\.key.*unreachable/);
      }
      assert.equal(fs.existsSync(keyFile(home)), false);
    });
  });

  describe('with a fake keychain', () => {
    it("'auto' keeps the key in a reachable keychain, with no key file and no warning", async () => {
      const keychain = new FakeKeychain();
      const home = freshHome();
      const warnings: string[] = [];
      const vault = await openTestVault(home, { keyStore: 'auto', openKeychainEntry: keychain.open, onWarning: (m) => warnings.push(m) });
      assert.equal(vault.keyLocation, 'OS keychain');
      await vault.set('API_KEY', fake.openAiKey('keychain'));
      assert.deepEqual(warnings, []);
      assert.equal(fs.existsSync(keyFile(home)), false);
      assert.equal(keychain.entries.size, 1);
      assert.equal([...keychain.entries.keys()][0], `EnvGuard\0local-vault:${home}`);
      const reopened = await openTestVault(home, { keyStore: 'auto', openKeychainEntry: keychain.open });
      assert.equal((await reopened.get('API_KEY')).value, fake.openAiKey('keychain'));
    });

    it('gives two vault folders two keys', async () => {
      const keychain = new FakeKeychain();
      for (const home of [freshHome(), freshHome()]) {
        await (await openTestVault(home, { keyStore: 'keychain', openKeychainEntry: keychain.open })).set('X', fake.password('two'));
      }
      assert.equal(keychain.entries.size, 2);
      assert.equal(new Set(keychain.entries.values()).size, 2);
    });

    it("'auto' prefers an existing key file over a reachable keychain", async () => {
      const home = freshHome();
      await (await openTestVault(home, { keyStore: 'file' })).set('FILE_KEYED', fake.password('file'));
      const keychain = new FakeKeychain();
      const vault = await openTestVault(home, { keyStore: 'auto', openKeychainEntry: keychain.open });
      assert.equal(vault.keyLocation, keyFile(home));
      assert.equal((await vault.get('FILE_KEYED')).value, fake.password('file'));
      assert.equal(keychain.entries.size, 0);
    });

    it("reports a key missing from the keychain as 'corrupt', saying where it looked", async () => {
      const keychain = new FakeKeychain();
      const home = freshHome();
      await (await openTestVault(home, { keyStore: 'keychain', openKeychainEntry: keychain.open })).set('S', fake.password('gone'));
      keychain.entries.clear();
      const vault = await openTestVault(home, { keyStore: 'auto', openKeychainEntry: keychain.open });
      await assertVaultError(vault.get('S'), 'corrupt', /key is missing/, /OS keychain \(service EnvGuard, account local-vault:/, /vault\.key/);
    });

    it('refuses a keychain that does not keep what it is given', async () => {
      const keychain = new FakeKeychain();
      keychain.forgetful = true;
      const home = freshHome();
      const vault = await openTestVault(home, { keyStore: 'keychain', openKeychainEntry: keychain.open });
      await assertVaultError(vault.set('S', fake.password('forgetful')), 'unreachable', /did not keep/);
      assert.equal(fs.existsSync(`${home}/vault.json`), false);
    });

    it("'auto' falls back to the key file, with the warning, when the fake keychain is unreachable", async () => {
      const keychain = new FakeKeychain();
      keychain.unreachable = 'no Secret Service';
      const home = freshHome();
      const warnings: string[] = [];
      const vault = await openTestVault(home, { keyStore: 'auto', openKeychainEntry: keychain.open, onWarning: (m) => warnings.push(m) });
      await vault.set('S', fake.password('fallback'));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /no Secret Service/);
    });
  });

  it('rejects an unknown key store mode', async () => {
    await assertVaultError(openTestVault(freshHome(), { keyStore: 'cloud' as 'file' }), 'unknown', /auto, keychain, file/);
  });
});
