import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyIgnoreFiles, type FileResult } from '../../../src/core/ai-ignore/apply';
import { MANAGED_PATHS } from '../../../src/core/ai-ignore/plan';
import { removeTempDirs, snapshot, tempDir } from './helpers';

after(removeTempDirs);

const POSIX = process.platform !== 'win32';

function statusOf(results: readonly FileResult[], file: string): FileResult | undefined {
  return results.find((result) => result.path === file);
}

describe('applyIgnoreFiles (on disk)', () => {
  it('creates every file, folders included, and a second run changes no byte', async () => {
    const dir = tempDir();
    const first = await applyIgnoreFiles(dir);
    assert.deepEqual(first.map((result) => result.status), MANAGED_PATHS.map(() => 'created'));
    const written = snapshot(dir);
    assert.deepEqual([...written.keys()].sort(), [...MANAGED_PATHS].sort(), 'exactly the managed files, no temp files left');

    const second = await applyIgnoreFiles(dir);
    assert.deepEqual(second.map((result) => result.status), MANAGED_PATHS.map(() => 'unchanged'));
    assert.deepEqual(snapshot(dir), written);
  });

  it('checks without writing: missing, then unchanged, then stale', async () => {
    const dir = tempDir();
    const missing = await applyIgnoreFiles(dir, { check: true });
    assert.ok(missing.every((result) => result.status === 'missing'));
    assert.deepEqual(fs.readdirSync(dir), []);

    await applyIgnoreFiles(dir);
    assert.ok((await applyIgnoreFiles(dir, { check: true })).every((result) => result.status === 'unchanged'));

    const cursorignore = path.join(dir, '.cursorignore');
    const edited = fs.readFileSync(cursorignore, 'utf8').replace('*.pem\n', '');
    fs.writeFileSync(cursorignore, edited);
    const stale = await applyIgnoreFiles(dir, { check: true });
    assert.equal(statusOf(stale, '.cursorignore')?.status, 'stale');
    assert.equal(fs.readFileSync(cursorignore, 'utf8'), edited, 'check wrote nothing');
  });

  it('keeps the user lines and CRLF line endings of an existing file', async () => {
    const dir = tempDir();
    const user = '# my rules\r\nbuild/\r\nsecret.txt';
    fs.writeFileSync(path.join(dir, '.aiderignore'), user);
    const results = await applyIgnoreFiles(dir);
    assert.equal(statusOf(results, '.aiderignore')?.status, 'updated');
    const text = fs.readFileSync(path.join(dir, '.aiderignore'), 'utf8');
    assert.ok(text.startsWith(`${user}\r\n\r\n# >>> envguard`));
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  });

  it('leaves an invalid settings file untouched, reports it, and writes the others', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '.claude'));
    const broken = '{\n  "permissions": { "deny": ["Bash(curl:*)" \n}\n';
    fs.writeFileSync(path.join(dir, '.claude', 'settings.json'), broken);
    const results = await applyIgnoreFiles(dir);
    const claude = statusOf(results, '.claude/settings.json');
    assert.equal(claude?.status, 'error');
    assert.match(claude.reason ?? '', /invalid JSON .*line \d+/);
    assert.equal(fs.readFileSync(path.join(dir, '.claude', 'settings.json'), 'utf8'), broken);
    assert.equal(results.filter((result) => result.status === 'created').length, MANAGED_PATHS.length - 1);
  });

  it('reports a path it cannot read and goes on', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.vscode'), 'a file where a folder should be');
    fs.mkdirSync(path.join(dir, '.kiroignore'));
    const results = await applyIgnoreFiles(dir);
    assert.deepEqual(statusOf(results, '.vscode/settings.json'), { path: '.vscode/settings.json', status: 'error', reason: 'a parent path is not a directory' });
    assert.deepEqual(statusOf(results, '.kiroignore'), { path: '.kiroignore', status: 'error', reason: 'is a directory' });
    assert.equal(statusOf(results, '.cursorignore')?.status, 'created');
  });

  it('refuses to rewrite a file that is not UTF-8', async () => {
    const dir = tempDir();
    const latin1 = Buffer.from('caf\xe9\n', 'latin1');
    fs.writeFileSync(path.join(dir, '.rooignore'), latin1);
    const results = await applyIgnoreFiles(dir);
    assert.equal(statusOf(results, '.rooignore')?.status, 'error');
    assert.deepEqual(fs.readFileSync(path.join(dir, '.rooignore')), latin1);
  });

  (POSIX ? it : it.skip)('keeps the permission bits of an existing file', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.gitignore');
    fs.writeFileSync(file, 'node_modules\n');
    fs.chmodSync(file, 0o640);
    await applyIgnoreFiles(dir);
    assert.ok(fs.readFileSync(file, 'utf8').includes('# >>> envguard'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  });

  (POSIX ? it : it.skip)('writes through a symlink instead of replacing it', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.writeFileSync(path.join(dir, 'shared', 'ignore'), 'dist\n');
    fs.symlinkSync(path.join('shared', 'ignore'), path.join(dir, '.clineignore'));
    await applyIgnoreFiles(dir);
    assert.ok(fs.lstatSync(path.join(dir, '.clineignore')).isSymbolicLink());
    assert.ok(fs.readFileSync(path.join(dir, 'shared', 'ignore'), 'utf8').startsWith('dist\n\n# >>> envguard'));
  });
});
