// The README's main job: EnvGuard over the sample project, in a temporary copy with a temporary
// ENVGUARD_HOME, so that nothing outside the temp folder is touched. The demo plays the human: it
// chooses the vault's passphrase and answers EnvGuard's approval dialog as a VS Code window does
// (the extension's channel to the key agent), printing every question it is asked.
// Run with `node --import tsx` (npm run demo does): the human's side uses the core's client.
import { execFileSync, spawnSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse: parseDotenv } = require('dotenv');
const { AgentClient, approvalSubject } = require('../../src/core/gate/index.ts');
const { initPassphraseVault } = require('../../src/core/vault/local/index.ts');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'dist/cli.js');
const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-demo-')));
const project = path.join(work, 'sample-project');
const home = path.join(work, 'envguard-home');
const PASSPHRASE = 'the demo human\'s passphrase';
// The demo's envguard commands run as in a VS Code terminal: ENVGUARD_VSCODE_CHANNEL (set once the window is unlocked) routes their approvals to its dialog.
const env = { ...process.env, ENVGUARD_HOME: home, NO_COLOR: '1' };
delete env.ENVGUARD_KEY_STORE;
cpSync(path.join(repo, 'test/fixtures/sample-project'), project, { recursive: true });
execFileSync('git', ['init', '-q', project]); // a repository: its root is the project

