/** `envguard ignore` (the old name of `envguard protect`, kept working) as users run it: the built CLI in a child process, on real folders. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, CLI_NODE } from '../support/cli';

const FILE_COUNT = 21;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function envguard(cwd: string, ...args: string[]): Run {
  const result = spawnSync(CLI_NODE, [CLI, 'ignore', ...args], { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-ignore-cli-'));
  tempDirs.push(dir);
  return dir;
}

/** The report's lines, without the first one, which says which tools are chosen (protect.test.ts checks it). */
function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('tools chosen: '));
}

describe('envguard ignore (CLI)', () => {
  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
  });
  after(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates every file, one line each, then a summary; exit 0', () => {
    const dir = tempDir();
    const run = envguard(dir);
    assert.equal(run.code, 0, run.stderr);
    const output = lines(run.stdout).filter((line) => !line.startsWith('note: '));
    assert.equal(output.length, FILE_COUNT + 1);
    for (const line of ['created .cursorignore', 'created .aiexclude', 'created .claude/settings.json', 'created .vscode/settings.json', 'created .gitignore']) {
      assert.ok(output.includes(line), line);
    }
    assert.equal(output.at(-1), `${FILE_COUNT} files: ${FILE_COUNT} created`);
    assert.ok(fs.existsSync(path.join(dir, '.claude', 'settings.json')));
  });

  it('changes nothing on a second run', () => {
    const dir = tempDir();
    envguard(dir);
    const before = fs.readFileSync(path.join(dir, '.gitignore'));
    const run = envguard(dir);
    assert.equal(run.code, 0, run.stderr);
    const output = lines(run.stdout).filter((line) => !line.startsWith('note: '));
    assert.ok(output.slice(0, -1).every((line) => line.startsWith('unchanged ')));
    assert.equal(output.at(-1), `${FILE_COUNT} files: ${FILE_COUNT} unchanged`);
    assert.deepEqual(fs.readFileSync(path.join(dir, '.gitignore')), before);
  });

  it('--check exits 1 and writes nothing while files are missing or stale, 0 once current', () => {
    const dir = tempDir();
    const missing = envguard(dir, '--check');
    assert.equal(missing.code, 1);
    assert.ok(lines(missing.stdout).includes('missing .cursorignore'));
    assert.match(missing.stdout, /run 'envguard ignore' to update/);
    assert.deepEqual(fs.readdirSync(dir), []);

    envguard(dir);
    assert.equal(envguard(dir, '--check').code, 0);

    fs.appendFileSync(path.join(dir, '.vscode', 'settings.json'), ' '); // harmless, still current
    fs.writeFileSync(path.join(dir, '.cursorignore'), fs.readFileSync(path.join(dir, '.cursorignore'), 'utf8').replace('*.key\n', ''));
    const stale = envguard(dir, '--check');
    assert.equal(stale.code, 1);
    const report = lines(stale.stdout);
    assert.deepEqual(report.slice(0, report.indexOf('tools:')).filter((line) => !line.startsWith('unchanged ')), [
      'stale .cursorignore',
      `${FILE_COUNT} files: 1 stale, ${FILE_COUNT - 1} unchanged; run 'envguard ignore' to update`,
    ]);
  });

  it('takes DIR relative to the working directory', () => {
    const parent = tempDir();
    fs.mkdirSync(path.join(parent, 'project'));
    const run = envguard(parent, 'project');
    assert.equal(run.code, 0, run.stderr);
    assert.ok(fs.existsSync(path.join(parent, 'project', '.cursorignore')));
    assert.ok(!fs.existsSync(path.join(parent, '.cursorignore')));
  });

  it('reports invalid Claude settings, leaves them untouched, writes the rest, and exits 2', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '.claude'));
    const broken = '{ "permissions": { "deny": [ }\n';
    fs.writeFileSync(path.join(dir, '.claude', 'settings.json'), broken);
    const run = envguard(dir);
    assert.equal(run.code, 2);
    assert.ok(lines(run.stdout).some((line) => /^error \.claude\/settings\.json: invalid JSON \(.+\); not modified$/.test(line)), run.stdout);
    assert.equal(fs.readFileSync(path.join(dir, '.claude', 'settings.json'), 'utf8'), broken);
    assert.ok(fs.existsSync(path.join(dir, '.cursorignore')));
    assert.equal(lines(run.stdout).filter((line) => !line.startsWith('note: ')).at(-1), `${FILE_COUNT} files: ${FILE_COUNT - 1} created, 1 error`);
  });

  it('exits 2 on usage errors: unknown option, DIR not a directory, two DIRs', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file.txt'), 'x');
    const cases: { args: string[]; stderr: RegExp }[] = [
      { args: ['--frobnicate'], stderr: /frobnicate/ },
      { args: ['file.txt'], stderr: /file\.txt: not a directory/ },
      { args: ['nowhere'], stderr: /nowhere: no such directory/ },
      { args: ['a', 'b'], stderr: /at most one DIR/ },
    ];
    for (const { args, stderr } of cases) {
      const run = envguard(dir, ...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, stderr);
    }
    assert.deepEqual(fs.readdirSync(dir), ['file.txt'], 'nothing written');
  });
});
