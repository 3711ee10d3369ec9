// The README's main job: EnvGuard over the sample project, in a temporary copy with a temporary
// ENVGUARD_HOME, so that nothing outside the temp folder is touched.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  heading('1. Scan: every plaintext secret in the env files (exit 1: some were found)');
  envguard(['scan'], { expect: [1] });

  heading("2. Ignore files: keep env files out of every AI tool's context");
  envguard(['ignore']);
  envguard(['ignore', '--check']);
  console.log('  .cursorignore now holds:');
  process.stdout.write(indent(readFileSync(path.join(project, '.cursorignore'), 'utf8'), '    '));

  heading('3. Run: the app gets exactly what dotenv would load');
  envguard(['run', '--', process.execPath, 'app.js']);

  heading('4. Run with --redact: a secret the app logs by mistake is masked');
  envguard(['run', '--redact', '--', process.execPath, 'app.js', '--leak']);

  heading('Done');
  console.log('  Next: `envguard migrate` moves these values into a vault and leaves references (coming with the local vault).');
} finally {
  rmSync(work, { recursive: true, force: true });
}