const indent = (text, prefix = '  ') => (text === '' ? '' : `${text.replace(/\n$/, '').replace(/^/gm, prefix)}\n`);
const heading = (text) => console.log(`\n\x1b[1m== ${text}\x1b[0m`);
/** Runs envguard as a child (asynchronously: the demo's window must answer approvals meanwhile). */
async function envguard(args, { expect = [0], cwd = project, extraEnv = {}, asAgent = false, note = '' } = {}) {
  console.log(`$ ${Object.entries(extraEnv).map(([k, v]) => `${k}=${v} `).join('')}envguard ${args.join(' ')}${cwd === project ? '' : `    (in ${path.relative(work, cwd)})`}${note ? `    # ${note}` : ''}`);
  const [command, argv] = asAgent ? ['setsid', ['--wait', process.execPath, cli, ...args]] : [process.execPath, [cli, ...args]];
  const childEnv = asAgent ? { PATH: process.env.PATH, HOME: process.env.HOME, ENVGUARD_HOME: home, NO_COLOR: '1' } : { ...env, ...extraEnv };
  const result = await new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  process.stdout.write(indent(result.stdout));
  process.stdout.write(indent(result.stderr));
  if (!expect.includes(result.status)) {
    console.error(`demo: 'envguard ${args.join(' ')}' exited ${result.status}, expected ${expect.join(' or ')}`);
    process.exit(1);
  }
  return result;
}

/** The human at the VS Code window: what the dialog shows, and the button they click. */
let nextAnswer = 'session';
function dialog(question) {
  const v = question.request;
  const button = nextAnswer === 'session' ? 'Allow for This Session' : nextAnswer === 'once' ? 'Allow Once' : 'Deny';
  console.log(`    ┌ VS Code: EnvGuard: allow ${approvalSubject(v)} to receive ${v.names.length} secret${v.names.length === 1 ? '' : 's'}?`);
  console.log(`    │ Asked by: ${v.command.replace(cli, 'envguard').replace(process.execPath, 'node')}`);
  if (v.agent) console.log(`    │ Runs under the AI agent ${v.agent}.`);
  console.log(`    │ Project and environment: ${v.scopes.join(', ')}`);
  console.log(`    └ the human clicks [${button}]`);
  return Promise.resolve(nextAnswer);
}

let window;
const client = new AgentClient(home, env);
try {
  console.log(`EnvGuard demo in ${project}`);
  console.log(`Local vault (outside the project): ${home}`);
  const files = ['.env', '.env.production'];
  const before = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(project, f), 'utf8')]));

  heading('1. Scan: every plaintext secret in the env files (exit 1: some were found)');
  await envguard(['scan'], { expect: [1] });
  const scanned = spawnSync(process.execPath, [cli, 'scan', '--format', 'json'], { cwd: project, env, encoding: 'utf8' });
  const secrets = JSON.parse(scanned.stdout).findings.map((f) => parseDotenv(before[f.file])[f.key]);

  heading('2. The vault: its key wrapped by your passphrase; VS Code unlocks it and becomes where you approve');
  console.log('$ envguard vault init    # the human types a passphrase twice');
  await initPassphraseVault(home, PASSPHRASE);
  console.log(`  The local vault (${home}) is set up. Its key rests wrapped by your passphrase.`);
  console.log('  [VS Code: EnvGuard: Unlock the Local Vault; the human types the passphrase]');
  await client.start({ node: process.execPath, cli });
  window = await client.openChannel(PASSPHRASE, 'VS Code (demo)', dialog);
  env.ENVGUARD_VSCODE_CHANNEL = window.credential.id;
  console.log(`  Unlocked: the key agent holds the key; ${readdirSync(home).sort().join(', ')} are all that is on disk, and none holds the key.`);

  heading('3. Migrate the project: each environment\'s values into the vault, references into the files');
  console.log('  .env before:');
  process.stdout.write(indent(before['.env'], '    | '));
  await envguard(['migrate', '--yes']);
  const after = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(project, f), 'utf8')]));
  console.log('  .env after (every other byte is unchanged):');
  process.stdout.write(indent(after['.env'], '    | '));
  console.log('  .env.production after:');
  process.stdout.write(indent(after['.env.production'], '    | '));
  await envguard(['project']);
  await envguard(['vault', 'list']);
  await envguard(['scan']);

  heading("4. Ignore files: keep env files out of every AI tool's context");
  await envguard(['ignore']);
  await envguard(['ignore', '--check']);

  heading('5. Run: you approve once, in the dialog; the app gets every value of its environment, in memory');
  await envguard(['run', '--', process.execPath, 'app.js']);
  await envguard(['run', '--', process.execPath, 'app.js'], { note: 'the same terminal session: approved already, no dialog' });
  nextAnswer = 'once';
  await envguard(['run', '-f', '.env.production', '-f', '.env', '--', process.execPath, 'app.js'], { note: 'production: another environment, asked anew' }); // production first: the first file wins
  const leftOnDisk = secrets.filter((value) => Object.values(after).some((text) => text.includes(value))).length;
  console.log(`  The env files on disk hold ${leftOnDisk} of the ${secrets.length} secret values; the app received all of them.`);
  if (leftOnDisk > 0) process.exit(1);

  heading('6. An AI agent runs the same command: no terminal, no window, no value (exit 3)');
  const agentRun = await envguard(['run', '--', 'printenv', 'SESSION_SECRET'], { expect: [3], asAgent: true, note: 'as an agent runs it: its own session, pipes' });

  heading('7. An agent in your own terminal (Claude Code) never rides your approval: asked anew, naming it; output masked');
  nextAnswer = 'once';
  await envguard(['run', '--', process.execPath, 'app.js', '--leak'], { extraEnv: { CLAUDECODE: '1' } });
  nextAnswer = 'deny';
  const underAgent = await envguard(['run', '--', 'printenv', 'SESSION_SECRET'], { expect: [3], extraEnv: { CLAUDECODE: '1' } });
  if ([agentRun, underAgent].some((r) => secrets.some((value) => r.stdout.includes(value) || r.stderr.includes(value)))) process.exit(1);

  heading("8. Another repository asks for this project's secret: refused (exit 2), even with a copy of its .envguard.json");
  const other = path.join(work, 'cloned-repo');
  mkdirSync(other);
  execFileSync('git', ['init', '-q', other]);
  cpSync(path.join(project, '.envguard.json'), path.join(other, '.envguard.json'));
  const stolen = after['.env'].match(/^SESSION_SECRET="?(envguard:[^"\n]+)/m)?.[1];
  writeFileSync(path.join(other, '.env'), `SESSION_SECRET=${stolen}\n`);
  await envguard(['run', '--', process.execPath, '-e', 'console.log(process.env.SESSION_SECRET)'], { expect: [2], cwd: other });

  heading('9. Every approval, denial and release is recorded (names, never values); one command ends them all');
  await envguard(['vault', 'log']);
  await envguard(['lock']);

  heading('Done');
} finally {
  window?.close();
  await client.request({ op: 'lock' }).catch(() => undefined);
  for (let i = 0; i < 100 && (await client.status()).running; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  rmSync(work, { recursive: true, force: true });
}
