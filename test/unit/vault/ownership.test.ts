import * as assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { otherUser, runCliAs, type OtherUser } from '../support/other-user';

/**
 * The hardening issue's item 7, as a second user: a vault folder or file that another user owns, or
 * that others can read or write, is refused with a clear message (a planted, world-writable
 * ENVGUARD_HOME let a second user substitute the store). Root passes every permission check, so
 * these run as an unprivileged user the test creates; without root they skip.
 */
describe('local vault: a folder or file that is not yours alone is refused (a second user)', function () {
  this.timeout(120_000);
  let user: OtherUser | undefined;
  let base: string;
  before(function () {
    user = otherUser();
    if (!user) this.skip(); // needs root on Linux, to create the second user
  });
  after(() => user?.cleanup());
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'envguard-owner-'));
    chmodSync(base, 0o755);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  /** A folder owned by `uid` with `mode`. */
  function folder(name: string, uid: number, gid: number, mode: number): string {
    const dir = path.join(base, name);
    mkdirSync(dir);
    chownSync(dir, uid, gid);
    chmodSync(dir, mode);
    return dir;
  }

  const env = (home: string) => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' });

  it('the second user is refused a world-writable vault folder that root planted for it', async () => {
    const planted = folder('planted', 0, 0, 0o777);
    const work = folder('work', user!.uid, user!.gid, 0o755);
    const result = await runCliAs(user, ['vault', 'set', 'TOKEN'], { cwd: work, env: env(planted), input: 'value-1\n' });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /the local vault's folder .*planted belongs to another user \(uid 0, you are \d+\)/);
  });

  it('root is refused a vault folder that the second user owns', async () => {
    const theirs = folder('theirs', user!.uid, user!.gid, 0o700);
    const result = await runCliAs(undefined, ['vault', 'list'], { cwd: base, env: env(theirs) });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /belongs to another user \(uid \d+, you are 0\)/);
  });

  it('the second user is refused its own vault folder while others can write it, and told how to fix it', async () => {
    const own = folder('own', user!.uid, user!.gid, 0o777);
    const result = await runCliAs(user, ['vault', 'list'], { cwd: own, env: env(own) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /can be written by other users \(mode 0777\).*Run: chmod 700 /);
    chmodSync(own, 0o700);
    const fixed = await runCliAs(user, ['vault', 'list'], { cwd: own, env: env(own) });
    assert.equal(fixed.code, 0, fixed.stderr);
  });

  it('a store or key file others can read is refused; a store another user put in place is refused', async () => {
    const own = folder('own2', user!.uid, user!.gid, 0o700);
    assert.equal((await runCliAs(user, ['vault', 'set', 'TOKEN'], { cwd: own, env: env(own), input: 'value-1\n' })).code, 0);
    chmodSync(path.join(own, 'vault.key'), 0o644);
    const readable = await runCliAs(user, ['vault', 'list'], { cwd: own, env: env(own) });
    assert.equal(readable.code, 2);
    assert.match(readable.stderr, /vault\.key can be read by other users \(mode 0644\)/);
    chmodSync(path.join(own, 'vault.key'), 0o600);
    writeFileSync(path.join(own, 'vault.json'), '{}', { mode: 0o600 });
    chownSync(path.join(own, 'vault.json'), 0, 0); // someone else's store, in the user's folder
    const substituted = await runCliAs(user, ['vault', 'list'], { cwd: own, env: env(own) });
    assert.equal(substituted.code, 2);
    assert.match(substituted.stderr, /vault\.json belongs to another user \(uid 0/);
  });
});
