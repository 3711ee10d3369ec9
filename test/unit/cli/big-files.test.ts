import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeEnvText } from '../../../src/core/scan';
import { makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';

/**
 * Big files are read whole and within bounded memory. Peak memory is not a timing: a process that
 * holds an object per entry, copies of the text or a second document of a 50 MB file goes far past
 * these bounds on any machine (before: 0.7 to 4.6 GB). No duration is asserted; the generous
 * timeout only bounds a hang.
 */
const MB = 1024 * 1024;

/** Runs the CLI with a preloaded probe that records its peak RSS; returns the result and the peak in bytes. */
async function runMeasured(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ result: CliResult; peak: number }> {
  const probe = path.join(cwd, 'rss-probe.cjs');
  const out = path.join(cwd, 'rss.txt');
  writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
  const result = await runCli(args, { cwd, env: { ...env, NODE_OPTIONS: `--require ${JSON.stringify(probe)}` } });
  return { result, peak: Number(readFileSync(out, 'utf8')) * 1024 };
}

describe('big env files (real CLI process)', function () {
  this.timeout(10 * 60 * 1000);

  it('scans a 60 MB file that sets one key 15.7 million times: one capped warning, bounded memory', async () => {
    const p = makeProject({ '.env': 'A=1\n'.repeat(15_700_000) });
    try {
      const { result, peak } = await runMeasured(['scan'], p.dir);
      assert.strictEqual(result.code, 0, result.stderr.slice(0, 500));
      assert.strictEqual(result.stderr, 'envguard scan: warning: .env: A is set 15700000 times (lines 1, 2, 3, 4, 5, … 15699994 more …, 15700000); dotenv uses the last one (line 15700000)\n');
      assert.ok(peak < 700 * MB, `peak RSS ${Math.round(peak / MB)} MB`);
    } finally {
      p.cleanup();
    }
  });

  it('migrates a 50 MB file of 700,000 lines and one secret: only its value changes, bounded memory', async () => {
    const token = fake.githubToken('big');
    const lines = Array.from({ length: 700_000 }, (_, i) => `SERVICE_${String(i).padStart(6, '0')}_BASE_URL=https://svc-${i}.internal.example.com/api/v2/items # ${i % 7}`);
    lines.splice(350_000, 0, `GITHUB_TOKEN=${token}`);
    const text = `${lines.join('\n')}\n`;
    const p = makeProject({ '.env': text, '.envguard.json': '{ "project": "app" }\n' });
    const home = mkdtempSync(path.join(tmpdir(), 'envguard-home-'));
    try {
      const env = { ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' };
      const scan = await runMeasured(['scan', '--format', 'json'], p.dir);
      assert.strictEqual(scan.result.code, 1, scan.result.stderr);
      assert.deepStrictEqual((JSON.parse(scan.result.stdout) as { findings: { key: string; line: number }[] }).findings.map((f) => `${f.key}:${f.line}`), ['GITHUB_TOKEN:350001']);
      assert.ok(scan.peak < 400 * MB, `scan peak RSS ${Math.round(scan.peak / MB)} MB`);

      const migrate = await runMeasured(['migrate', '.env', '--yes'], p.dir, env);
      assert.strictEqual(migrate.result.code, 0, migrate.result.stderr);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env'), 'utf8'), text.replace(token, 'envguard://local/app/default/GITHUB_TOKEN'));
      assert.ok(migrate.peak < 600 * MB, `migrate peak RSS ${Math.round(migrate.peak / MB)} MB`);
      assert.ok(!migrate.result.stdout.includes(token) && !migrate.result.stderr.includes(token));
    } finally {
      p.cleanup();
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('duplicate-key warnings are capped', () => {
  it('one warning a key with its count and first lines, at most 20 keys a file, then one summary line', () => {
    const lines = [...Array.from({ length: 12 }, () => 'PORT=1'), ...Array.from({ length: 25 }, (_, i) => [`K${i}=a`, `K${i}=b`]).flat(), 'HOST=x', 'HOST=y'];
    const { warnings } = analyzeEnvText(`${lines.join('\n')}\n`, '.env');
    assert.strictEqual(warnings.length, 21);
    assert.strictEqual(warnings[0], '.env: PORT is set 12 times (lines 1, 2, 3, 4, 5, … 6 more …, 12); dotenv uses the last one (line 12)');
    assert.strictEqual(warnings[1], '.env: K0 is set 2 times (lines 13, 14); dotenv uses the last one (line 14)');
    assert.strictEqual(warnings[20], '.env: 7 more keys are set more than once; dotenv uses the last value of each');
  });
});
