import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testCertificates } from '../../servers/keyvault/certs';
import { KeyVaultTestServer, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT } from '../../servers/keyvault/server';
import { CLI, makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';

const DNS_HOOK = path.resolve(__dirname, '../../servers/keyvault/dns-hook.cjs');
const FILES = ['.env', '.env.staging', '.env.production'];
const PER_FILE = 10;

/**
 * `envguard migrate` reports each secret as it is stored (plain lines on a pipe), and Ctrl-C (a real
 * SIGINT to the real process, against a slow Key Vault test server) stops it after the writes in
 * flight: it says which files were rewritten, which keys moved, which values were stored while their
 * file was not rewritten, which were left, and exits 130. Files and vault agree, and a re-run finishes.
 */
describe('envguard migrate: progress and Ctrl-C (real process, slow test vault)', function () {
  this.timeout(120_000);
  let server: KeyVaultTestServer;
  let home: string;
  before(async () => { server = await KeyVaultTestServer.start(); home = mkdtempSync(path.join(os.tmpdir(), 'envguard-interrupt-')); });
  after(async () => { await server.close(); rmSync(home, { recursive: true, force: true }); });

  const env = (): NodeJS.ProcessEnv => ({
    NODE_OPTIONS: `--require ${DNS_HOOK}`, NODE_EXTRA_CA_CERTS: testCertificates().caFile,
    AZURE_TENANT_ID: TEST_TENANT, AZURE_CLIENT_ID: TEST_CLIENT_ID, AZURE_CLIENT_SECRET: TEST_CLIENT_SECRET, AZURE_AUTHORITY_HOST: server.authorityHost,
    ENVGUARD_HOME: path.join(home, 'local'), ENVGUARD_KEY_STORE: 'automation',
  });

  /** Starts migrate and sends SIGINT once the first secret is reported stored. */
  function migrateInterrupted(cwd: string, url: string): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'migrate', '--vault', url, '--yes'], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let sent = false;
      child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (!sent && /stored \S+ \(1\/\d+\)/.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  }

  it('stops after the items in flight, says what was done and not, exits 130; files and vault agree; a re-run finishes', async () => {
    const values = new Map<string, string>(); // `${file} ${key}` → value
    const files: Record<string, string> = { '.envguard.json': '{"project":"app"}' };
    for (const file of FILES) {
      const lines: string[] = [];
      for (let i = 0; i < PER_FILE; i++) {
        const value = fake.githubToken(`${file}-${i}`);
        values.set(`${file} API_TOKEN_${i}`, value);
        lines.push(`API_TOKEN_${i}=${value}`);
      }
      files[file] = `${lines.join('\n')}\n`;
    }
    const project = makeProject(files);
    try {
      const url = server.vaultUrl('slow');
      server.latencyMs = 150;
      const result = await migrateInterrupted(project.dir, url);
      server.latencyMs = 0;
      const output = result.stdout + result.stderr;
      for (const value of values.values()) assert.ok(!output.includes(value), 'no value in the output');
      assert.equal(result.code, 130, output);
      assert.match(result.stderr, /envguard migrate: stored app-\S+ \(1\/30\)/, 'each secret is reported as it is stored');
      assert.match(result.stderr, /interrupted: finishing the item in flight/);
      assert.match(result.stderr, /interrupted \(Ctrl-C\): stopped after the item in flight/);
      assert.match(result.stderr, /files rewritten: none/);
      assert.match(result.stderr, /Run the same command again to finish/);
      const storedLine = /stored in the vault, file not rewritten[^:]*: (.*)/.exec(result.stderr);
      const leftLine = /left in their files, not stored: (.*)/.exec(result.stderr);
      assert.ok(storedLine && leftLine, result.stderr);
      const stored = storedLine[1]!.split(', ');
      const left = leftLine[1]!.split(', ');
      assert.ok(stored.length >= 1 && left.length >= 1, 'some values were stored, some were not started');
      assert.equal(stored.length + left.length, FILES.length * PER_FILE, 'every value is accounted for');

      // Files and vault agree: every file is unchanged (it still holds every value); what the report
      // says was stored is in the vault with exactly that value, what it says was left is not.
      for (const file of FILES) assert.equal(readFileSync(path.join(project.dir, file), 'utf8'), files[file]);
      for (const entry of stored) {
        const [, file, key, name] = /^(\S+):\d+ (\S+) -> (\S+)$/.exec(entry)!;
        assert.equal(server.peek('slow', name!), values.get(`${file} ${key}`));
      }
      for (const entry of left) assert.match(entry, /^\.env(\.\w+)?:\d+ API_TOKEN_\d+$/);

      const again = await runCli(['migrate', '--vault', url, '--yes'], { cwd: project.dir, env: env() });
      assert.equal(again.code, 0, again.stderr);
      for (const file of FILES) assert.doesNotMatch(readFileSync(path.join(project.dir, file), 'utf8'), /ghp_/);
      for (const [where, value] of values) {
        const [file, key] = where.split(' ');
        const environment = file === '.env' ? 'default' : file!.slice('.env.'.length);
        assert.equal(server.peek('slow', `app-${environment}-${key!.replace(/_/g, '-')}`), value);
      }
    } finally {
      server.latencyMs = 0;
      project.cleanup();
    }
  });
});
