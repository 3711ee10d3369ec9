import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { agentReleaseGate, readReleaseLog, type ApprovalDecision, type ApprovalView } from '../../../src/core/gate';
import { resolveReferences } from '../../../src/core/resolve';
import { gateKey } from '../../../src/core/gate/derived-keys';
import { readWrappedKey, unwrapKey } from '../../../src/core/vault/local/wrapped-key';
import { CLI, type CliResult } from '../support/cli';
import { DB_PASSWORD, PASSPHRASE, protectedVault, runAsAgent, SessionLeader, waitUntil, type ProtectedVault } from './support';

/**
 * The approval channel a VS Code window opens (the extension's protocol, driven here by the test,
 * which plays the human clicking the dialog): `envguard run` in a terminal of that window is asked
 * about there. The commands are real child processes; which session they belong to is read by the
 * key agent from the OS.
 */
describe('gate: approvals through a window\'s channel', function () {
  this.timeout(90_000);
  let vault: ProtectedVault;
  let asked: ApprovalView[];
  let answer: ApprovalDecision;
  let channel: { credential: { id: string }; close: () => void } | undefined;
  let session: SessionLeader;

  /** `envguard run` as a process of the test's own session (no terminal), in the channel's window; or in a session of its own. */
  function runInWindow(args: string[], extraEnv: NodeJS.ProcessEnv = {}, newSession = false): Promise<CliResult> {
    const env = { PATH: process.env.PATH, ...vault.env, ENVGUARD_VSCODE_CHANNEL: channel!.credential.id, ...extraEnv };
    // In a session of its own, as an agent runs commands (setsid, no terminal).
    return newSession ? runAsAgent(args, { cwd: vault.project, env }) : session.run(process.execPath, [CLI, ...args], { cwd: vault.project, env });
  }

  async function openWindow(): Promise<void> {
    channel?.close();
    const opened = await vault.client.openChannel(PASSPHRASE, 'test window', (question) => {
      asked.push(question.request);
      return Promise.resolve(answer);
    });
    channel = opened;
  }

  before(async function () {
    if (process.platform !== 'linux') this.skip();
    vault = await protectedVault();
    await vault.unlock();
    session = new SessionLeader();
  });
  beforeEach(async () => {
    asked = [];
    answer = 'deny';
    // Every case starts with no approval: lock (ending them all), then unlock and open the window again.
    await vault.client.request({ op: 'lock' }).catch(() => undefined);
    await waitUntil(async () => !(await vault.client.status()).running);
    await vault.unlock();
    await openWindow();
  });
  after(async () => {
    channel?.close();
    session?.close();
    await vault?.cleanup();
  });

  it('asks in the window, naming the command, its process chain, the project, environment and secret names', async () => {
    answer = 'once';
    const result = await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), DB_PASSWORD);
    assert.equal(asked.length, 1);
    const view = asked[0]!;
    assert.match(view.command, /cli\.js run -- printenv DB_PASSWORD$/);
    assert.ok(view.command.startsWith(process.execPath), `the real executable is named: ${view.command}`);
    assert.ok(view.chain.length > 0);
    assert.equal(view.purpose, 'run');
    assert.match(view.names[0]!, /\/default\/DB_PASSWORD$/);
    assert.match(view.scopes[0]!, /\/default$/);
    assert.equal(view.sessionAllowed, true);
    assert.equal(view.agent, undefined);
  });

  it('"once" is for that command only; "for this session" covers the same session, not another', async () => {
    answer = 'once';
    assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 0);
    assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 0);
    assert.equal(asked.length, 2);
    answer = 'session';
    assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 0);
    const again = await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD']);
    assert.equal(again.stdout.trim(), DB_PASSWORD);
    assert.equal(asked.length, 3, 'the session approval covered the second run');
    answer = 'deny';
    const elsewhere = await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'], {}, true);
    assert.equal(asked.length, 4, 'a process in another session is asked about anew');
    assert.equal(elsewhere.code, 3);
    assert.ok(!elsewhere.stdout.includes(DB_PASSWORD));
  });

  it('a command under a recognised AI agent never rides the human\'s session: it is asked about anew, naming the agent, and its output is masked', async () => {
    answer = 'session';
    assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 0);
    answer = 'once';
    const underAgent = await runInWindow(['run', '--', 'sh', '-c', 'echo "value: $DB_PASSWORD"'], { CLAUDECODE: '1' });
    assert.equal(asked.length, 2);
    assert.match(asked[1]!.agent ?? '', /^Claude Code \(variable CLAUDECODE\)/);
    assert.equal(underAgent.code, 0, underAgent.stderr);
    assert.ok(!underAgent.stdout.includes(DB_PASSWORD), 'redacted by default under an agent');
    assert.match(underAgent.stdout, /value: \[REDACTED:DB_PASSWORD\]/);
    assert.match(underAgent.stderr, /running under Claude Code: secret values are masked/);
  });

  it('a denial exits 3 with the reason, is recorded, and the same request is not put to the human again during the cool-down', async () => {
    answer = 'deny';
    const denied = await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD']);
    assert.equal(denied.code, 3);
    assert.match(denied.stderr, /you denied it in VS Code/);
    const again = await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD']);
    assert.equal(again.code, 3);
    assert.match(again.stderr, /denied moments ago; EnvGuard does not ask again for \d+ s/);
    assert.equal(asked.length, 1, 'one prompt only');
    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const { records } = await readReleaseLog(vault.home, gateKey(key, 'release log'));
    assert.ok(records.some((r) => r.event === 'denied' && r.reason === 'you denied it in VS Code'));
  });

  it('a process without a session (its leader gone) is asked every time, and after a denial a new such process is not put to the human again during the cool-down', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'envguard-detached-'));
    // The shell that leads the new session exits at once: the command left behind keeps the session id of a leader that is gone.
    const runDetached = async (name: string): Promise<CliResult> => {
      const [out, err, code] = ['out', 'err', 'code'].map((f) => path.join(work, `${name}.${f}`)) as [string, string, string];
      const script = `("$0" "$1" run -- printenv DB_PASSWORD > '${out}' 2> '${err}'; echo $? > '${code}.tmp'; mv '${code}.tmp' '${code}') &`;
      const env = { PATH: process.env.PATH, ...vault.env, ENVGUARD_VSCODE_CHANNEL: channel!.credential.id };
      spawn('setsid', ['sh', '-c', script, process.execPath, CLI], { cwd: vault.project, env, stdio: 'ignore' });
      await waitUntil(() => existsSync(code), 60_000, `${name} to finish`);
      return { code: Number(readFileSync(code, 'utf8')), signal: null, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
    };
    try {
      answer = 'session';
      const first = await runDetached('first');
      assert.equal(first.code, 0, first.stderr);
      assert.equal(asked.length, 1);
      assert.equal(asked[0]!.sessionAllowed, false, 'no session to approve for');
      answer = 'deny';
      const second = await runDetached('second');
      assert.equal(asked.length, 2, 'asked again: the first approval was for that command only');
      assert.equal(second.code, 3);
      const third = await runDetached('third');
      assert.equal(third.code, 3);
      assert.match(third.stderr, /denied moments ago; EnvGuard does not ask again for \d+ s/);
      assert.equal(asked.length, 2, 'no third prompt');
      assert.ok(!second.stdout.includes(DB_PASSWORD) && !third.stdout.includes(DB_PASSWORD));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('two identical requests at once share one prompt', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    channel?.close();
    channel = await vault.client.openChannel(PASSPHRASE, 'test window', async (question) => {
      asked.push(question.request);
      await held;
      return 'once';
    });
    const both = Promise.all([runInWindow(['run', '--', 'printenv', 'DB_PASSWORD']), runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])]);
    await waitUntil(() => asked.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    release();
    const results = await both;
    assert.deepEqual(results.map((r) => r.code), [0, 0]);
    assert.equal(asked.length, 1);
  });

  // The editor's Reveal Secret Value: the window asks for itself; a value shown to whoever is at the screen is asked about each time.
  it('a Reveal from the window is asked every time, even answered "for this session", and each release is recorded as a reveal', async () => {
    const credential = (channel as unknown as { credential: { id: string; secret: string } }).credential;
    const gate = agentReleaseGate({
      client: vault.client, ensureUnlocked: () => Promise.resolve(),
      clientInfo: () => ({ pid: process.pid, cwd: vault.project, terminal: false }), channel: () => Promise.resolve(credential),
    });
    const reference = /^DB_PASSWORD=(.*)$/m.exec(readFileSync(path.join(vault.project, '.env'), 'utf8'))![1]!;
    const reveal = () => resolveReferences([{ key: 'DB_PASSWORD', value: reference, origin: '.env', requester: { root: vault.project } }], [], { gate, purpose: 'reveal', label: 'EnvGuard: Reveal Secret Value (DB_PASSWORD in .env)' });
    answer = 'session';
    assert.equal((await reveal()).values.get('DB_PASSWORD'), DB_PASSWORD);
    assert.equal((await reveal()).values.get('DB_PASSWORD'), DB_PASSWORD);
    assert.equal(asked.length, 2, 'asked for each reveal');
    assert.ok(asked.every((view) => view.purpose === 'reveal' && !view.sessionAllowed));
    const key = (await unwrapKey((await readWrappedKey(vault.home))!, PASSPHRASE))!;
    const { records } = await readReleaseLog(vault.home, gateKey(key, 'release log'));
    assert.equal(records.filter((r) => r.event === 'released' && r.requester?.purpose === 'reveal').length, 2);
    assert.ok(!JSON.stringify(records).includes(DB_PASSWORD));
  });

  it('a process that asks for a Reveal without a window\'s credential is refused, and no human is asked under the Reveal title', async () => {
    const gate = agentReleaseGate({
      client: vault.client, ensureUnlocked: () => Promise.resolve(),
      clientInfo: () => ({ pid: process.pid, cwd: vault.project, terminal: false }), channel: () => Promise.resolve(undefined),
    });
    const reference = /^DB_PASSWORD=(.*)$/m.exec(readFileSync(path.join(vault.project, '.env'), 'utf8'))![1]!;
    const before = asked.length;
    answer = 'once';
    const result = await resolveReferences([{ key: 'DB_PASSWORD', value: reference, origin: '.env', requester: { root: vault.project } }], [], { gate, purpose: 'reveal', label: 'a script calling itself a reveal' });
    assert.equal(result.values.get('DB_PASSWORD'), undefined, 'no value');
    assert.match(JSON.stringify(result.failures), /only a VS Code window asks to reveal a value/);
    assert.equal(asked.length, before, 'nobody was asked');
  });

  it('envguard lock ends every approval: the key is forgotten and the next run is refused', async () => {
    answer = 'session';
    assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 0);
    const lock = await runInWindow(['lock']);
    assert.match(lock.stdout, /Locked: the key is forgotten and 1 approval ended/);
    await waitUntil(async () => !(await vault.client.status()).running);
    const after = await runAsAgent(['run', '--', 'printenv', 'DB_PASSWORD'], { cwd: vault.project, env: vault.env });
    assert.equal(after.code, 3);
    assert.match(after.stderr, /locked/);
  });

  it('a file an agent writes cannot turn approvals off: approval.json without the vault key\'s MAC is ignored (and said so)', async () => {
    writeFileSync(path.join(vault.home, 'approval.json'), JSON.stringify({ format: 'envguard-approval/1', rules: [{ project: '*', environment: '*', policy: 'none' }], mac: 'AAAA' }));
    await vault.client.request({ op: 'lock' });
    await waitUntil(async () => !(await vault.client.status()).running);
    await vault.unlock();
    await openWindow();
    const status = await vault.client.status();
    assert.match(status.warning ?? '', /changed outside EnvGuard and is ignored/);
    answer = 'deny';
    assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 3);
    assert.equal(asked.length, 1, 'still asked');
  });

  it('a repository can make its policy stricter: "approval": "every-time" offers no session and asks each time', async () => {
    writeFileSync(path.join(vault.project, '.envguard.json'), JSON.stringify({ approval: 'every-time' }));
    try {
      answer = 'session';
      assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 0);
      assert.equal(asked[0]!.sessionAllowed, false);
      assert.equal((await runInWindow(['run', '--', 'printenv', 'DB_PASSWORD'])).code, 0);
      assert.equal(asked.length, 2);
    } finally {
      writeFileSync(path.join(vault.project, '.envguard.json'), '{}');
    }
  });
});
