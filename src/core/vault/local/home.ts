import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, errorCode } from '../../files/fs-errors';
import { VaultError } from '../types';

/** The environment variable that overrides where the local vault lives (tests and demos use it). */
export const ENVGUARD_HOME_VARIABLE = 'ENVGUARD_HOME';

/** Owner read/write only, for the files in the vault folder: the store holds ciphertext, the key file the key. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Where the local vault lives: outside every workspace, so no editor, agent or `git add` walking a
 * project ever meets it. A pure function of its inputs (tests cover every platform on any machine);
 * a relative ENVGUARD_HOME is returned as written and resolved by the caller against its cwd.
 *
 * - ENVGUARD_HOME when set;
 * - Windows: `%APPDATA%\EnvGuard` (else `<home>\AppData\Roaming\EnvGuard`);
 * - macOS: `~/Library/Application Support/EnvGuard`;
 * - Linux and other Unixes: `$XDG_DATA_HOME/envguard`, else `~/.local/share/envguard`.
 */
export function resolveLocalVaultHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, homedir: string): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const override = lookup(env, ENVGUARD_HOME_VARIABLE, platform);
  if (override) return paths.normalize(override);
  if (platform === 'win32') {
    const appData = lookup(env, 'APPDATA', platform);
    if (appData) return paths.join(appData, 'EnvGuard');
    return paths.join(requireHome(homedir), 'AppData', 'Roaming', 'EnvGuard');
  }
  if (platform === 'darwin') return paths.join(requireHome(homedir), 'Library', 'Application Support', 'EnvGuard');
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdgDataHome = lookup(env, 'XDG_DATA_HOME', platform);
  if (xdgDataHome && paths.isAbsolute(xdgDataHome)) return paths.join(xdgDataHome, 'envguard');
  return paths.join(requireHome(homedir), '.local', 'share', 'envguard');
}

/** Windows' environment names are case-insensitive; a plain object passed in is not. */
function lookup(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  const exact = env[name];
  if (exact !== undefined || platform !== 'win32') return exact === '' ? undefined : exact;
  const upper = name.toUpperCase();
  const found = Object.keys(env).find((key) => key.toUpperCase() === upper);
  const value = found === undefined ? undefined : env[found];
  return value === '' ? undefined : value;
}

function requireHome(homedir: string): string {
  if (!homedir) throw new VaultError('unknown', `no home folder is known for this user; set ${ENVGUARD_HOME_VARIABLE} to choose where the local vault lives`);
  return homedir;
}

/**
 * Refuses a vault folder or file that is not this user's alone: owned by another user, or open to
 * the group or others. A folder others can write lets them put a store (or a key) of their own in
 * place; one others can read hands them the ciphertext and, with a key file, the key. Root is no
 * exception: a vault another user owns is that user's. Windows keeps permissions in ACLs: not checked.
 */
export async function assertPrivate(target: string, kind: 'folder' | 'file'): Promise<void> {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  let stat;
  try {
    stat = await lstat(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw new VaultError('unknown', `cannot check the local vault's ${kind} ${target}: ${describeFsError(error)}`);
  }
  const what = kind === 'folder' ? 'folder' : 'file';
  if (stat.isSymbolicLink()) {
    throw new VaultError('forbidden', `the local vault's ${what} ${target} is a symbolic link: EnvGuard keeps secrets only in a folder and files of your own, not where a link points`);
  }
  const uid = process.getuid();
  if (stat.uid !== uid) {
    throw new VaultError('forbidden', `the local vault's ${what} ${target} belongs to another user (uid ${stat.uid}, you are ${uid}): EnvGuard keeps your secrets only where you alone can read and write. Set ${ENVGUARD_HOME_VARIABLE} to a folder of your own`);
  }
  const open = stat.mode & 0o077;
  if (open !== 0) {
    const how = open & 0o022 ? 'written' : 'read';
    throw new VaultError('forbidden', `the local vault's ${what} ${target} can be ${how} by other users (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}): EnvGuard keeps secrets only where you alone can read and write. Run: chmod ${kind === 'folder' ? '700' : '600'} ${target}`);
  }
}
