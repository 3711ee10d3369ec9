// The `gate` session of run.mjs: the approval gate in a real workbench, with a passphrase vault (no
// ENVGUARD_KEY_STORE=automation) set up beforehand at the session's own ENVGUARD_HOME. Chromium plays
// the human: types the passphrase into the password box, then answers the dialog that
// `envguard run` in a VS Code terminal raises (Allow Once, screenshot; then Deny), and presses F5 on
// a launch with a reference, which needs no dialog. Then the reference UI (reference-flows.mjs): the
// labels after gate/.env's reference, Reveal (approved: masked, Show, Copy, the clipboard cleared;
// denied: nothing), Set New Value in password boxes. The release log must show all of it, by name.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runHost, serverLogTail } from '../host/host.mjs';
import { attemptFlow, filesHolding, modalDialog, pick } from './ui-support.mjs';
import { labelsFlow, pinChangedFlow, pinFlow, revealFlow, setValueFlow } from './reference-flows.mjs';

/** The fake value behind the reference: it may reach the approved program and the F5 debuggee, and nothing else. */
const GATE_TOKEN = 'Gq7-Vm2Xw9-Lt4Rk8-approval-fake';
/** What Set New Value stores as the secret's second version. */
const NEW_GATE_TOKEN = 'Nv4-Hs8Qw2Zk7-Rp3Lm6-rotated-fake';
/** What Set New Value on the pinned reference stores (the third version). */
const PINNED_GATE_TOKEN = 'Pn6-Kw3Xr8Qm1-Vt5Zs9-pinned-fake';
const PINNED_FILE = 'gate/pinned.env';
/** The copied value's time on the clipboard, shortened for the test (the extension reads it only outside a user's installation). */
const CLIPBOARD_CLEAR_MS = 3000;
const ENV_FILE = 'gate/.env';
const LAUNCH = 'print env (approval gate)';

/**
 * The workspace's `gate/.env` migrated into a new passphrase vault at `vault` (by the gate unit
 * tests' helper, run under tsx), a launch configuration that loads it, and the passphrase.
 */
function prepareGate(root, runDir, workspace, vault) {
  const f5Out = path.join(runDir, 'gate-f5.json');
  mkdirSync(path.join(workspace, 'gate'), { recursive: true });
  writeFileSync(path.join(workspace, ENV_FILE), `GATE_TOKEN=${GATE_TOKEN}\nPORT=3000\n`);
  writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify({ version: '0.2.0', configurations: [{
    type: 'node', request: 'launch', name: LAUNCH, program: '${workspaceFolder}/print-env.js', console: 'internalConsole',
    envFile: `\${workspaceFolder}/${ENV_FILE}`, env: { ENVGUARD_PRINT_OUT: f5Out, ENVGUARD_PRINT_KEYS: 'GATE_TOKEN,PORT' },
  }] }, null, 2));
  const env = { ...process.env };
  delete env.ENVGUARD_KEY_STORE;
  const setUp = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/integration/gate-vault.ts'), vault, workspace, ENV_FILE], { cwd: root, env, encoding: 'utf8' });
  if (setUp.status !== 0) throw new Error(`setting up the passphrase vault failed: ${setUp.stderr}`);
  const text = readFileSync(path.join(workspace, ENV_FILE), 'utf8');
  if (text.includes(GATE_TOKEN) || !/GATE_TOKEN=envguard:\/\/local\//.test(text)) throw new Error(`${ENV_FILE} was not migrated: ${text}`);
  return { passphrase: JSON.parse(setUp.stdout).passphrase, f5Out };
}

/** EnvGuard: Unlock the Local Vault, the passphrase typed into VS Code's password box (screenshot). */
async function unlockFlow(page, passphrase, screenshot) {
  await pick(page, { open: 'F1', type: 'EnvGuard: Unlock the Local Vault', row: 'Unlock the Local Vault' });
  const box = page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor({ timeout: 60_000 });
  const title = await page.locator('.quick-input-widget').first().innerText();
  await page.keyboard.type(passphrase);
  await page.screenshot({ path: screenshot });
  await page.keyboard.press('Enter');
  await page.getByText('the local vault is unlocked').first().waitFor({ timeout: 60_000 });
  return { title };
}

