/**
 * Hardening item 6: values cut at `#`. Each file is read as the programs that read it read it
 * (python-dotenv, dotenv, compose), in scan, migrate and run; where two of them read a value
 * differently, it is reported and not moved. Real processes, real files, the real python-dotenv.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { makeProject, runCli, type CliResult } from '../support/cli';
import { fake } from '../support/fakes';
import { PYTHON } from '../dotenv/python-dotenv-oracle';

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** What a Python program gets in os.environ under `envguard run`, and what it gets if it then calls load_dotenv itself. */
const PRINT_ENV = 'import json, os, sys; from dotenv import load_dotenv; before = dict(os.environ); load_dotenv(".env"); print(json.dumps({k: [before.get(k), os.environ.get(k)] for k in sys.argv[1:]}))';

describe('envguard and the loaders that read each file (item 6: values cut at #)', function () {
  this.timeout(60_000);
  let home: string;
  const env = () => ({ ENVGUARD_HOME: home, ENVGUARD_KEY_STORE: 'file' });
  const secret = fake.issuePassword();
  const outputs: CliResult[] = [];
  const cli = async (args: string[], cwd: string): Promise<CliResult> => {
    const result = await runCli(args, { cwd, env: env() });
    outputs.push(result);
    return result;
  };
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'envguard-home-'));
    outputs.length = 0;
  });
  afterEach(() => {
    // Whatever happened, the value itself, and its part after the `#`, were never shown.
    for (const output of outputs) {
      assert.ok(!(output.stdout + output.stderr).includes(secret.split('#')[1]!), 'a secret value was shown');
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('the issue: in a Python project (requirements.txt names python-dotenv), migrate moves the whole value and run gives it whole', async () => {
    const p = makeProject({ '.git/HEAD': '', 'requirements.txt': 'flask==3.0.3\npython-dotenv==1.0.1\n', '.env': `DB_PASSWORD=${secret}\nPORT=8000\n` });
    try {
      const scan = await cli(['scan', '--format', 'json'], p.dir);
      assert.strictEqual(scan.code, 1, scan.stderr);
      assert.deepEqual((JSON.parse(scan.stdout) as { findings: { key: string; rule: string }[] }).findings.map((f) => `${f.key} ${f.rule}`), ['DB_PASSWORD key-hint-password']);

      const migrate = await cli(['migrate', '--yes'], p.dir);
      assert.strictEqual(migrate.code, 0, migrate.stdout + migrate.stderr);
      const after = readFileSync(path.join(p.dir, '.env'), 'utf8');
      assert.match(after, /^DB_PASSWORD=envguard:\/\/local\/[a-z0-9-]+\/default\/DB_PASSWORD\nPORT=8000\n$/, 'the whole value is gone from the file, its part after # included');

      const run = await cli(['run', '--', PYTHON, '-c', PRINT_ENV, 'DB_PASSWORD', 'PORT'], p.dir);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), { DB_PASSWORD: [secret, secret], PORT: ['8000', '8000'] }, 'the app gets the whole value, and its own load_dotenv keeps it');
      outputs.pop(); // run's stdout is the program's: it printed the value on purpose

      for (const file of [...allFiles(p.dir), ...allFiles(home)]) assert.ok(!readFileSync(file, 'latin1').includes(secret.split('#')[1]!), `${file} holds part of the secret`);
    } finally {
      p.cleanup();
    }
  });

  it('a file read by python-dotenv and by dotenv (a Python and a Node project): scan reports the disagreement and migrate refuses, saying why', async () => {
    const text = `DB_PASSWORD=${secret}\nPORT=8000\n`;
    const p = makeProject({ '.git/HEAD': '', 'requirements.txt': 'python-dotenv\n', 'package.json': '{ "dependencies": { "dotenv": "17.2.3" } }\n', '.env': text });
    try {
      const scan = await cli(['scan', '--format', 'json'], p.dir);
      assert.strictEqual(scan.code, 1);
      const findings = (JSON.parse(scan.stdout) as { findings: { key: string; rule: string; message: string }[] }).findings;
      const disagreement = findings.find((f) => f.rule === 'loaders-disagree');
      assert.ok(disagreement, scan.stdout);
      assert.strictEqual(disagreement.key, 'DB_PASSWORD');
      assert.match(disagreement.message, /^DB_PASSWORD is read differently by python-dotenv and dotenv \(dotenv ends the value at "#"\)/);
      const project = await cli(['project'], p.dir);
      assert.match(project.stdout, /\n {2}\.env is read by python-dotenv and dotenv \(requirements\.txt names python-dotenv; package\.json \(a Node project: dotenv\)\)\n/);
      const text1 = await cli(['scan'], p.dir);
      assert.match(text1.stdout, /\.env:1:1 {2}problem {2}DB_PASSWORD is read differently by python-dotenv and dotenv/);

      const migrate = await cli(['migrate', '--yes'], p.dir);
      assert.strictEqual(migrate.code, 1);
      assert.match(migrate.stdout, /\.env:1 DB_PASSWORD is read differently by python-dotenv and dotenv \(dotenv ends the value at "#"\); it stays in the file: quote the value so that each of them reads it whole, or say which program reads the file in \.envguard\.json \("loader": "python-dotenv" or "dotenv"\)/);
      assert.strictEqual(readFileSync(path.join(p.dir, '.env'), 'utf8'), text, 'the file is unchanged');
      const list = await cli(['vault', 'list'], p.dir);
      assert.doesNotMatch(list.stdout, /DB_PASSWORD/);

      // Told which program reads it, EnvGuard reads it as that one does.
      writeFileSync(path.join(p.dir, '.envguard.json'), '{ "loader": "python-dotenv" }\n');
      const declared = await cli(['migrate', '--yes'], p.dir);
      assert.strictEqual(declared.code, 0, declared.stdout);
      const run = await cli(['run', '--', PYTHON, '-c', PRINT_ENV, 'DB_PASSWORD'], p.dir);
      assert.deepEqual(JSON.parse(run.stdout), { DB_PASSWORD: [secret, secret] });
      outputs.pop();
    } finally {
      p.cleanup();
    }
  });

  it('a quoted value both loaders read whole moves, and the rewritten file reads the same for both', async () => {
    const p = makeProject({ '.git/HEAD': '', 'requirements.txt': 'python-dotenv\n', 'package.json': '{}', '.env': `DB_PASSWORD="${secret}" # db\nPORT=8000\n` });
    try {
      const migrate = await cli(['migrate', '--yes'], p.dir);
      assert.strictEqual(migrate.code, 0, migrate.stdout + migrate.stderr);
      const after = readFileSync(path.join(p.dir, '.env'), 'utf8');
      assert.match(after, /^DB_PASSWORD="envguard:\/\/local\/[a-z0-9-]+\/default\/DB_PASSWORD" # db\n/);
      assert.match(dotenv.parse(after).DB_PASSWORD!, /^envguard:\/\/local\//);
      const node = await cli(['run', '--', process.execPath, '-e', 'process.stdout.write(process.env.DB_PASSWORD)'], p.dir);
      assert.strictEqual(node.stdout, secret);
      outputs.pop();
    } finally {
      p.cleanup();
    }
  });

  it('run expands python-dotenv\'s ${VAR} with the value resolved from the vault, as the app read it before', async () => {
    const p = makeProject({ '.git/HEAD': '', 'pyproject.toml': '[project]\ndependencies = ["python-dotenv"]\n', '.env': `DB_PASSWORD=${secret}\nDATABASE_URL=postgres://app:\${DB_PASSWORD}@db:5432/app\n` });
    try {
      const migrate = await cli(['migrate', '--yes'], p.dir);
      assert.strictEqual(migrate.code, 0, migrate.stdout + migrate.stderr);
      assert.match(readFileSync(path.join(p.dir, '.env'), 'utf8'), /\nDATABASE_URL=postgres:\/\/app:\$\{DB_PASSWORD\}@db:5432\/app\n$/);
      const run = await cli(['run', '--', PYTHON, '-c', PRINT_ENV, 'DATABASE_URL'], p.dir);
      assert.strictEqual(run.code, 0, run.stderr);
      const url = `postgres://app:${secret}@db:5432/app`;
      assert.deepEqual(JSON.parse(run.stdout), { DATABASE_URL: [url, url] });
      outputs.pop();
    } finally {
      p.cleanup();
    }
  });

  it('a value that python-dotenv or compose expand as they load it stays in the file, with the reason', async () => {
    const token = fake.githubToken('dialect');
    const compose = 'services:\n  app:\n    image: app\n    env_file: app.env\n';
    const p = makeProject({ '.git/HEAD': '', 'compose.yaml': compose, 'app.env': `GITHUB_TOKEN=${token}\nAPI_SECRET=${fake.hex('dollar', 12)}$${fake.hex('dollar2', 12)}\n` });
    try {
      const migrate = await cli(['migrate', 'app.env', '--yes'], p.dir);
      assert.match(migrate.stdout, /app\.env:2 API_SECRET is expanded by docker compose as it loads it \(\$VAR and \$\{…\}\), so the app does not get the text written; it stays in the file: move the variables it refers to, or write \$\$ for a literal \$/);
      assert.match(readFileSync(path.join(p.dir, 'app.env'), 'utf8'), /^GITHUB_TOKEN=envguard:\/\/local\/[a-z0-9-]+\/app\/GITHUB_TOKEN\nAPI_SECRET=/);
      assert.ok(!(migrate.stdout + migrate.stderr).includes(token));
    } finally {
      p.cleanup();
    }
  });
});
