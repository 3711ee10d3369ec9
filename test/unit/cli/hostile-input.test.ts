/**
 * The hardening issue's reproductions, as a user meets them: a hostile `.envguard.json` pattern and
 * a malformed vault reference, through `scan`, `run` and `migrate` as real processes. A child stuck
 * in a synchronous loop is killed after a generous while (`signal` then says so).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';

const HANG_BOUND_MS = 60_000;
const EVIL_CONFIG = '{"customPatterns":[{"id":"evil","value":"^(a+)+$"}]}';
const BROKEN = '@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/%ZZ)';

interface JsonReport {
  findings: { file: string; line: number; key: string; rule: string; message: string }[];
}

function assertNoValue(results: CliResult[], values: string[]): void {
  for (const result of results) for (const value of values) assert.ok(!`${result.stdout}${result.stderr}`.includes(value), 'a value reached the output');
}

describe('hostile input (real CLI processes)', function () {
  this.timeout(HANG_BOUND_MS * 2);

  describe('a custom pattern that backtracks exponentially in JavaScript', () => {
    it('the issue\'s .envguard.json and .env: scan answers at once and still reports the other secrets', async () => {
      const token = fake.githubToken('hostile');
      const password = fake.password('hostile');
      const p = makeProject({
        '.envguard.json': EVIL_CONFIG,
        '.env': `FOO=${'a'.repeat(40)}!\nGITHUB_TOKEN=${token}\nDB_PASSWORD=${password}\nLONG=${'a'.repeat(65_000)}!\n`,
      });
      try {
        const result = await runCli(['scan', '--format', 'json'], { cwd: p.dir, killAfterMs: HANG_BOUND_MS });
        assert.equal(result.signal, null, 'envguard scan did not finish: the pattern backtracked');
        assert.equal(result.code, 1, result.stderr);
        const report = JSON.parse(result.stdout) as JsonReport;
        assert.deepEqual(report.findings.map((f) => `${f.line} ${f.key} ${f.rule}`), ['2 GITHUB_TOKEN github-token', '3 DB_PASSWORD key-hint-password']);
        assertNoValue([result], [token, password]);
      } finally {
        p.cleanup();
      }
    });

    it('patterns RE2 cannot run are refused at load: exit 2 naming .envguard.json, the pattern and the construct', async () => {
      const p = makeProject({
        '.envguard.json': '{"customPatterns":[{"id":"strong-password","value":"^(?=.*[0-9])(?=.*[A-Z]).{12,}$"},{"id":"quoted","value":"([\'\\"]).*\\\\1"}]}',
        '.env': 'PASSWORD=Aa1aaaaaaaaaaaa\n',
      });
      try {
        for (const args of [['scan'], ['run', '--', process.execPath, '-e', '0'], ['migrate', '.env', '--dry-run']]) {
          const result = await runCli(args, { cwd: p.dir, env: { ENVGUARD_HOME: path.join(p.dir, 'home'), ENVGUARD_KEY_STORE: 'file' } });
          assert.equal(result.code, 2, `${args[0]}: ${result.stderr}`);
          assert.match(result.stderr, new RegExp(`^envguard ${args[0]}: \\.envguard\\.json: custom pattern "strong-password" cannot be used: "value" uses a lookahead \\(\\(\\?=…\\)\\), which cannot be matched in linear time`));
          assert.match(result.stderr, /\n\.envguard\.json: custom pattern "quoted" cannot be used: "value" uses a backreference \(\\1\)/);
          assert.equal(result.stdout, '');
        }
      } finally {
        p.cleanup();
      }
    });
  });

  describe('a malformed vault reference (BROKEN=…%ZZ)', () => {
    let home: string;
    const env = () => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' });
    beforeEach(() => { home = mkdtempSync(path.join(tmpdir(), 'envguard-home-')); });
    afterEach(() => rmSync(home, { recursive: true, force: true }));

    const project = () => {
      const token = fake.githubToken('broken');
      const password = fake.password('broken');
      const text = `GITHUB_TOKEN=${token}\nBROKEN=${BROKEN}\nDB_PASSWORD=${password}\n`;
      return { p: makeProject({ '.env': text, '.envguard.json': '{ "project": "app" }\n' }), values: [token, password], text };
    };

    it('scan reports it as a finding of its own, with file, line and key, and the two plaintext secrets', async () => {
      const { p, values } = project();
      try {
        const json = await runCli(['scan', '--format', 'json'], { cwd: p.dir });
        assert.equal(json.code, 1, json.stderr);
        const { findings } = JSON.parse(json.stdout) as JsonReport;
        assert.deepEqual(findings.map((f) => `${f.file}:${f.line} ${f.key} ${f.rule}`), ['.env:1 GITHUB_TOKEN github-token', '.env:2 BROKEN malformed-reference', '.env:3 DB_PASSWORD key-hint-password']);
        assert.match(findings[1]!.message, /^BROKEN is a malformed Azure Key Vault \(App Service\) reference \(the secret name in its SecretUri has an invalid %-escape\)/);
        const text = await runCli(['scan'], { cwd: p.dir });
        assert.equal(text.code, 1);
        assert.match(text.stdout, /\.env:2:1 {2}problem {2}BROKEN is a malformed/);
        assert.match(text.stdout, /2 plaintext secrets and 1 other problem in 1 of 1 env file\./);
        for (const r of [json, text]) assert.doesNotMatch(r.stdout + r.stderr, /URI malformed|%ZZ/);
        assertNoValue([json, text], values);
      } finally {
        p.cleanup();
      }
    });

    it('run refuses to start the command and names the key with file:line', async () => {
      const { p, values } = project();
      try {
        const result = await runCli(['run', '--', process.execPath, '-e', 'process.stdout.write("started")'], { cwd: p.dir, env: env() });
        assert.equal(result.code, 2);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /^envguard run: BROKEN \(\.env:2\) is a malformed Azure Key Vault \(App Service\) reference/);
        assert.match(result.stderr, /1 reference could not be resolved; the command was not started/);
        assert.doesNotMatch(result.stderr, /URI malformed|%ZZ/);
        assertNoValue([result], values);
      } finally {
        p.cleanup();
      }
    });

    it('migrate moves the two plaintext secrets and leaves the malformed reference, saying why', async () => {
      const { p, values } = project();
      try {
        const result = await runCli(['migrate', '.env', '--yes'], { cwd: p.dir, env: env() });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /skipped: \.env:2 BROKEN is a malformed Azure Key Vault \(App Service\) reference .*; it stays in the file/);
        assert.match(result.stdout, /Moved 2 values\. Rewritten: \.env\./);
        assert.equal(readFileSync(path.join(p.dir, '.env'), 'utf8'), `GITHUB_TOKEN=envguard://local/app/default/GITHUB_TOKEN\nBROKEN=${BROKEN}\nDB_PASSWORD=envguard://local/app/default/DB_PASSWORD\n`);
        assert.doesNotMatch(result.stdout + result.stderr, /URI malformed/);
        assertNoValue([result], values);
      } finally {
        p.cleanup();
      }
    });
  });
});
