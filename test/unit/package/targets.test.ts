/**
 * `npm run package:targets`: one VSIX per platform, each with its own OS keychain binding and no
 * other, the CLI's bundle, and none of the sources or tests. Packages two targets for real (vsce,
 * and `npm pack` of the binding this machine did not install).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readZip } from '../support/zip';

const REPO = path.resolve(__dirname, '../../..');
const BINDINGS = { 'linux-x64': 'keyring-linux-x64-gnu', 'darwin-arm64': 'keyring-darwin-arm64' } as const;

describe('one VSIX per platform (scripts/package-targets.mjs)', function () {
  this.timeout(15 * 60_000);
  let out: string;
  before(() => {
    out = mkdtempSync(path.join(tmpdir(), 'envguard-vsix-'));
    execFileSync(process.execPath, ['scripts/package-targets.mjs', '--targets', Object.keys(BINDINGS).join(','), '--out-dir', out], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  for (const [target, binding] of Object.entries(BINDINGS)) {
    it(`${target}: its own keychain binding and not the other's, the CLI, no sources or tests`, () => {
      const vsix = readZip(path.join(out, `envguard-${target}.vsix`));
      const names = vsix.names;
      const others = Object.values(BINDINGS).filter((b) => b !== binding);
      assert.ok(names.some((n) => n.startsWith(`extension/node_modules/@napi-rs/${binding}/`) && n.endsWith('.node')), `${target} lacks ${binding}'s .node file`);
      for (const other of others) assert.deepEqual(names.filter((n) => n.includes(`/@napi-rs/${other}/`)), [], `${target} ships ${other}`);
      assert.ok(names.includes('extension/node_modules/@napi-rs/keyring/index.js'));
      for (const file of ['extension/dist/cli.js', 'extension/dist/commands/scan.js', 'extension/dist/extension.js', 'extension/package.json', 'extension/readme.md', 'extension/media/icon.png']) assert.ok(names.includes(file), `${target} lacks ${file}`);
      assert.deepEqual(names.filter((n) => /^extension\/(src|test|scripts)\//.test(n) || n.endsWith('.ts') && !n.endsWith('.d.ts')), []);
      // The target is recorded where the Marketplace reads it.
      assert.match(vsix.read('extension.vsixmanifest').toString('utf8'), new RegExp(`TargetPlatform="${target}"`));
    });
  }

  it('README: every image and relative link it has resolves inside the VSIX; the icon is a 128x128 PNG', () => {
    const vsix = readZip(path.join(out, 'envguard-linux-x64.vsix'));
    const readme = vsix.read('extension/readme.md').toString('utf8');
    const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!);
    const relative = targets.filter((t) => !/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(t)).map((t) => t.split('#')[0]!);
    assert.ok(relative.some((t) => t.endsWith('.png')), 'the README shows no image: the pattern above no longer reads it');
    const missing = relative.filter((t) => !vsix.names.includes(path.posix.join('extension', t)));
    assert.deepEqual(missing, [], 'the README links files the VSIX does not ship (.vscodeignore)');
    const icon = vsix.read('extension/media/icon.png');
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  });
});
