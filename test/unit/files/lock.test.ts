import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { LockLostError, LockTimeoutError, lockHolderOf, withFileLock } from '../../../src/core/files/lock';

describe('the file lock (no two holders, also after a holder was killed)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'envguard-lock-'));
    file = path.join(dir, 'store.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A lock as a killed holder leaves it: its folder, its owner naming a process that is gone. */
  function deadHoldersLock(): string {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const token = 'a'.repeat(24);
    mkdirSync(`${file}.lock`);
    writeFileSync(path.join(`${file}.lock`, 'owner.json'), JSON.stringify({ token, pid: Number(gone.stdout), host: hostname() }));
    return token;
  }

  it('holds the lock whole: its folder always names its owner, and nothing is left after release', async () => {
    await withFileLock(file, () => {
      assert.equal(lockHolderOf(file)?.pid, process.pid);
      return Promise.resolve();
    });
    assert.deepEqual(readdirSync(dir), []);
  });

  it('takes over at once the lock of a holder that is gone, leaving a tombstone named after it', async () => {
    const token = deadHoldersLock();
    // Less patience than a heartbeat takes to go stale (30 s): only the dead owner can let it through.
    await withFileLock(file, () => {
      assert.equal(lockHolderOf(file)?.pid, process.pid);
      return Promise.resolve();
    }, 20_000);
    assert.deepEqual(readdirSync(dir), [`store.json.lock.dead-${token}`], 'the tombstone keeps a late breaker from displacing a new lock');
  });

  it('a late breaker of the same dead holder cannot displace the lock taken since', async () => {
    const token = deadHoldersLock();
    await withFileLock(file, async (lock) => {
      // What a process that judged the same holder dead a moment ago would do now: its rename fails.
      assert.throws(() => renameSync(`${file}.lock`, `${file}.lock.dead-${token}`), /ENOTEMPTY|EEXIST|EPERM/);
      await lock.held();
    });
  });

  it('waits for a live holder and gives up with a clear error; a holder that lost its lock knows it', async () => {
    await withFileLock(file, async (lock) => {
      await assert.rejects(withFileLock(file, () => Promise.resolve(), 300), LockTimeoutError);
      renameSync(`${file}.lock`, `${file}.lock.moved`); // taken away (as a wrongful breaker would)
      await assert.rejects(lock.held(), LockLostError);
    });
    assert.ok(existsSync(`${file}.lock.moved`), 'a lock no longer ours is not removed on release');
  });

  it('serialises writers within one process too', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 8 }, () => withFileLock(file, async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 5));
      inside--;
    })));
    assert.equal(most, 1);
  });
});
