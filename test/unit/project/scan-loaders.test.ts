import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DialectName } from '../../../src/core/dotenv';
import { scanTargets } from '../../../src/core/scan';

// scanTargets looks the loaders of the next files up while it checks one: each file must still get
// its own loaders, every lookup must happen once, and a failed lookup must fail its own file only.
describe('scanTargets with loaders looked up ahead', () => {
  let dir: string;
  const files = 70; // more than the look-ahead window

  beforeEach(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-scan-loaders-')));
    for (let i = 0; i < files; i++) {
      const folder = path.join(dir, `svc${String(i).padStart(2, '0')}`);
      mkdirSync(folder);
      // dotenv ends an unquoted value at `#`, python-dotenv does not: a python-dotenv reading shows as a disagreement.
      writeFileSync(path.join(folder, '.env'), 'PORT=3000\nCOLOR=abc#def\n');
    }
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives each file its own loaders, looks each up once, and fails only the file whose lookup failed', async () => {
    const asked: string[] = [];
    const failing = path.join(dir, 'svc33', '.env');
    const loadersOf = async (file: string): Promise<readonly DialectName[]> => {
      asked.push(file);
      // Out of order on purpose: later lookups may finish first.
      await new Promise((resolve) => setTimeout(resolve, (asked.length * 7) % 5));
      if (file === failing) throw new Error('svc33/.env: cannot read its folder (a test failure)');
      const index = Number(/svc(\d+)/.exec(file)![1]);
      return index % 2 === 0 ? ['dotenv', 'python-dotenv'] : ['dotenv'];
    };
    const report = await scanTargets([dir], { loadersOf, workingDirectory: dir });

    assert.equal(asked.length, files);
    assert.equal(new Set(asked).size, files);
    assert.deepEqual(report.errors, ['svc33/.env: cannot read its folder (a test failure)']);
    assert.equal(report.files.length, files - 1);
    assert.ok(!report.files.includes(failing));
    // Even folders are read by python-dotenv too, and only they: the findings say so per file.
    const disagreeing = new Set(report.findings.filter((f) => f.rule === 'loaders-disagree').map((f) => path.basename(path.dirname(f.file))));
    const even = report.files.map((f) => path.basename(path.dirname(f))).filter((name) => Number(name.slice(3)) % 2 === 0);
    assert.deepEqual([...disagreeing].sort(), even.sort());
  });
});
