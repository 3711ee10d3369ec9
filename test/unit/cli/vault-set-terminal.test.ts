import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';
import { hasTmux, Terminals, waitUntil } from '../gate/support';

/**
 * `envguard vault set NAME` at a real terminal (a tmux pty): the value is typed twice, never echoed;
 * two different values store nothing. From stdin it stores as before (migrate.test.ts).
 */
describe('envguard vault set at a terminal (real pty through tmux)', function () {
  this.timeout(90_000);
  let project: { dir: string; cleanup: () => void };
  let env: NodeJS.ProcessEnv;
  let terminals: Terminals;

  before(function () {
    if (process.platform !== 'linux' || !hasTmux()) {
      console.log('      (skipped: needs Linux and tmux)');
      this.skip();
    }
    project = makeProject({ '.envguard.json': '{ "project": "typed" }\n', '.env': 'MY_TOKEN=envguard://local/MY_TOKEN\n' });
    env = { ENVGUARD_HOME: `${project.dir}-home`, ENVGUARD_KEY_STORE: 'automation' };
    terminals = new Terminals(project.dir, env);
  });
  after(async () => {
    terminals?.close();
    // The terminals' shells may still write their history as tmux ends them.
    if (project) await waitUntil(() => { try { project.cleanup(); return true; } catch { return false; } }, 15_000, 'the project folder removed');
    if (project) rmSync(`${project.dir}-home`, { recursive: true, force: true });
  });

  /** What `envguard run` gives a program for MY_TOKEN (null when it could not be resolved). */
  async function storedValue(): Promise<string | null> {
    const result = await runCli(['run', '--', process.execPath, '-e', 'process.stdout.write(process.env.MY_TOKEN)'], { cwd: project.dir, env });
    return result.code === 0 ? result.stdout : null;
  }

  it('asks twice with hidden input, stores the value, and never shows it', async () => {
    const value = fake.githubToken();
    const terminal = terminals.open();
    terminals.runEnvguard(terminal, 'vault set MY_TOKEN', 'SET1');
    await terminals.waitFor(terminal, /Value for MY_TOKEN \(typed input is hidden\): *$/m);
    terminals.type(terminal, value);
    await terminals.waitFor(terminal, /Type it again to confirm: *$/m);
    terminals.type(terminal, value);
    const screen = await terminals.waitFor(terminal, /SET1=\d+/);
    assert.match(screen, /SET1=0/, screen);
    assert.match(screen, /stored MY_TOKEN \(version [0-9a-f]{32}\); reference: envguard:\/\/local\/MY_TOKEN/);
    assert.ok(!screen.includes(value), 'the typed value is not echoed');
    assert.equal(await storedValue(), value);
  });

  it('two different values store nothing: the previous version stays', async () => {
    const before = await storedValue();
    assert.ok(before !== null, 'the first test stored a value');
    const first = fake.password('typed-first');
    const terminal = terminals.open();
    terminals.runEnvguard(terminal, 'vault set MY_TOKEN', 'SET2');
    await terminals.waitFor(terminal, /Value for MY_TOKEN \(typed input is hidden\): *$/m);
    terminals.type(terminal, first);
    await terminals.waitFor(terminal, /Type it again to confirm: *$/m);
    terminals.type(terminal, `${first}x`);
    const screen = await terminals.waitFor(terminal, /SET2=\d+/);
    assert.match(screen, /SET2=2/, screen);
    assert.match(screen, /the two values typed differ: nothing was stored/);
    assert.ok(!screen.includes(first), 'neither typed value is echoed');
    assert.equal(await storedValue(), before);
  });

  it('stdin that is not a terminal is read as before', async () => {
    const value = fake.password('piped');
    const set = await runCli(['vault', 'set', 'MY_TOKEN'], { cwd: project.dir, env, input: `${value}\n` });
    assert.equal(set.code, 0, set.stderr);
    assert.equal(await storedValue(), value);
  });
});
