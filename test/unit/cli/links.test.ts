import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { allowKeyInProject } from '../../../src/core/config/allow-key';
import { OutsideProjectError } from '../../../src/core/files/project-files';
import { runCli } from '../support/cli';
import { fake } from '../support/fakes';

const POSIX = process.platform !== 'win32';
const TOKEN = fake.githubToken('links');
const CREDENTIALS = `[default]\naws_secret_access_key=${fake.awsSecretAccessKey('links')}\nGITHUB_TOKEN=${TOKEN}\n`;

/**
 * Symbolic links that lead out of the project, with the real CLI on real links: a repository's
 * `.env` linked to a credentials file in the home folder, a `.gitignore` and a `.vscode` linked to
 * another folder. Nothing outside is read into a plan or written; links that stay inside work.
 */
(POSIX ? describe : describe.skip)('symbolic links out of the project (real CLI, real links)', () => {
  let base: string;
  let project: string;
  let home: string;
  let outside: string;
  const env = () => ({ ENVGUARD_HOME: path.join(base, 'vault'), ENVGUARD_KEY_STORE: 'file' });
  beforeEach(() => {
    base = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-links-')));
    project = path.join(base, 'project');
    home = path.join(base, 'home');
    outside = path.join(home, '.aws');
    mkdirSync(project);
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'credentials'), CREDENTIALS);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('scan does not list a linked .env that leads outside (a warning names its real path); named explicitly, it is refused', async () => {
    symlinkSync(path.join(outside, 'credentials'), path.join(project, '.env'));
    writeFileSync(path.join(project, '.env.local'), 'PORT=3000\n');
    const walked = await runCli(['scan', '--format', 'json'], { cwd: project });
    assert.equal(walked.code, 0, walked.stderr);
    assert.deepEqual((JSON.parse(walked.stdout) as { files: string[] }).files, ['.env.local']);
    assert.match(walked.stderr, /warning: skipped \.env: a symbolic link that leads outside .*, to .*home\/\.aws\/credentials/);

    const named = await runCli(['scan', '.env'], { cwd: project });
    assert.equal(named.code, 2);
    assert.match(named.stderr, /\.env leads outside the project .* to .*home\/\.aws\/credentials/);
    assert.ok(!(named.stdout + named.stderr + walked.stdout + walked.stderr).includes(TOKEN));
  });

  it('migrate refuses a linked .env that leads outside, with its real path; nothing is stored or written', async () => {
    symlinkSync(path.join(outside, 'credentials'), path.join(project, '.env'));
    const result = await runCli(['migrate', '.env', '--yes'], { cwd: project, env: env() });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /skipped: \.env leads outside the project .* to .*home\/\.aws\/credentials/);
    assert.doesNotMatch(result.stdout, /\.env:\d/, 'the plan does not show the linked file as a file to move');
    assert.equal(readFileSync(path.join(outside, 'credentials'), 'utf8'), CREDENTIALS);
    const list = await runCli(['vault', 'list'], { cwd: project, env: env() });
    assert.match(list.stdout, /0 secrets/);
    assert.ok(!(result.stdout + result.stderr).includes(TOKEN));
  });

  it('migrate refuses a file under a linked folder, and accepts the real file named itself', async () => {
    symlinkSync(outside, path.join(project, 'aws'));
    writeFileSync(path.join(outside, 'prod.env'), `GITHUB_TOKEN=${TOKEN}\n`);
    const linked = await runCli(['migrate', 'aws/prod.env', '--yes'], { cwd: project, env: env() });
    assert.equal(linked.code, 1);
    assert.match(linked.stdout, /aws\/prod\.env leads outside the project .* to .*home\/\.aws\/prod\.env/);
    assert.equal(readFileSync(path.join(outside, 'prod.env'), 'utf8'), `GITHUB_TOKEN=${TOKEN}\n`);

    const named = await runCli(['migrate', path.join(outside, 'prod.env'), '--yes'], { cwd: project, env: env() });
    assert.equal(named.code, 0, named.stdout + named.stderr);
    // Named by its real path, outside the working directory: a project of its own folder.
    assert.equal(readFileSync(path.join(outside, 'prod.env'), 'utf8'), 'GITHUB_TOKEN=envguard://local/aws/prod/GITHUB_TOKEN\n');
  });

  it('migrate writes through a link that stays inside the project, and keeps the link', async () => {
    mkdirSync(path.join(project, 'config'));
    writeFileSync(path.join(project, 'config', 'shared.env'), `GITHUB_TOKEN=${TOKEN}\n`);
    symlinkSync(path.join('config', 'shared.env'), path.join(project, '.env'));
    const result = await runCli(['migrate', '.env', '--yes'], { cwd: project, env: env() });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.ok(lstatSync(path.join(project, '.env')).isSymbolicLink());
    assert.equal(readFileSync(path.join(project, 'config', 'shared.env'), 'utf8'), 'GITHUB_TOKEN=envguard://local/project/default/GITHUB_TOKEN\n');
  });

  it('ignore refuses a .gitignore and a .vscode that link outside, writes the rest, and exits 2', async () => {
    const elsewhere = path.join(base, 'other-checkout');
    mkdirSync(path.join(elsewhere, 'vscode'), { recursive: true });
    writeFileSync(path.join(elsewhere, 'gitignore'), 'dist\n');
    symlinkSync(path.join(elsewhere, 'gitignore'), path.join(project, '.gitignore'));
    symlinkSync(path.join(elsewhere, 'vscode'), path.join(project, '.vscode'));
    const result = await runCli(['ignore'], { cwd: project });
    assert.equal(result.code, 2);
    assert.match(result.stdout, /error \.gitignore: leads outside the project .* to .*other-checkout\/gitignore; not modified/);
    assert.match(result.stdout, /error \.vscode\/settings\.json: leads outside the project .* to .*other-checkout\/vscode\/settings\.json/);
    assert.match(result.stdout, /created \.cursorignore/);
    assert.equal(readFileSync(path.join(elsewhere, 'gitignore'), 'utf8'), 'dist\n');
    assert.deepEqual(readdirSync(path.join(elsewhere, 'vscode')), []);
  });

  it('"not a secret" refuses a .envguard.json that links outside', async () => {
    writeFileSync(path.join(home, 'envguard.json'), '{}\n');
    symlinkSync(path.join(home, 'envguard.json'), path.join(project, '.envguard.json'));
    await assert.rejects(allowKeyInProject(project, 'PORT'), OutsideProjectError);
    assert.equal(readFileSync(path.join(home, 'envguard.json'), 'utf8'), '{}\n');
  });
});
