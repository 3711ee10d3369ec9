import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

const VALUES = { GITHUB_TOKEN: fake.githubToken('shared'), STRIPE_KEY: fake.stripeSecret('shared'), OPENAI_API_KEY: fake.openAiKey('shared') };
const ENV = Object.entries(VALUES).map(([key, value]) => `${key}=${value}\n`).join('');

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** A cause shared by many items is said once, with a count, and every item is still named. */
describe('envguard migrate: a cause shared by many values is said once (real processes)', () => {
  it('a bad prefix: one line with the count, then the values it blocks', async () => {
    const p = makeProject({ '.env': ENV });
    try {
      const result = await runCli(['migrate', '.env', '--prefix', 'bad prefix', '--yes'], { cwd: p.dir, env: { ENVGUARD_HOME: path.join(p.dir, 'vault'), ENVGUARD_KEY_STORE: 'file' } });
      assert.equal(result.code, 1);
      assert.equal(count(result.stdout, 'cannot start a local vault name'), 1, result.stdout);
      assert.match(result.stdout, /blocked \(3 values\): the prefix "bad prefix" cannot start a local vault name/);
      assert.match(result.stdout, /\n {4}\.env:1 GITHUB_TOKEN, \.env:2 STRIPE_KEY, \.env:3 OPENAI_API_KEY\n/);
    } finally {
      p.cleanup();
    }
  });

  // A full disk needs a small file system of its own: a tmpfs, which only root may mount.
  const root = process.platform === 'linux' && process.getuid?.() === 0;
  (root ? it : it.skip)('a full disk (ENOSPC on a real tmpfs): one line with the count; every value stays in the file', async function () {
    const base = mkdtempSync(path.join(tmpdir(), 'envguard-full-'));
    const disk = path.join(base, 'disk');
    mkdirSync(disk);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]).status !== 0) {
      rmSync(base, { recursive: true, force: true });
      this.skip(); // a container without the right to mount
    }
    const p = makeProject({ '.env': ENV });
    try {
      const env = { ENVGUARD_HOME: path.join(disk, 'vault'), ENVGUARD_KEY_STORE: 'file' };
      assert.equal((await runCli(['vault', 'set', 'FIRST'], { cwd: p.dir, env, input: 'k-1\n' })).code, 0, 'the vault, its key and its store exist');
      // Fill what is left of the disk, so that the store's next write fails with ENOSPC.
      const filler = path.join(disk, 'filler');
      for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 2)) {
        try {
          writeFileSync(`${filler}-${size}`, Buffer.alloc(size));
        } catch {
          rmSync(`${filler}-${size}`, { force: true });
        }
      }
      const result = await runCli(['migrate', '.env', '--yes'], { cwd: p.dir, env });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.equal(count(result.stdout, 'no space left on device'), 1, result.stdout);
      assert.match(result.stdout, /not moved \(3 values\): cannot (write|lock) the local vault's store .*: no space left on device\n {4}\.env:1 GITHUB_TOKEN, \.env:2 STRIPE_KEY, \.env:3 OPENAI_API_KEY\n/);
      assert.equal(readFileSync(path.join(p.dir, '.env'), 'utf8'), ENV);
      for (const value of Object.values(VALUES)) assert.ok(!(result.stdout + result.stderr).includes(value));
    } finally {
      p.cleanup();
      spawnSync('umount', [disk]);
      rmSync(base, { recursive: true, force: true });
    }
  });
});
