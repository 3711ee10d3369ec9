// The README's main job: EnvGuard over the sample project, in a temporary copy with a temporary
// ENVGUARD_HOME, so that nothing outside the temp folder is touched.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse: parseDotenv } = require('dotenv');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'dist/cli.js');
const work = mkdtempSync(path.join(tmpdir(), 'envguard-demo-'));
const project = path.join(work, 'sample-project');
const env = { ...process.env, ENVGUARD_HOME: path.join(work, 'envguard-home'), NO_COLOR: '1' };
cpSync(path.join(repo, 'test/fixtures/sample-project'), project, { recursive: true });

const indent = (text, prefix = '  ') => (text === '' ? '' : `${text.replace(/\n$/, '').replace(/^/gm, prefix)}\n`);
const heading = (text) => console.log(`\n\x1b[1m== ${text}\x1b[0m`);
function envguard(args, { expect = [0] } = {}) {
  console.log(`$ envguard ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: project, env, encoding: 'utf8' });
  process.stdout.write(indent(result.stdout));
  process.stdout.write(indent(result.stderr));
  if (!expect.includes(result.status)) {
    console.error(`demo: 'envguard ${args.join(' ')}' exited ${result.status}, expected ${expect.join(' or ')}`);
    process.exit(1);
  }
  return result;
}

try {
  console.log(`EnvGuard demo in ${project}`);
  console.log(`Local vault (outside the project): ${env.ENVGUARD_HOME}`);
  const envFile = path.join(project, '.env');
  const before = readFileSync(envFile, 'utf8');

  heading('1. Scan: every plaintext secret in the env files (exit 1: some were found)');
  envguard(['scan'], { expect: [1] });
  const scanned = spawnSync(process.execPath, [cli, 'scan', '--format', 'json'], { cwd: project, env, encoding: 'utf8' });
  const secretKeys = JSON.parse(scanned.stdout).findings.map((f) => f.key);

  heading('2. Migrate: values into the local vault, references into the file');
  console.log('  .env before:');
  process.stdout.write(indent(before, '    | '));
  envguard(['migrate', '.env', '--yes']);
  const after = readFileSync(envFile, 'utf8');
  console.log('  .env after (every other byte is unchanged):');
  process.stdout.write(indent(after, '    | '));
  envguard(['vault', 'list']);
  envguard(['scan']);

  heading("3. Ignore files: keep env files out of every AI tool's context");
  envguard(['ignore']);
  envguard(['ignore', '--check']);

  heading('4. Run: the app gets every value, resolved from the vault in memory');
  envguard(['run', '--', process.execPath, 'app.js']);
  const secrets = secretKeys.map((key) => parseDotenv(before)[key]);
  const leftOnDisk = secrets.filter((value) => after.includes(value)).length;
  console.log(`  The .env on disk holds ${leftOnDisk} of the ${secrets.length} secret values; the app received all of them.`);
  if (leftOnDisk > 0) process.exit(1);

  heading('5. Run with --redact: a secret the app logs by mistake is masked');
  envguard(['run', '--redact', '--', process.execPath, 'app.js', '--leak']);

  heading('Done');
} finally {
  rmSync(work, { recursive: true, force: true });
}