/** A new terminal (after the unlock, so it carries the window's ENVGUARD_VSCODE_CHANNEL), its shell ready. */
async function openTerminal(page) {
  await pick(page, { open: 'F1', type: 'Terminal: Create New Terminal', row: 'Terminal: Create New Terminal' });
  await page.locator('.terminal-wrapper.active .xterm').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000); // bash reads its start-up files before it takes input
}

/**
 * Types `envguard run` into the terminal, for a program that writes what it received to `out`, and
 * the exit code to `exitFile`; answers the dialog that follows with `answer` (screenshot first, when
 * asked). Returns the dialog's text, the exit code and what the program received.
 */
async function terminalRunFlow(page, root, { out, exitFile, answer, screenshot }) {
  const q = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
  const node = q(process.execPath);
  await page.locator('.terminal-wrapper.active .xterm').click();
  await page.keyboard.type(`${node} ${q(path.join(root, 'dist', 'cli.js'))} run --env-file ${ENV_FILE} -- ${node} print-env.js ${q(out)} GATE_TOKEN,PORT; echo $? > ${q(exitFile)}`);
  await page.keyboard.press('Enter');
  const dialog = await modalDialog(page, 90_000);
  const message = await dialog.innerText();
  if (screenshot) await page.screenshot({ path: screenshot });
  await dialog.locator('.monaco-button', { hasText: answer }).click();
  for (let i = 0; i < 600 && !existsSync(exitFile); i++) await page.waitForTimeout(100);
  const exit = existsSync(exitFile) ? readFileSync(exitFile, 'utf8').trim() : undefined;
  return { message, exit, received: existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined };
}

