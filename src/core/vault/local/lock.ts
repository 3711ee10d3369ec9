import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { VaultError } from '../types';
import { errorCode } from '../../files/fs-errors';

/**
 * Retries for up to about 45 seconds in all: a write holds the lock for a few milliseconds, so this
 * only runs out when another process is stuck (and then the stale check below takes over).
 */
const RETRIES = { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 250, randomize: true };
/**
 * A lock whose holder stopped refreshing it for this long is stale (its process died) and is
 * taken over. The holder refreshes it every stale/2, so a live writer never loses it.
 */
const STALE_MS = 10_000;

/**
 * Runs `action` while holding the store's inter-process lock (`<store>.lock`, a folder created
 * atomically by proper-lockfile). Every read-modify-write of the store goes through here, so two
 * processes writing at once lose nothing. `lockLost()` tells `action` whether the lock was taken
 * over meanwhile; it checks that before its rename and gives up instead of overwriting.
 */
export async function withStoreLock<T>(storeFile: string, action: (lockLost: () => boolean) => Promise<T>): Promise<T> {
  // Loaded on first write only: reads, the CLI's startup and the extension's activation never pay for it.
  const { lock } = await import('proper-lockfile');
  await expireLockOfDeadHolder(storeFile);
  let compromised = false;
  let release: () => Promise<void>;
  try {
    release = await lock(storeFile, {
      realpath: false, // the store may not exist yet
      stale: STALE_MS,
      retries: RETRIES,
      onCompromised: () => { compromised = true; }, // the default throws from a timer, killing the process
    });
  } catch (error) {
    if (errorCode(error) === 'ELOCKED') {
      throw new VaultError('locked', `the local vault's store ${storeFile} is locked by another process (lock ${storeFile}.lock); try again, or remove the lock if no envguard process is running`);
    }
    throw new VaultError('unknown', `cannot lock the local vault's store ${storeFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await fs.writeFile(ownerFile(storeFile), JSON.stringify({ pid: process.pid, host: hostname() })).catch(() => undefined);
    return await action(() => compromised);
  } finally {
    await fs.rm(ownerFile(storeFile), { force: true }).catch(() => undefined);
    await release().catch(() => undefined); // a lost lock cannot be released; nothing else to do
  }
}

export function lockLostError(storeFile: string): VaultError {
  return new VaultError('locked', `the lock on the local vault's store ${storeFile} was taken over by another process during a write; nothing was written, try again`);
}

/** Who holds the lock, beside it (proper-lockfile removes its lock folder with a plain rmdir). */
function ownerFile(storeFile: string): string {
  return `${storeFile}.lock-owner.json`;
}

/**
 * A process killed while holding the lock (Ctrl-C at the wrong moment, a crash) would make the next
 * one wait for the stale timeout. When the lock's recorded holder is a process of this machine that
 * no longer exists, the lock is aged past that timeout so proper-lockfile takes it over at once. If
 * a live process took the lock meanwhile, ageing it only makes that process see its lock as lost:
 * it abandons its write (nothing is lost) and the caller retries.
 */
async function expireLockOfDeadHolder(storeFile: string): Promise<void> {
  const lockDir = `${storeFile}.lock`;
  let owner: { pid?: unknown; host?: unknown };
  try {
    owner = JSON.parse(await fs.readFile(ownerFile(storeFile), 'utf8')) as { pid?: unknown; host?: unknown };
  } catch {
    return; // no lock, or no owner recorded yet
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number' || isAlive(owner.pid)) return;
  const past = new Date(Date.now() - 10 * STALE_MS);
  await fs.utimes(lockDir, past, past).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // exists, owned by someone else
  }
}
