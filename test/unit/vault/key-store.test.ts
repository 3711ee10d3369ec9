import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openLocalVault, readLegacyKeychainKey } from '../../../src/core/vault';
import { keychainAccountFor } from '../../../src/core/vault/local/keychain';
import { protectVaultKey, readKeyFile, removeKeyFile } from '../../../src/core/vault/local/setup';
import { readWrappedKey, unwrapKey } from '../../../src/core/vault/local/wrapped-key';
import { fake } from '../support/fakes';
import { assertVaultError, FakeKeychain, freshHome, keyFile, openTestVault, removeTempDirs } from './helpers';

interface ChildReport {
  key?: string;
  error?: { code: string; message: string };
  nativeLoaded: boolean;
}

function runWithRealKeychain(home: string, operation: 'read' | 'store' | 'protect', argument?: string, env: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/envguard-test-bus' }): ChildReport {
  const script = path.join(__dirname, 'real-keychain-child.ts');
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', script, home, operation, ...(argument === undefined ? [] : [argument])], {
    cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8', env: { ...process.env, ...env },
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ChildReport;
}

/**
 * The key of the user's vault rests wrapped by a passphrase (core/vault/local/wrapped-key.ts). An
 * older EnvGuard kept it plain, in a key file beside the vault or in the OS keychain: `envguard
 * vault protect` wraps that key and removes the plain copy, keeping every secret.
 */
describe('local vault key store', () => {
  after(removeTempDirs);

  describe('protecting the key an older EnvGuard left in a key file', () => {
    it('wraps it, keeps every secret readable with it, and removes the plain file', async () => {
      const home = freshHome();
      await (await openTestVault(home)).set('OLD_SECRET', fake.password('old'));
      const key = (await readKeyFile(home))!;
      await protectVaultKey(home, key, 'a long passphrase', () => removeKeyFile(home));
      assert.equal(fs.existsSync(keyFile(home)), false);
      const unwrapped = (await unwrapKey((await readWrappedKey(home))!, 'a long passphrase'))!;
      assert.ok(unwrapped.equals(key));
      assert.equal((await (await openLocalVault({ home, env: {}, key: unwrapped })).get('OLD_SECRET')).value, fake.password('old'));
    });

    it('refuses a key that is not the store\'s, and changes nothing', async () => {
      const home = freshHome();
      await (await openTestVault(home)).set('S', fake.password('s'));
      await assertVaultError(protectVaultKey(home, Buffer.alloc(32, 1), 'a long passphrase', () => removeKeyFile(home)), 'corrupt', /not the one the local vault's store was written with/);
      assert.ok(fs.existsSync(keyFile(home)));
      assert.equal(await readWrappedKey(home), undefined);
    });

    it('refuses a short passphrase', async () => {
      const home = freshHome();
      await (await openTestVault(home)).set('S', fake.password('s'));
      await assert.rejects(protectVaultKey(home, (await readKeyFile(home))!, 'short', () => removeKeyFile(home)), /at least 8 characters/);
    });
  });

  describe('protecting the key an older EnvGuard left in the OS keychain (a fake keychain)', () => {
    it('reads it, wraps it, then deletes the entry and checks it is gone', async () => {
      const keychain = new FakeKeychain();
      const home = freshHome();
      const key = Buffer.alloc(32, 9);
      await keychain.open('EnvGuard', keychainAccountFor(home)).setPassword(key.toString('base64'));
      const found = (await readLegacyKeychainKey(home, keychain.open))!;
      assert.ok(found.key.equals(key));
      await protectVaultKey(home, found.key, 'a long passphrase', found.forget);
      assert.equal(keychain.entries.size, 0);
      assert.ok((await unwrapKey((await readWrappedKey(home))!, 'a long passphrase'))!.equals(key));
    });

    it('a keychain that cannot be reached has nothing to move', async () => {
      const keychain = new FakeKeychain();
      keychain.unreachable = 'no Secret Service';
      assert.equal(await readLegacyKeychainKey(freshHome(), keychain.open), undefined);
    });
  });

  describe('with the real keychain library, made unreachable', () => {
    before(function () {
      if (process.platform !== 'linux') this.skip();
    });

    it('the native library loads, finds no Secret Service, and reports nothing to move (no error, no hang)', () => {
      const report = runWithRealKeychain(freshHome(), 'read');
      assert.deepEqual(report, { nativeLoaded: true });
    });
  });

  it('rejects an unknown key store mode', async () => {
    await assertVaultError(openTestVault(freshHome(), { keyStore: 'cloud' }), 'unknown', /use passphrase or automation/);
  });
});
