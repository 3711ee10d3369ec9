import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { VERSION } from '../../../src/cli/version';

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
});
