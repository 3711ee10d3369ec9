import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planValueEdits, parseEnv } from '../../../src/core/dotenv';
import { executeMigration, planMigration, type FileWriter } from '../../../src/core/migrate';
import { fake } from '../support/fakes';
import { trickyEnvFile } from '../support/tricky-env';
import { TRICKY_FILES } from '../dotenv/tricky-files';
import { freshHome, openTestVault, removeTempDirs } from '../vault/helpers';
import { sourcesInto } from '../../support/migration';

function applyChanges(text: string, changes: readonly { start: number; end: number; text: string }[]): string {
  // Changes come from the end of the file backwards, so earlier offsets stay valid.
  return changes.reduce((out, c) => out.slice(0, c.start) + c.text + out.slice(c.end), text);
}

describe('migration: the injected file writer', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envguard-writer-')); });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); removeTempDirs(); });

  it('planValueEdits: the changes alone turn the old text into the new one, touching only values', () => {
    for (const [name, text] of Object.entries(TRICKY_FILES)) {
      const doc = parseEnv(text);
      if (doc.entries.length === 0) continue;
      const replacements = doc.entries.map((e) => ({ index: e.index, value: `envguard://local/${e.key.replace(/[^A-Za-z0-9_-]/g, '_') || 'X'}` }));
      let edits;
      try {
        edits = planValueEdits(doc, replacements);
      } catch {
        continue; // unrepresentable: covered by the edit tests
      }
      assert.equal(applyChanges(text, edits.changes), edits.text, name);
      for (let i = 1; i < edits.changes.length; i++) assert.ok(edits.changes[i]!.end <= edits.changes[i - 1]!.start, `${name}: sorted, no overlap`);
    }
  });

  it('hands the writer the file and its edits, after the vault confirmed every value', async () => {
    const { text, secretKeys } = trickyEnvFile();
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, text);
    const vault = await openTestVault(freshHome());
    const plan = await planMigration(await sourcesInto([file], vault, { project: 'app' }));
    const calls: { label: string; storedFirst: boolean }[] = [];
    const writer: FileWriter = async (planned, edits) => {
      calls.push({ label: planned.label, storedFirst: (await vault.list()).length === secretKeys.length });
      fs.writeFileSync(planned.path, applyChanges(planned.text, edits.changes));
    };
    const result = await executeMigration(plan, { writeFile: writer });
    assert.deepEqual(calls, [{ label: file, storedFirst: true }]);
    assert.ok(result.outcomes.every((o) => o.moved));
    for (const key of secretKeys) assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`envguard://local/app/default/${key}`));
  });

  it('a writer that fails leaves the file as it was, the values in the vault, and says why', async () => {
    const { text } = trickyEnvFile();
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, text);
    const vault = await openTestVault(freshHome());
    const plan = await planMigration(await sourcesInto([file], vault, { project: 'app' }));
    const result = await executeMigration(plan, { writeFile: () => Promise.reject(new Error('.env was edited in the editor')) });
    assert.ok(result.outcomes.length > 0);
    for (const outcome of result.outcomes) {
      assert.equal(outcome.moved, false);
      if (!outcome.moved) assert.equal(outcome.reason, '.env was edited in the editor');
    }
    assert.deepEqual(result.rewritten, []);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.equal((await vault.list()).length, new Set(plan.items.map((i) => i.secretName)).size);
  });
  (process.platform === 'win32' ? it.skip : it)('the core writer refuses a file that became a link out of its project after the plan (real link)', async () => {
    const project = path.join(dir, 'project');
    const outside = path.join(dir, 'elsewhere');
    fs.mkdirSync(project);
    fs.mkdirSync(outside);
    const text = `GITHUB_TOKEN=${fake.githubToken('writer')}\n`;
    const file = path.join(project, '.env');
    fs.writeFileSync(file, text);
    const vault = await openTestVault(freshHome());
    const plan = await planMigration(await sourcesInto([file], vault, { project: 'app', label: () => '.env' }));
    assert.equal(plan.items.length, 1);
    // Same bytes elsewhere, and .env swapped for a link to them: only the project check can stop the write.
    fs.writeFileSync(path.join(outside, 'credentials'), text);
    fs.rmSync(file);
    fs.symlinkSync(path.join(outside, 'credentials'), file);
    const result = await executeMigration(plan);
    const outcome = result.outcomes[0]!;
    assert.equal(outcome.moved, false);
    assert.match(outcome.moved ? '' : outcome.reason, /^\.env leads outside the project .* to .*elsewhere\/credentials; .*it is unchanged$/);
    assert.equal(fs.readFileSync(path.join(outside, 'credentials'), 'utf8'), text);
    assert.ok(fs.lstatSync(file).isSymbolicLink());
  });
});
