/** Shared by the ai-ignore tests: temp folders, and git itself as the reference for gitignore semantics. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const tempDirs: string[] = [];

/** A fresh empty folder, removed after the run. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-ignore-'));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** git with no user or system configuration, so that a global excludes file cannot change answers. */
function git(cwd: string, args: string[], input?: string): { status: number | null; stdout: string } {
  const result = spawnSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout };
}

/**
 * The subset of `paths` that git ignores when `rules` is the repository's .gitignore
 * (`git check-ignore --no-index`, which ignores whether a file is tracked).
 */
export function gitIgnoredPaths(rules: string, paths: readonly string[]): Set<string> {
  const repo = tempDir();
  git(repo, ['init', '-q']);
  fs.writeFileSync(path.join(repo, '.gitignore'), rules);
  const result = git(repo, ['check-ignore', '--no-index', '--stdin'], `${paths.join('\n')}\n`);
  // 0: some paths are ignored, 1: none; anything else is a failure of the check itself.
  if (result.status !== 0 && result.status !== 1) throw new Error(`git check-ignore exited with ${String(result.status)}`);
  return new Set(result.stdout.split('\n').filter((line) => line !== ''));
}

/** Reads every file under `dir` (relative `/` paths → bytes), to compare whole trees. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, absolute).split(path.sep).join('/'), fs.readFileSync(absolute));
  }
  return files;
}
