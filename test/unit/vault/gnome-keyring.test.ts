import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { keychainAccountFor } from '../../../src/core/vault/local/keychain';
import { readKeyFile } from '../../../src/core/vault/local/setup';
import { readWrappedKey, unwrapKey } from '../../../src/core/vault/local/wrapped-key';
import { fake } from '../support/fakes';
import { freshHome, keyFile, openTestVault, removeTempDirs } from './helpers';
import { rmSync } from 'node:fs';

function available(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A real Secret Service: gnome-keyring in a private D-Bus session (dbus-run-session), asked with
 * secret-tool as any program of the user could. An older EnvGuard's key there is handed to anyone
 * who asks; after `protect`, the keychain holds nothing of EnvGuard's, and the key rests wrapped.
 */
describe('local vault key store: a real gnome-keyring', function () {
  this.timeout(120_000);
  before(function () {
    if (process.platform !== 'linux' || !['dbus-run-session', 'gnome-keyring-daemon', 'secret-tool'].every(available)) this.skip();
  });
  after(removeTempDirs);

  it('an older EnvGuard\'s key in the keychain is readable by any program; protect wraps it and leaves the keychain empty', async () => {
    const home = freshHome();
    await (await openTestVault(home)).set('OLD', fake.password('keyring'));
    const key = (await readKeyFile(home))!;
    rmSync(keyFile(home));
    const child = path.join(__dirname, 'real-keychain-child.ts');
    const root = path.resolve(__dirname, '../../..');
    const account = keychainAccountFor(home);
    const script = [
      'echo -n unlock-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
      `node --require tsx/cjs ${child} "$HOME_DIR" store "$KEY" >/dev/null`,
      'echo "BEFORE=$(secret-tool lookup service EnvGuard username "$ACCOUNT")"',
      `node --require tsx/cjs ${child} "$HOME_DIR" protect 'a long passphrase'`,
      'echo',
      'echo "AFTER=$(secret-tool lookup service EnvGuard username "$ACCOUNT")"',
      'echo "SEARCH=$(secret-tool search --all service EnvGuard 2>/dev/null | tr "\\n" " ")"',
    ].join('\n');
    const result = spawnSync('dbus-run-session', ['--', 'bash', '-c', script], {
      // A home of its own: the keyring (and its password) is this test's, never the developer's.
      cwd: root, encoding: 'utf8', env: { ...process.env, HOME: path.dirname(home), XDG_DATA_HOME: path.join(path.dirname(home), 'data'), HOME_DIR: home, KEY: key.toString('base64'), ACCOUNT: account },
    });
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout;
    if (!/BEFORE=./.test(out)) assert.fail(`the keychain did not keep the older key:\n${out}\n${result.stderr}`);
    assert.match(out, new RegExp(`BEFORE=${key.toString('base64').replace(/[+/]/g, (c) => `\\${c}`)}`), 'the old way: any program asking the keychain gets the key');
    const report = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as { key?: string; error?: unknown };
    assert.equal(report.error, undefined);
    assert.equal(report.key, key.toString('base64'));
    assert.match(out, /^AFTER=$/m, 'the keychain no longer holds it');
    assert.match(out, /^SEARCH=\s*$/m, 'nothing of EnvGuard\'s is left in the keychain');
    assert.ok((await unwrapKey((await readWrappedKey(home))!, 'a long passphrase'))!.equals(key));
  });
});