/** F5 by Quick Open's `debug` picker: the launch is the approval, so no dialog may appear while it starts and runs. */
async function f5Flow(page, out, screenshot) {
  await pick(page, { open: 'Control+P', type: `debug ${LAUNCH}`, row: 'approval gate' });
  let dialogs = 0;
  for (let i = 0; i < 600 && !existsSync(out); i++) {
    if (await page.locator('.monaco-dialog-box').count() > 0) dialogs++;
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(1000);
  if (await page.locator('.monaco-dialog-box').count() > 0) dialogs++;
  await page.screenshot({ path: screenshot });
  return { dialogs, received: existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined };
}

/**
 * `envguard ARGS` beside the session, at its vault: `vault log --json` (verified by the key agent the
 * window unlocked), `lock` (the agent outlives the window, as it outlives any one terminal).
 */
function envguard(root, runDir, vault, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], {
      cwd: runDir, env: { PATH: process.env.PATH, HOME: path.join(runDir, 'home'), XDG_RUNTIME_DIR: path.join(runDir, 'tmp'), ENVGUARD_HOME: vault }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The session; false when it broke down before its checks (run.mjs then gives it one more try in a
 * fresh workspace), true when its checks ran and were reported into `results`.
 */
export async function gateSession(name, lastAttempt, { root, runs, prepare, results }) {
  const { runDir, workspace, vault } = prepare(name);
  const screenshots = { unlock: path.join(runs, 'unlock-passphrase.png'), allow: path.join(runs, 'approval-dialog.png'), deny: path.join(runs, 'approval-denied.png'), f5: path.join(runs, 'approval-f5.png'),
    labels: path.join(runs, 'reference-labels.png'), reveal: path.join(runs, 'reveal-masked.png'), setValue: path.join(runs, 'set-new-value.png'), revealDenied: path.join(runs, 'reveal-denied.png') };
  const titles = {
    unlock: '[gate] EnvGuard: Unlock the Local Vault asks for the passphrase in a password box (screenshot); the typed passphrase unlocks it',
    allow: '[gate] envguard run in a VS Code terminal raises the approval dialog naming command and secret (screenshot); Allow Once: the program receives the value',
    deny: '[gate] the same command again: Deny, and envguard run exits 3 without running the program',
    f5: '[gate] F5 on a launch with a reference: no dialog (the launch is the approval), the debuggee receives the value',
    labels: '[gate] a migrated file reads at a glance: after the reference, "local · v1 · <age>" from the vault\'s metadata once unlocked (screenshot)',
    reveal: '[gate] Reveal Secret Value… asks in the approval dialog; Allow Once shows the value masked with its length (screenshot), Show shows it, Copy puts it on the clipboard, which is cleared after the delay',
    setValue: '[gate] Set New Value… takes the value twice in password boxes and stores a new version: the label says v2, and Reveal then gives the new value',
    revealDenied: '[gate] Reveal denied in the approval dialog: no dialog with the value appears',
    pin: '[gate] Set New Value on a reference pinned to a version offers to move the pin; Update the Pin rewrites the reference to the new version through the editor (saved), every other byte the same; not when the line changed to another reference meanwhile',
    log: '[gate] envguard vault log records the unlock, the approval in VS Code and its release, the denial, and the F5 release (approved by the launch), by name; the value is nowhere VS Code keeps data',
  };
  const report = (key, ok, detail) => {
    results.push({ title: titles[key], state: ok ? 'passed' : 'failed' });
    const shot = screenshots[key] ? `\n      screenshot: ${path.relative(root, screenshots[key])}` : '';
    console.log(`  ${ok ? '✓' : '✗'} ${titles[key]}${shot}${ok ? '' : `\n      ${detail}`}`);
  };
  const allowOut = path.join(runDir, 'gate-allow.json');
  const denyOut = path.join(runDir, 'gate-deny.json');
  try {
    const { passphrase, f5Out } = prepareGate(root, runDir, workspace, vault);
    const seen = await runHost({
      runDir, workspace, extensionPath: root, trust: true, env: { ENVGUARD_HOME: vault, ENVGUARD_TEST_CLIPBOARD_CLEAR_MS: String(CLIPBOARD_CLEAR_MS) }, viewport: { width: 1280, height: 720 },
      permissions: ['clipboard-read', 'clipboard-write'], timeoutMs: 540_000,
      drive: async (page) => {
        let unlock;
        try {
          await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
          await page.waitForSelector('.statusbar-item:has-text("plaintext secret")', { timeout: 60_000 }); // EnvGuard is active
          unlock = await unlockFlow(page, passphrase, screenshots.unlock);
          await openTerminal(page);
        } catch (error) {
          await page.screenshot({ path: path.join(runs, `${name}-failure.png`) });
          throw error;
        }
        const attempt = (flow, screenshot) => attemptFlow(page, flow, screenshot);
        const allow = await attempt(() => terminalRunFlow(page, root, { out: allowOut, exitFile: path.join(runDir, 'gate-allow.exit'), answer: 'Allow Once', screenshot: screenshots.allow }), screenshots.allow);
        const deny = await attempt(() => terminalRunFlow(page, root, { out: denyOut, exitFile: path.join(runDir, 'gate-deny.exit'), answer: 'Deny', screenshot: screenshots.deny }), screenshots.deny);
        const f5 = await attempt(() => f5Flow(page, f5Out, screenshots.f5), screenshots.f5);
        const labels = await attempt(() => labelsFlow(page, ENV_FILE, /^local · v1 · /, screenshots.labels), screenshots.labels);
        const reveal = await attempt(() => revealFlow(page, { answer: 'Allow Once', then: 'copy', screenshot: screenshots.reveal }), screenshots.reveal);
        const setValue = await attempt(async () => {
          const set = await setValueFlow(page, NEW_GATE_TOKEN, /^local · v2 · /);
          await page.screenshot({ path: screenshots.setValue });
          return { ...set, revealed: await revealFlow(page, { answer: 'Allow Once' }) };
        }, screenshots.setValue);
        const revealDenied = await attempt(() => revealFlow(page, { answer: 'Deny', screenshot: screenshots.revealDenied }), screenshots.revealDenied);
        const pin = await attempt(async () => {
          // Pinned to the version Set New Value just wrote, as the vault lists it; a quoted value and other lines around it.
          const listed = await envguard(root, runDir, vault, ['vault', 'list', '--json']);
          const secret = JSON.parse(listed.stdout).secrets.find((s) => s.name.endsWith('/GATE_TOKEN'));
          const text = `GATE_TOKEN="envguard://local/${secret.name}@${secret.version}" # pinned\r\n# the port\r\nPORT=3000\r\n`;
          const seen = await pinFlow(page, { file: path.join(workspace, PINNED_FILE), fileName: PINNED_FILE, text, value: PINNED_GATE_TOKEN });
          const relisted = JSON.parse((await envguard(root, runDir, vault, ['vault', 'list', '--json'])).stdout).secrets.find((s) => s.name === secret.name);
          // Again, while the line changes to another reference under the password box: the pin is not moved.
          const changed = seen.after.replace(`@${relisted.version}"`, `@${secret.version}"`);
          const whileChanged = await pinChangedFlow(page, { file: path.join(workspace, PINNED_FILE), changed, value: PINNED_GATE_TOKEN });
          return { ...seen, before: text, name: secret.name, oldVersion: secret.version, newVersion: relisted.version, changed, whileChanged };
        }, path.join(runs, 'pin-failure.png'));
        const log = await envguard(root, runDir, vault, ['vault', 'log', '--json']);
        return { unlock, allow, deny, f5, labels, reveal, setValue, revealDenied, pin, log };
      },
    }).finally(() => envguard(root, runDir, vault, ['lock'])); // the key agent outlives the window: forget the key now
    const { unlock, allow, deny, f5, labels, reveal, setValue, revealDenied, pin, log } = seen;
    report('unlock', /Unlock the Local Vault/.test(unlock.title) && /passphrase/i.test(unlock.title), `seen: ${JSON.stringify(unlock)}`);
    report('allow', !allow.error && /allow .*to receive 1 secret/.test(allow.message) && allow.message.includes('GATE_TOKEN') && allow.message.includes('print-env.js')
      && allow.exit === '0' && allow.received?.GATE_TOKEN === GATE_TOKEN && allow.received?.PORT === '3000',
    `seen: ${JSON.stringify({ ...allow, received: allow.received && Object.keys(allow.received) })}`);
    report('deny', !deny.error && deny.message?.includes('GATE_TOKEN') && deny.exit === '3' && deny.received === undefined,
      `seen: ${JSON.stringify({ ...deny, received: deny.received && Object.keys(deny.received) })}`);
    report('f5', !f5.error && f5.dialogs === 0 && f5.received?.GATE_TOKEN === GATE_TOKEN && f5.received?.PORT === '3000',
      `seen: ${JSON.stringify({ ...f5, received: f5.received && Object.keys(f5.received) })}`);
    report('labels', !labels.error && labels.labels.some((l) => /^local · v1 · (just now|\d+ minutes? ago)$/.test(l)), `seen: ${JSON.stringify(labels)}`);
    const secretFree = (text) => typeof text === 'string' && !text.includes(GATE_TOKEN) && !text.includes(NEW_GATE_TOKEN) && !text.includes(PINNED_GATE_TOKEN);
    report('reveal', !reveal.error && /Reveal Secret Value in VS Code to show 1 secret/.test(reveal.approvalText) && reveal.approvalText.includes('GATE_TOKEN')
      && secretFree(reveal.masked) && reveal.masked.includes(`(${GATE_TOKEN.length} characters)`) && reveal.plain.includes(GATE_TOKEN)
      && reveal.copied === GATE_TOKEN && reveal.clearedTo === '', `seen: ${JSON.stringify({ ...reveal, plain: reveal.plain && '(withheld)', copied: reveal.copied && reveal.copied.length })}`);
    report('setValue', !setValue.error && /Set New Value of GATE_TOKEN/.test(setValue.firstPrompt) && secretFree(setValue.firstPrompt)
      && setValue.revealed?.plain?.includes(NEW_GATE_TOKEN) && !setValue.revealed.plain.includes(GATE_TOKEN)
      && readFileSync(path.join(workspace, ENV_FILE), 'utf8').includes('GATE_TOKEN=envguard://local/'), `seen: ${JSON.stringify({ ...setValue, revealed: setValue.revealed && { ...setValue.revealed, plain: '(withheld)' } })}`);
    report('pin', !pin.error && /GATE_TOKEN has a new value/.test(pin.dialogText) && secretFree(pin.dialogText) && pin.newVersion !== pin.oldVersion
      && pin.after === pin.before.replace(`@${pin.oldVersion}"`, `@${pin.newVersion}"`) && !pin.dirty
      && pin.whileChanged?.after === pin.changed && /changed while the value was stored: the pin of GATE_TOKEN was not updated/.test(pin.whileChanged.notice),
    `seen: ${JSON.stringify(pin)}`);
    report('revealDenied', !revealDenied.error && revealDenied.approvalText?.includes('GATE_TOKEN') && revealDenied.valueDialogs === 0, `seen: ${JSON.stringify(revealDenied)}`);
    const records = log.code === 0 ? JSON.parse(log.stdout).records : [];
    const named = (r) => r.names?.some((n) => n.endsWith('/GATE_TOKEN'));
    const has = (event, test) => records.some((r) => r.event === event && named(r) && test(r));
    const reveals = (event) => records.filter((r) => r.event === event && named(r) && r.requester?.purpose === 'reveal').length;
    // Where VS Code and the session keep data (the vault is encrypted; the programs' own out files hold the value by design).
    const leaks = [path.join(runDir, 'user-data'), path.join(runDir, 'server-data'), path.join(runDir, 'home'), path.join(runDir, 'tmp'), path.join(runDir, 'server.log'), vault]
      .flatMap((dir) => filesHolding(dir, [GATE_TOKEN, NEW_GATE_TOKEN, PINNED_GATE_TOKEN])).map((f) => path.relative(runDir, f));
    // F5 is the approval itself: its release names the debug launch as what approved it, with no approval of its own before.
    report('log', log.code === 0 && records.some((r) => r.event === 'unlocked')
      && has('approved', (r) => r.channel === 'vscode' && r.scope === 'once') && has('released', (r) => r.channel === 'vscode')
      && has('denied', (r) => /denied it in VS Code/.test(r.reason ?? '')) && has('released', (r) => r.channel === 'debug-launch')
      && records.filter((r) => r.event === 'released' && named(r) && r.requester?.purpose !== 'reveal').length === 2
      // Each Reveal is a release of its own, approved in VS Code; the denied one is recorded as denied.
      && reveals('released') === 2 && reveals('approved') === 2 && reveals('denied') === 1
      && !log.stdout.includes(GATE_TOKEN) && !log.stderr.includes(GATE_TOKEN) && leaks.length === 0,
    `seen: exit ${log.code}, ${log.stderr.trim()}; events ${JSON.stringify(records.map((r) => [r.event, r.channel, r.requester?.purpose, r.names]))}; value found in ${JSON.stringify(leaks)}`);
  } catch (error) {
    console.log(`  ${lastAttempt ? '✗' : '-'} the gate session broke down: ${error.message.split('\n')[0]} (screenshot: ${path.relative(root, path.join(runs, `${name}-failure.png`))})\n${serverLogTail(runDir)}`);
    if (!lastAttempt) return false;
    for (const key of Object.keys(titles)) results.push({ title: titles[key], state: 'failed' });
  }
  return true;
}
