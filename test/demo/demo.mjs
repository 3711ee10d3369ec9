// The README's main job: EnvGuard over the sample project, in a temporary copy with a temporary
// ENVGUARD_HOME, so that nothing outside the temp folder is touched.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
execFileSync('git', ['init', '-q', project]); // a repository: its root is the project

const indent = (text, prefix = '  ') => (text === '' ? '' : `${text.replace(/\n$/, '').replace(/^/gm, prefix)}\n`);
const heading = (text) => console.log(`\n\x1b[1m== ${text}\x1b[0m`);
function envguard(args, { expect = [0], cwd = project } = {}) {
  console.log(`$ envguard ${args.join(' ')}${cwd === project ? '' : `    (in ${path.relative(work, cwd)})`}`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8' });
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
  const files = ['.env', '.env.production'];
  const before = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(project, f), 'utf8')]));

  heading('1. Scan: every plaintext secret in the env files (exit 1: some were found)');
  envguard(['scan'], { expect: [1] });
  const scanned = spawnSync(process.execPath, [cli, 'scan', '--format', 'json'], { cwd: project, env, encoding: 'utf8' });
  const secrets = JSON.parse(scanned.stdout).findings.map((f) => parseDotenv(before[f.file])[f.key]);

  heading('2. Migrate the project: each environment\'s values into the vault, references into the files');
  console.log('  .env before:');
  process.stdout.write(indent(before['.env'], '    | '));
  envguard(['migrate', '--yes']);
  const after = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(project, f), 'utf8')]));
  console.log('  .env after (every other byte is unchanged):');
  process.stdout.write(indent(after['.env'], '    | '));
  console.log('  .env.production after:');
  process.stdout.write(indent(after['.env.production'], '    | '));
  envguard(['project']);
  envguard(['vault', 'list']);
  envguard(['scan']);

  heading("3. Ignore files: keep env files out of every AI tool's context");
  envguard(['ignore']);
  envguard(['ignore', '--check']);

  heading('4. Run: the app gets every value of its environment, resolved from the vault in memory');
  envguard(['run', '--', process.execPath, 'app.js']);
  envguard(['run', '-f', '.env.production', '-f', '.env', '--', process.execPath, 'app.js']); // production first: the first file wins
  const leftOnDisk = secrets.filter((value) => Object.values(after).some((text) => text.includes(value))).length;
  console.log(`  The env files on disk hold ${leftOnDisk} of the ${secrets.length} secret values; the app received all of them.`);
  if (leftOnDisk > 0) process.exit(1);

  heading('5. Run with --redact: a secret the app logs by mistake is masked');
  envguard(['run', '--redact', '--', process.execPath, 'app.js', '--leak']);

  heading("6. Another repository asks for this project's secret: refused (exit 2), even with a copy of its .envguard.json");
  const other = path.join(work, 'cloned-repo');
  mkdirSync(other);
  execFileSync('git', ['init', '-q', other]);
  cpSync(path.join(project, '.envguard.json'), path.join(other, '.envguard.json'));
  const stolen = after['.env'].match(/^SESSION_SECRET="?(envguard:[^"\n]+)/m)?.[1];
  writeFileSync(path.join(other, '.env'), `SESSION_SECRET=${stolen}\n`);
  envguard(['run', '--', process.execPath, '-e', 'console.log(process.env.SESSION_SECRET)'], { expect: [2], cwd: other });

  heading('Done');
} finally {
  rmSync(work, { recursive: true, force: true });
}
