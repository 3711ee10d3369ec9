import * as assert from 'node:assert/strict';
import { resolveLocalVaultHome, VaultError } from '../../../src/core/vault';

describe('local vault home', () => {
  it('uses ENVGUARD_HOME on every platform', () => {
    assert.equal(resolveLocalVaultHome({ ENVGUARD_HOME: '/srv/vault/', XDG_DATA_HOME: '/x' }, 'linux', '/home/me'), '/srv/vault/');
    assert.equal(resolveLocalVaultHome({ ENVGUARD_HOME: '/srv//vault' }, 'darwin', '/Users/me'), '/srv/vault');
    assert.equal(resolveLocalVaultHome({ ENVGUARD_HOME: 'D:\\vaults\\mine', APPDATA: 'C:\\x' }, 'win32', 'C:\\Users\\me'), 'D:\\vaults\\mine');
  });

  it('ignores an empty ENVGUARD_HOME', () => {
    assert.equal(resolveLocalVaultHome({ ENVGUARD_HOME: '' }, 'linux', '/home/me'), '/home/me/.local/share/envguard');
  });

  it('follows XDG on Linux and other Unixes', () => {
    assert.equal(resolveLocalVaultHome({}, 'linux', '/home/me'), '/home/me/.local/share/envguard');
    assert.equal(resolveLocalVaultHome({ XDG_DATA_HOME: '/data/me' }, 'linux', '/home/me'), '/data/me/envguard');
    assert.equal(resolveLocalVaultHome({ XDG_DATA_HOME: '/data/me' }, 'freebsd', '/home/me'), '/data/me/envguard');
    // The XDG spec: a relative path is invalid and ignored.
    assert.equal(resolveLocalVaultHome({ XDG_DATA_HOME: 'relative/data' }, 'linux', '/home/me'), '/home/me/.local/share/envguard');
  });

  it("uses Application Support on macOS (XDG does not apply)", () => {
    assert.equal(resolveLocalVaultHome({ XDG_DATA_HOME: '/data/me' }, 'darwin', '/Users/me'), '/Users/me/Library/Application Support/EnvGuard');
  });

  it('uses %APPDATA% on Windows, whatever the case of its name', () => {
    assert.equal(resolveLocalVaultHome({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32', 'C:\\Users\\me'), 'C:\\Users\\me\\AppData\\Roaming\\EnvGuard');
    assert.equal(resolveLocalVaultHome({ AppData: 'E:\\Roaming' }, 'win32', 'C:\\Users\\me'), 'E:\\Roaming\\EnvGuard');
    assert.equal(resolveLocalVaultHome({ envguard_home: 'E:\\v' }, 'win32', 'C:\\Users\\me'), 'E:\\v');
    assert.equal(resolveLocalVaultHome({}, 'win32', 'C:\\Users\\me'), 'C:\\Users\\me\\AppData\\Roaming\\EnvGuard');
  });

  it('names are case-sensitive outside Windows', () => {
    assert.equal(resolveLocalVaultHome({ envguard_home: '/elsewhere' }, 'linux', '/home/me'), '/home/me/.local/share/envguard');
  });

  it('asks for ENVGUARD_HOME when there is no home folder', () => {
    assert.throws(() => resolveLocalVaultHome({}, 'linux', ''), (error: unknown) => error instanceof VaultError && /ENVGUARD_HOME/.test(error.message));
  });
});
