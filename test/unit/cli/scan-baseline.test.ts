import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

/** `envguard scan --baseline` / `--write-baseline`, `ruleSeverity` and `reportLocalDefaults` in .envguard.json (real CLI processes). */
describe('envguard scan: baseline, rule severity, local defaults', () => {
  const github = fake.githubToken();
  const stripe = fake.stripeSecret();

  it('--write-baseline records keys, files and rules (never values); --baseline then reports only new findings', async () => {
    const p = makeProject({ '.env': `GITHUB_TOKEN=${github}\nPORT=3000\n` });
    try {
      const written = await runCli(['scan', '--write-baseline', '.envguard-baseline.json'], { cwd: p.dir });
      assert.strictEqual(written.code, 0, written.stderr);
      assert.match(written.stderr, /wrote 1 finding to \.envguard-baseline\.json/);
      const baselineText = readFileSync(path.join(p.dir, '.envguard-baseline.json'), 'utf8');
      assert.ok(!baselineText.includes(github), 'the baseline holds no value');
      assert.deepStrictEqual((JSON.parse(baselineText) as { findings: { file: string; key: string; rule: string }[] }).findings.map((f) => `${f.file} ${f.key} ${f.rule}`), ['.env GITHUB_TOKEN github-token']);

      const clean = await runCli(['scan', '--baseline', '.envguard-baseline.json'], { cwd: p.dir });
      assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /1 finding in the baseline not shown/);

      writeFileSync(path.join(p.dir, '.env'), `GITHUB_TOKEN=${github}\nPORT=3000\nSTRIPE_SECRET_KEY=${stripe}\n`);
      const json = await runCli(['scan', '--baseline', '.envguard-baseline.json', '--format', 'json'], { cwd: p.dir });
      assert.strictEqual(json.code, 1);
      const report = JSON.parse(json.stdout) as { findings: { key: string }[]; baselined: number };
      assert.deepStrictEqual(report.findings.map((f) => f.key), ['STRIPE_SECRET_KEY']);
      assert.strictEqual(report.baselined, 1);
      assert.ok(!(json.stdout + json.stderr).includes(stripe) && !(json.stdout + json.stderr).includes(github));
    } finally {
      p.cleanup();
    }
  });

  it('a missing or broken baseline is a usage error (exit 2) that says what to do', async () => {
    const p = makeProject({ '.env': 'PORT=1\n', 'broken.json': '{"version": 9}' });
    try {
      const missing = await runCli(['scan', '--baseline', 'nope.json'], { cwd: p.dir });
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /nope\.json does not exist \(write one with envguard scan --write-baseline nope\.json\)/);
      const broken = await runCli(['scan', '--baseline', 'broken.json'], { cwd: p.dir });
      assert.strictEqual(broken.code, 2);
      assert.match(broken.stderr, /broken\.json is not a baseline of version 1/);
    } finally {
      p.cleanup();
    }
  });

  it('ruleSeverity sets a rule\'s severity, or drops it with "off"; reportLocalDefaults reports postgres', async () => {
    const p = makeProject({
      '.env': `GITHUB_TOKEN=${github}\nDB_PASSWORD=postgres\nVALUE_1=${fake.githubToken().slice(4)}x9Qz\n`,
      '.envguard.json': '{ "ruleSeverity": { "github-token": "warning", "high-entropy-value": "off" } }\n',
    });
    try {
      const result = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      const findings = (JSON.parse(result.stdout) as { findings: { key: string; severity: string }[] }).findings;
      assert.deepStrictEqual(findings.map((f) => `${f.key} ${f.severity}`), ['GITHUB_TOKEN warning']);

      writeFileSync(path.join(p.dir, '.envguard.json'), '{ "reportLocalDefaults": true, "ruleSeverity": { "high-entropy-value": "off" } }\n');
      const withDefaults = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
      assert.deepStrictEqual((JSON.parse(withDefaults.stdout) as { findings: { key: string }[] }).findings.map((f) => f.key), ['GITHUB_TOKEN', 'DB_PASSWORD']);

      writeFileSync(path.join(p.dir, '.envguard.json'), '{ "ruleSeverity": { "github-token": "loud" } }\n');
      const bad = await runCli(['scan'], { cwd: p.dir });
      assert.strictEqual(bad.code, 2);
      assert.match(bad.stderr, /"ruleSeverity" must map rule ids to "error", "warning", "info", "off"/);
    } finally {
      p.cleanup();
    }
  });
});
