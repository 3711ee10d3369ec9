import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allowKeyInProject, withAllowedKey } from '../../../src/core/config/allow-key';
import { combineConfigs, loadProjectConfig, ProjectConfigError } from '../../../src/core/config/project-config';

describe('.envguard.json: "not a secret"', () => {
  it('creates the file when there is none', () => {
    assert.equal(withAllowedKey(undefined, 'PUBLIC_ID'), '{\n  "allowKeys": [\n    "PUBLIC_ID"\n  ]\n}\n');
    assert.equal(withAllowedKey('  \n', 'PUBLIC_ID'), '{\n  "allowKeys": [\n    "PUBLIC_ID"\n  ]\n}\n');
  });

  it('appends to the list and keeps comments, order and indentation', () => {
    const text = '{\n\t// shared with the CLI\n\t"exclude": ["fixtures"],\n\t"allowKeys": ["A"] // reviewed\n}\n';
    const next = withAllowedKey(text, 'B')!;
    assert.match(next, /\/\/ shared with the CLI/);
    assert.match(next, /\/\/ reviewed/);
    assert.match(next, /\t"exclude": \["fixtures"\]/);
    assert.deepEqual(JSON.parse(next.replace(/\/\/.*$/gm, '')), { exclude: ['fixtures'], allowKeys: ['A', 'B'] });
  });

  it('adds the list when the file has none, and changes nothing when the key is already allowed', () => {
    assert.deepEqual(JSON.parse(withAllowedKey('{ "include": ["*.env"] }', 'K')!), { include: ['*.env'], allowKeys: ['K'] });
    assert.equal(withAllowedKey('{ "allowKeys": ["K"] }', 'K'), undefined);
  });

  it('refuses a broken file rather than overwrite it', () => {
    assert.throws(() => withAllowedKey('{ "allowKeys": [', 'K'), ProjectConfigError);
    assert.throws(() => withAllowedKey('{ "allowKeys": "K" }', 'K'), /must be a list of strings/);
  });

  it('writes atomically, and loadProjectConfig reads it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-allow-'));
    try {
      assert.equal(await allowKeyInProject(dir, 'SITE_ID'), true);
      assert.equal(await allowKeyInProject(dir, 'SITE_ID'), false);
      assert.deepEqual((await loadProjectConfig(dir)).allowKeys, ['SITE_ID']);
      assert.deepEqual(fs.readdirSync(dir), ['.envguard.json'], 'no temp file left');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('joins settings and .envguard.json list by list', () => {
    assert.deepEqual(combineConfigs({ allowKeys: ['A'], exclude: ['x'] }, { allowKeys: ['B'], include: ['y'] }), {
      allowKeys: ['A', 'B'], customPatterns: [], include: ['y'], exclude: ['x'],
    });
  });
});
