import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, CLI_NODE, makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';
import { VERSION } from '../../../src/cli/version';

/**
 * The built CLI with its stdout already closed by the reader, as `envguard … | head -1` leaves it
 * once `head` has its line: every write meets EPIPE.
 */
function runWithClosedStdout(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI_NODE, [CLI, ...args], { cwd: options.cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr }));
  });
}

describe('envguard (entry point)', () => {
  it('prints help with every command, and its version (kept in sync with package.json)', async () => {
    const help = await runCli(['--help'], { cwd: process.cwd() });
    assert.strictEqual(help.code, 0);
    for (const command of ['scan', 'ignore', 'run']) assert.match(help.stdout, new RegExp(`envguard ${command}`));
    const version = await runCli(['--version'], { cwd: process.cwd() });
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.strictEqual(version.stdout.trim(), pkg.version);
    assert.strictEqual(VERSION, pkg.version);
  });

  it('without a command prints usage to stderr and exits 2', async () => {
    const result = await runCli([], { cwd: process.cwd() });
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /Usage:/);
  });

  it('says what is wrong with a usage error, without calling it an unexpected error', async () => {
    const p = makeProject({ '.env': `GITHUB_TOKEN=${fake.githubToken('usage')}\n` });
    try {
      const env = { ENVGUARD_HOME: path.join(p.dir, 'vault'), ENVGUARD_KEY_STORE: 'file' };
      const cases: [string[], RegExp, NodeJS.ProcessEnv?][] = [
        [['scan', '--format'], /envguard scan: Option '-f, --format <value>' argument missing/],
        [['ignore', 'a', 'b'], /envguard ignore: expected at most one DIR, got 2/],
        [['vault', 'bogus'], /envguard vault: 'vault bogus' needs a secret name/],
        [['vault', 'list', '--vault', 'azure:'], /envguard vault: '' is neither a Key Vault name/],
        [['run'], /envguard run: no command to run/],
        [['migrate', '.env', '--dry-run', '--reference-style', 'foo'], /envguard migrate: --reference-style must be app-service or vals \(got 'foo'\)/],
        [['vault', 'list'], /envguard vault: no home folder is known for this user; set ENVGUARD_HOME/, { ENVGUARD_HOME: '', HOME: '' }],
      ];
      for (const [args, message, extra] of cases) {
        const result = await runCli(args, { cwd: p.dir, env: { ...env, ...extra } });
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message);
        assert.doesNotMatch(result.stderr, /unexpected error/, args.join(' '));
      }
    } finally {
      p.cleanup();
    }
  });

  it('ends quietly with its own exit code when the reader closes stdout early (… | head -1)', async () => {
    const p = makeProject({ '.env': `GITHUB_TOKEN=${fake.githubToken('epipe')}\nPORT=3000\n` });
    try {
      const env = { ENVGUARD_HOME: path.join(p.dir, 'vault'), ENVGUARD_KEY_STORE: 'file' };
      assert.equal((await runCli(['vault', 'set', 'API_KEY'], { cwd: p.dir, env, input: 'k-1\n' })).code, 0);
      const list = await runWithClosedStdout(['vault', 'list'], { cwd: p.dir, env });
      assert.deepEqual({ code: list.code, stderr: list.stderr }, { code: 0, stderr: '' });
      const scan = await runWithClosedStdout(['scan'], { cwd: p.dir, env });
      assert.deepEqual({ code: scan.code, stderr: scan.stderr }, { code: 1, stderr: '' });
      // With --redact envguard copies the command's output: it stops reading, so the command meets
      // the closed output as in a shell pipeline (this one then exits 3), and nothing hangs.
      const endless = "process.stdout.on('error', () => process.exit(3)); const more = () => process.stdout.write('y\\n'.repeat(4096), () => setImmediate(more)); more()";
      const run = await runWithClosedStdout(['run', '--redact', '--', process.execPath, '-e', endless], { cwd: p.dir, env });
      assert.deepEqual({ code: run.code, stderr: run.stderr }, { code: 3, stderr: '' });
    } finally {
      p.cleanup();
    }
  });
});
