import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI } from '../support/cli';
import { DB_PASSWORD, hasTmux, PASSPHRASE, protectedVault, Terminals, waitUntil, type ProtectedVault } from './support';

/**
 * Terminals, driven through tmux: the human types the passphrase at the command's own terminal; an
 * agent that holds a terminal types "y" at anything asked and gets nothing. An approval "for this
 * session" covers that terminal only, and expires.
 */
describe('gate: approvals at a terminal', function () {
  this.timeout(120_000);
  let vault: ProtectedVault;
  let terminals: Terminals;
  const start = (target: string, args: string): string => terminals.start(target, args);

  before(async function () {
    if (process.platform !== 'linux' || !hasTmux()) this.skip();
    vault = await protectedVault();
  });
  beforeEach(() => {
    terminals = new Terminals(vault.project, { ...vault.env, PATH: process.env.PATH ?? '', ENVGUARD_SESSION_IDLE: '4s' });
  });
  afterEach(async () => {
    terminals?.close();
    await vault?.client.request({ op: 'lock' }).catch(() => undefined);
    if (vault) await waitUntil(async () => !(await vault.client.status()).running);
  });
  after(async () => { await vault?.cleanup(); });

  it('an agent typing "y" at a terminal gets no value: three wrong passphrases, refused, exit 3', async () => {
    const terminal = terminals.open();
    const marker = start(terminal, 'run -- printenv DB_PASSWORD');
    for (let i = 1; i <= 3; i++) {
      // The i-th prompt, then "y" (an agent types it at anything).
      await waitUntil(() => (terminals.screen(terminal).match(/^(?:Wrong passphrase\. )?Passphrase: *$|Passphrase: *$/gm) ?? []).length >= i, 15_000, `prompt ${i}`);
      terminals.type(terminal, 'y');
    }
    const screen = await terminals.waitFor(terminal, new RegExp(`${marker}=\\d+`));
    assert.match(screen, new RegExp(`${marker}=3`));
    assert.match(screen, /stays locked: the passphrase was wrong 3 times/);
    assert.ok(!screen.includes(DB_PASSWORD));
  });

  it('also when the human unlocked the vault elsewhere: the agent\'s terminal is asked for the passphrase, and "y" fails', async () => {
    await vault.unlock();
    const terminal = terminals.open();
    const marker = start(terminal, 'run -- printenv DB_PASSWORD');
    for (let i = 1; i <= 3; i++) {
      await waitUntil(() => (terminals.screen(terminal).match(/Passphrase: *$/gm) ?? []).length >= i, 15_000, `prompt ${i}`);
      terminals.type(terminal, 'y');
    }
    const screen = await terminals.waitFor(terminal, new RegExp(`${marker}=\\d+`));
    assert.match(screen, /approve to release 1 secret/);
    assert.match(screen, new RegExp(`${marker}=3`));
    assert.match(screen, /the passphrase was wrong 3 times/);
    assert.ok(!screen.includes(DB_PASSWORD));
  });

  it('the human types the passphrase: the value reaches the command; the same terminal then runs without asking, another terminal is asked anew', async () => {
    const mine = terminals.open();
    let marker = start(mine, 'run -- printenv DB_PASSWORD');
    let screen = await terminals.waitFor(mine, /Passphrase: *$/m);
    assert.match(screen, /asks for 1 secret \(.*\/default\/DB_PASSWORD\)/, 'the prompt names the secret');
    terminals.type(mine, PASSPHRASE);
    screen = await terminals.waitFor(mine, new RegExp(`${marker}=\\d+`));
    assert.match(screen, new RegExp(`${DB_PASSWORD}\\s+${marker}=0`));

    marker = start(mine, 'run -- printenv DB_PASSWORD');
    screen = await terminals.waitFor(mine, new RegExp(`${marker}=\\d+`));
    assert.match(screen, new RegExp(`${DB_PASSWORD}\\s+${marker}=0`));
    assert.doesNotMatch(screen, /Passphrase:/, 'no prompt within the session');

    const other = terminals.open();
    const otherMarker = start(other, 'run -- printenv DB_PASSWORD');
    screen = await terminals.waitFor(other, /Passphrase: *$/m);
    assert.match(screen, /approve to release 1 secret/);
    assert.match(screen, /to: .*cli\.js run -- printenv DB_PASSWORD/);
    terminals.type(other, '');
    screen = await terminals.waitFor(other, new RegExp(`${otherMarker}=\\d+`));
    assert.match(screen, new RegExp(`${otherMarker}=3`));
    assert.match(screen, /no passphrase was given/);
    assert.ok(!screen.replace(/.*printenv DB_PASSWORD.*/g, '').includes(DB_PASSWORD));
  });

  it('a process detached from the approved terminal (re-parented, agent variables dropped) does not ride its session: asked anew', async () => {
    const mine = terminals.open();
    const marker = start(mine, 'run -- printenv DB_PASSWORD');
    await terminals.waitFor(mine, /Passphrase: *$/m);
    terminals.type(mine, PASSPHRASE);
    await terminals.waitFor(mine, new RegExp(`${marker}=0`));
    // What an agent started from this terminal can do: its command's parent exits, so the command
    // keeps the terminal's session and tty but its ancestors (the agent) are no longer seen.
    const out = path.join(vault.project, 'detached.out');
    terminals.type(mine, `clear; ( env -u CLAUDECODE node ${CLI} run -- sh -c 'printenv DB_PASSWORD > ${out}' & ); echo DETACHED`);
    // Out of the session, and in the background where it cannot read the terminal: nobody can be asked.
    const screen = await terminals.waitFor(mine, /no secret was released/);
    assert.match(screen, /No human can be asked to approve it/);
    assert.doesNotMatch(screen, /Passphrase:/);
    assert.ok(!existsSync(out) || !readFileSync(out, 'utf8').includes(DB_PASSWORD), 'no value reached the detached command');
  });

  it('a session approval expires after its idle time: the terminal is asked again', async () => {
    const mine = terminals.open();
    let marker = start(mine, 'run -- printenv DB_PASSWORD');
    await terminals.waitFor(mine, /Passphrase: *$/m);
    terminals.type(mine, PASSPHRASE);
    await terminals.waitFor(mine, new RegExp(`${marker}=0`));
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    marker = start(mine, 'run -- printenv DB_PASSWORD');
    const screen = await terminals.waitFor(mine, /Passphrase: *$/m);
    assert.match(screen, /EnvGuard/);
    terminals.type(mine, '');
    await terminals.waitFor(mine, new RegExp(`${marker}=3`));
  });
});
