/**
 * The `envguard` command on PATH from the extension (EnvGuard: Install 'envguard' Command in PATH), as
 * VS Code's own `code` command: a small launcher that runs the CLI the extension ships (dist/cli.js)
 * with the runtime the extension host runs in, `ELECTRON_RUN_AS_NODE=1 "<VS Code>" cli.js
 * --ms-enable-electron-run-as-node`, as VS Code's code.sh does (in a remote or web host the runtime is
 * plain Node, which ignores both). No vscode import: the unit tests run it on real folders.
 *
 * Linux and macOS: the launcher is written to the extension's global storage and linked from
 * ~/.local/bin/envguard (created if missing; the user is told when it is not on PATH). Windows: an
 * `envguard.cmd` in %LOCALAPPDATA%\Programs\EnvGuard\bin, whose folder the user adds to PATH (told how).
 * A file there that EnvGuard did not write is never replaced without the user's yes, nor removed.
 */
import { chmod, lstat, mkdir, readFile, readlink, rm, symlink } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from '../core/files/atomic-write';

/** The first line after the shebang of every launcher EnvGuard writes: how one is recognised as ours. */
export const LAUNCHER_MARK = 'envguard-launcher: written by the EnvGuard extension';

export interface LauncherPlace {
  /** The folder on PATH that gets `envguard` (~/.local/bin, or the per-user folder on Windows). */
  readonly binDir: string;
  /** The entry in binDir: a symbolic link on Linux and macOS, the `.cmd` itself on Windows. */
  readonly entry: string;
  /** The launcher itself (the link's target); the same as `entry` on Windows. */
  readonly launcher: string;
}

export interface LauncherInputs {
  readonly platform: NodeJS.Platform;
  readonly home: string;
  /** The extension's global storage folder (stays when the extension is updated). */
  readonly storageDir: string;
  /** LOCALAPPDATA, on Windows. */
  readonly localAppData?: string | undefined;
}

export function launcherPlace(inputs: LauncherInputs): LauncherPlace {
  if (inputs.platform === 'win32') {
    const binDir = path.win32.join(inputs.localAppData ?? path.win32.join(inputs.home, 'AppData', 'Local'), 'Programs', 'EnvGuard', 'bin');
    const entry = path.win32.join(binDir, 'envguard.cmd');
    return { binDir, entry, launcher: entry };
  }
  const binDir = path.join(inputs.home, '.local', 'bin');
  return { binDir, entry: path.join(binDir, 'envguard'), launcher: path.join(inputs.storageDir, 'bin', 'envguard') };
}

