/**
 * `npm run package:cli`: the CLI as an npm package of its own (scripts/pack-cli.mjs), installed the way
 * users install it, `npm i -g` (here into a prefix of the test's own, offline: the package has no
 * dependencies), then run as a child process on a real project.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fake } from '../support/fakes';

const REPO = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

describe('the CLI\'s npm package (scripts/pack-cli.mjs)', function () {
  this.timeout(10 * 60_000);
  let work: string;
  let tarball: string;
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'envguard-cli-package-'));
    tarball = execFileSync(process.execPath, ['scripts/pack-cli.mjs', '--out-dir', work], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the CLI\'s bundles, README and LICENSE, and a manifest with bin and engines and no dependencies', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.ok(files.includes('package/dist/cli.js') && files.includes('package/dist/commands/scan.js') && files.includes('package/dist/vault-azure.js'), files.join(' '));
    assert.deepEqual(files.filter((file) => !/^package\/(dist\/[\w/-]+\.js|README\.md|LICENSE|package\.json)$/.test(file)), []);
    assert.ok(!files.includes('package/dist/extension.js'));
    const packaged = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    assert.equal(packaged['name'], 'envguard');
    assert.equal(packaged['version'], manifest.version);
    assert.deepEqual(packaged['bin'], { envguard: 'dist/cli.js' });
    assert.deepEqual(packaged['engines'], { node: manifest.engines.node });
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'private']) assert.equal(packaged[field], undefined, field);
  });

  it('installs with npm i -g offline and runs: --version, scan of a real project, a vault-free help', () => {
    const prefix = path.join(work, 'prefix');
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { encoding: 'utf8', cwd: work, env: { ...process.env, npm_config_update_notifier: 'false' } });
    assert.equal(install.status, 0, install.stderr);
    const envguard = path.join(prefix, 'bin', 'envguard');
    const env = { PATH: `${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin`, HOME: work };
    const version = spawnSync(envguard, ['--version'], { encoding: 'utf8', env });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${manifest.version}\n`);

    const project = path.join(work, 'project');
    mkdirSync(project);
    const token = fake.githubToken();
    writeFileSync(path.join(project, '.env'), `PORT=3000\nGITHUB_TOKEN=${token}\n`);
    const scan = spawnSync(envguard, ['scan', project, '--format', 'json'], { encoding: 'utf8', env, cwd: project });
    assert.equal(scan.status, 1, scan.stderr);
    assert.match(scan.stdout, /GITHUB_TOKEN/);
    assert.ok(!scan.stdout.includes(token) && !scan.stderr.includes(token), 'the value is never printed');

    const help = spawnSync(envguard, ['help', 'vault'], { encoding: 'utf8', env });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /envguard vault/);
  });
});
