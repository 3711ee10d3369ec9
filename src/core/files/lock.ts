import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { errorCode } from './fs-errors';

/**
 * An inter-process lock on a file, from file-system operations alone (no native module, so no
 * binary per platform), that no two processes hold at once, also when a holder was killed.
 *
 * - The lock is a directory, `<file>.lock`, holding `owner.json` (pid, host, a random token). It is
 *   made whole in a temporary directory and renamed into place: the rename succeeds only where no
 *   lock is (a directory that holds a file cannot be renamed over), so exactly one process gets it,
 *   and a lock never exists without its owner.
 * - A lock whose holder is dead (its pid gone on this host, or its heartbeat older than STALE_MS)
 *   is broken by renaming it to `<file>.lock.dead-<its token>`, and that tombstone is kept. A second
 *   process that judged the same holder dead and renames after the first has broken the lock (and a
 *   third has taken it anew) fails: the tombstone's name is taken. So breaking a lock can never
 *   displace a live one; breaking is also checked against the token read just before.
 * - The holder checks, right before each write it guards, that the lock is still its own (`held`).
 */

/** A holder refreshes its heartbeat this often while it holds the lock. */
const HEARTBEAT_MS = 2_000;
/** A lock whose heartbeat is older than this is stale, whatever its pid says (pid reused, another host). */
const STALE_MS = 30_000;
/** How long to wait for a live holder before giving up: writes hold the lock for milliseconds. */
const WAIT_MS = 60_000;
/** Tombstones of broken locks older than this are removed (they only guard against a late breaker). */
const TOMBSTONE_TTL_MS = 24 * 3600_000;

interface Owner {
  readonly token: string;
  readonly pid: number;
  readonly host: string;
}

export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string) {
    super(`${lockPath} is held by another process`);
    this.name = 'LockTimeoutError';
  }
}

export class LockLostError extends Error {
  constructor(readonly lockPath: string) {
    super(`the lock ${lockPath} was taken over by another process`);
    this.name = 'LockLostError';
  }
}

/** What the action gets: `held()` throws LockLostError unless the lock is still this process's. */
export interface HeldLock {
  readonly path: string;
  held(): Promise<void>;
}

export async function withFileLock<T>(file: string, action: (lock: HeldLock) => Promise<T>, waitMs = WAIT_MS): Promise<T> {
  const lockPath = `${file}.lock`;
  const owner: Owner = { token: randomBytes(12).toString('hex'), pid: process.pid, host: hostname() };
  await acquire(lockPath, owner, waitMs);
  const heartbeat = setInterval(() => { void touch(lockPath); }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await action({
      path: lockPath,
      held: async () => {
        if ((await readOwner(lockPath))?.token !== owner.token) throw new LockLostError(lockPath);
      },
    });
  } finally {
    clearInterval(heartbeat);
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, owner: Owner, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, owner)) return;
    const holder = await readOwner(lockPath);
    if (holder ? await isStale(lockPath, holder) : await isAbandoned(lockPath)) {
      await breakLock(lockPath, holder);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath);
    // Short waits first (a write holds it for milliseconds), with jitter so waiters do not march in step.
    await delay(Math.min(200, 5 * 1.5 ** Math.min(attempt, 12)) * (0.5 + Math.random()));
  }
}

/** Creates the lock whole (directory and owner) by renaming a prepared directory into place. */
async function tryCreate(lockPath: string, owner: Owner): Promise<boolean> {
  const staging = `${lockPath}.new-${owner.token}`;
  await fs.mkdir(staging, { recursive: true });
  try {
    await fs.writeFile(path.join(staging, 'owner.json'), JSON.stringify(owner));
    await fs.rename(staging, lockPath);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM' || code === 'EACCES' || code === 'EISDIR') return false;
    throw error;
  } finally {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function readOwner(lockPath: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(path.join(lockPath, 'owner.json'), 'utf8')) as Partial<Owner>;
    return typeof owner.token === 'string' && typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner as Owner : undefined;
  } catch {
    return undefined; // no lock (released meanwhile), or one from another version: waited for
  }
}

/** Dead: its process is gone on this host; or silent: its heartbeat stopped longer ago than STALE_MS. */
async function isStale(lockPath: string, holder: Owner): Promise<boolean> {
  if (holder.host === hostname() && !isAlive(holder.pid)) return true;
  try {
    const { mtimeMs } = await fs.stat(path.join(lockPath, 'owner.json'));
    return Date.now() - mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

/**
 * Moves the dead holder's lock to its own tombstone. If the lock there is no longer that holder's
 * (checked again first), nothing is done; if another process broke it already, the tombstone's
 * name is taken and the rename fails: either way no live lock is ever moved.
 */
async function breakLock(lockPath: string, holder: Owner | undefined): Promise<void> {
  if ((await readOwner(lockPath))?.token !== holder?.token) return;
  // A lock without an owner (an older EnvGuard's, long abandoned) gets a tombstone of its own.
  const tombstone = `${lockPath}.dead-${holder?.token ?? `unowned-${randomBytes(8).toString('hex')}`}`;
  try {
    await fs.rename(lockPath, tombstone);
  } catch {
    return; // broken by another process, or no longer there: try again to take it
  }
  const now = new Date();
  await fs.utimes(tombstone, now, now).catch(() => undefined); // its age counts from now (removeOldTombstones)
  await removeOldTombstones(lockPath);
}

/**
 * A lock folder without an owner file is not one this version makes (it renames the lock into
 * place whole): an older EnvGuard's lock, or one being released. Left for STALE_MS, it is abandoned.
 */
async function isAbandoned(lockPath: string): Promise<boolean> {
  try {
    const { mtimeMs } = await fs.stat(lockPath);
    return Date.now() - mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

async function release(lockPath: string, owner: Owner): Promise<void> {
  if ((await readOwner(lockPath))?.token !== owner.token) return; // lost: not ours to remove
  const released = `${lockPath}.released-${owner.token}`;
  try {
    await fs.rename(lockPath, released);
  } catch {
    return;
  }
  await fs.rm(released, { recursive: true, force: true }).catch(() => undefined);
}

async function touch(lockPath: string): Promise<void> {
  const now = new Date();
  await fs.utimes(path.join(lockPath, 'owner.json'), now, now).catch(() => undefined);
}

async function removeOldTombstones(lockPath: string): Promise<void> {
  const dir = path.dirname(lockPath);
  const prefix = `${path.basename(lockPath)}.dead-`;
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > TOMBSTONE_TTL_MS) await fs.rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // exists, owned by someone else
  }
}

/** For tests and diagnostics: who holds the lock of `file` now, if anyone. */
export function lockHolderOf(file: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(path.join(`${file}.lock`, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}
