import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, CLI_NODE, type CliResult } from './cli';

/**
 * A second, unprivileged user for the permission and ownership tests: CI runs as root, which every
 * permission check lets through, so these checks are only meaningful as someone else. Created once
 * (useradd) when the tests run as root on Linux; undefined elsewhere (the tests then skip, visibly).
 */
export interface OtherUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** The CLI's bundles copied where that user can read them (the checkout may sit in root's home). */
  readonly cli: string;
  cleanup(): void;
}

export const OTHER_USER_NAME = 'envguard-test-user';

export function otherUser(): OtherUser | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  try {
    execFileSync('id', ['-u', OTHER_USER_NAME], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', OTHER_USER_NAME], { stdio: 'ignore' });
    } catch {
      return undefined;
    }
  }
  const uid = Number(execFileSync('id', ['-u', OTHER_USER_NAME], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', OTHER_USER_NAME], { encoding: 'utf8' }).trim());
  const dir = mkdtempSync(path.join(tmpdir(), 'envguard-cli-copy-'));
  chmodSync(dir, 0o755);
  cpSync(path.dirname(CLI), path.join(dir, 'dist'), { recursive: true });
  execFileSync('chmod', ['-R', 'a+rX', dir]);
  return { name: OTHER_USER_NAME, uid, gid, cli: path.join(dir, 'dist', path.basename(CLI)), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the CLI as `user` (or as this process's user when `user` is undefined) in `cwd`. */
export function runCliAs(user: OtherUser | undefined, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_NODE, [user?.cli ?? CLI, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: options.cwd, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