/** Quotes a path for /bin/sh: single quotes, a single quote written as '\''. */
function shellQuoted(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** The launcher's text: `runtime` runs `cli` with Electron's run-as-node switches, as VS Code's `code` does. */
export function launcherText(platform: NodeJS.Platform, runtime: string, cli: string): string {
  const moved = "the EnvGuard extension is no longer there (updated or removed): run \"EnvGuard: Install 'envguard' Command in PATH\" in VS Code again";
  if (platform === 'win32') {
    // cmd expands %…% even inside quotes; an unquoted echo also reads & | < > ^ ( ) as its own.
    const quoted = (path: string): string => `"${path.replace(/%/g, '%%')}"`;
    return [
      '@echo off',
      `rem ${LAUNCHER_MARK} (EnvGuard: Install 'envguard' Command in PATH)`,
      'setlocal',
      `if not exist ${quoted(cli)} (`,
      `  echo envguard: the CLI is gone: ${moved} 1>&2`,
      '  exit /b 127',
      ')',
      'set ELECTRON_RUN_AS_NODE=1',
      `${quoted(runtime)} ${quoted(cli)} --ms-enable-electron-run-as-node %*`,
      '',
    ].join('\r\n');
  }
  return [
    '#!/bin/sh',
    `# ${LAUNCHER_MARK} (EnvGuard: Install 'envguard' Command in PATH).`,
    "# It runs the CLI the extension ships with VS Code's own runtime, as VS Code's `code` command does.",
    `CLI=${shellQuoted(cli)}`,
    `RUNTIME=${shellQuoted(runtime)}`,
    'if [ ! -f "$CLI" ] || [ ! -x "$RUNTIME" ]; then',
    `  echo "envguard: $CLI: ${moved.replace(/"/g, '\\"')}" >&2`,
    '  exit 127',
    'fi',
    'ELECTRON_RUN_AS_NODE=1 exec "$RUNTIME" "$CLI" --ms-enable-electron-run-as-node "$@"',
    '',
  ].join('\n');
}

/** What is at the entry's place: nothing, ours (a link to our launcher, or a launcher we wrote), or someone else's. */
export async function entryOwner(place: LauncherPlace): Promise<'none' | 'ours' | 'foreign'> {
  let isLink: boolean;
  try {
    isLink = (await lstat(place.entry)).isSymbolicLink();
  } catch {
    return 'none';
  }
  if (isLink) {
    const target = path.resolve(place.binDir, await readlink(place.entry));
    if (target === place.launcher) return 'ours';
  }
  const text = await readFile(place.entry, 'utf8').catch(() => '');
  return text.split(/\r?\n/, 3).some((line) => line.includes(LAUNCHER_MARK)) ? 'ours' : 'foreign';
}

export type InstallOutcome =
  | { readonly outcome: 'installed'; readonly createdBinDir: boolean }
  | { readonly outcome: 'foreign'; readonly entry: string };

/**
 * Writes the launcher and puts `envguard` in binDir. A file there that is not ours is left unless
 * `replaceForeign` (the user said yes); ours is brought up to date.
 */
export async function installLauncher(place: LauncherPlace, platform: NodeJS.Platform, runtime: string, cli: string, replaceForeign = false): Promise<InstallOutcome> {
  const owner = await entryOwner(place);
  if (owner === 'foreign' && !replaceForeign) return { outcome: 'foreign', entry: place.entry };
  const createdBinDir = !(await lstat(place.binDir).then(() => true, () => false));
  await mkdir(place.binDir, { recursive: true });
  await mkdir(path.dirname(place.launcher), { recursive: true });
  await writeFileAtomic(place.launcher, launcherText(platform, runtime, cli));
  if (platform !== 'win32') {
    await chmod(place.launcher, 0o755);
    if (owner !== 'none') await rm(place.entry, { force: true });
    await symlink(place.launcher, place.entry);
  }
  return { outcome: 'installed', createdBinDir };
}

/** Removes `envguard` from binDir when it is ours (and the launcher); someone else's is left. */
export async function uninstallLauncher(place: LauncherPlace): Promise<'removed' | 'none' | 'foreign'> {
  const owner = await entryOwner(place);
  if (owner === 'foreign') return 'foreign';
  await rm(place.entry, { force: true });
  await rm(place.launcher, { force: true });
  return owner === 'ours' ? 'removed' : 'none';
}

/** Whether `dir` is one of PATH's folders. */
export function isOnPathList(dir: string, pathVariable: string | undefined, platform: NodeJS.Platform): boolean {
  const normalise = (folder: string): string => {
    const resolved = path.resolve(folder).replace(/[\\/]+$/, '');
    return platform === 'win32' ? resolved.toLowerCase() : resolved;
  };
  const wanted = normalise(dir);
  return (pathVariable ?? '').split(platform === 'win32' ? ';' : ':').filter((folder) => folder !== '').some((folder) => normalise(folder) === wanted);
}

/**
 * After an update the extension lives in another folder (and VS Code's runtime may have moved): an
 * installed launcher of ours is rewritten to point to this one. Nothing is done when none is installed.
 * Returns whether it was rewritten.
 */
export async function refreshLauncher(place: LauncherPlace, platform: NodeJS.Platform, runtime: string, cli: string): Promise<boolean> {
  if ((await entryOwner(place)) !== 'ours') return false;
  const wanted = launcherText(platform, runtime, cli);
  if ((await readFile(place.launcher, 'utf8').catch(() => undefined)) === wanted) return false;
  await writeFileAtomic(place.launcher, wanted);
  if (platform !== 'win32') await chmod(place.launcher, 0o755);
  return true;
}
