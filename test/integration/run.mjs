// `npm run test:integration`: the extension inside a real VS Code extension host (test/host), in
// sessions on fresh copies of test/fixtures/host-workspace. The mocha suites (main, restricted) run
// through `@vscode/test-electron`'s runTests, as any extension's tests do: pointed at this machine's
// offline host (test/host/code-offline.mjs), and at desktop VS Code where one can be downloaded
// (a visible skip where not). The UI sessions drive the workbench from outside, with Playwright.
//   main        trusted workspace: activation, diagnostics, quick fixes, commands, local vault
//   restricted  workspace trust on and the folder not trusted: read and report only
//   desktop     the main suite in desktop VS Code (downloaded by @vscode/test-electron)
//   ui          Chromium drives the workbench: open .env, open the quick-fix menu, screenshot, apply;
//               the project's first migration: the notification on running the app (screenshot), its action
//               opens the walkthrough step (screenshot), and later migrations do not repeat it;
//               unsaved changes: the save-first dialog (screenshot), Cancel, then Save and Continue;
//               F5 on a broken reference: the dialog (screenshot), Cancel, then Launch Anyway
//   gate        a passphrase vault: unlock in the password box, `envguard run` in a terminal raises
//               the approval dialog (screenshot), Allow Once, then Deny; F5 needs no dialog (gate-session.mjs);
//               the reference UI: labels (screenshot), Reveal masked (screenshot), Copy, Set New Value,
//               Set New Value on a pinned reference (Update the Pin rewrites the file)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { ensureHostTools } from '../host/install.mjs';
import { runHost, serverLogTail } from '../host/host.mjs';
import { desktopVsCode } from './desktop.mjs';
import { attemptFlow, filesHolding, pick, pickThenDialog } from './ui-support.mjs';
import { gateSession } from './gate-session.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const runs = path.join(here, '.runs');
const fixture = path.join(root, 'test', 'fixtures', 'host-workspace');
// Loaded beside EnvGuard: the real debugpy adapter for debug type `debugpy` (see its extension.js).
const debugpyExtension = path.join(here, 'debugpy-extension');
/** What runTests starts instead of a downloaded VS Code: this machine's offline host. */
const offlineCode = path.join(root, 'test', 'host', 'code-offline.mjs');
const only = process.argv.slice(2);

ensureHostTools();
if (!existsSync(path.join(root, 'dist', 'extension.js'))) throw new Error('build the extension first (npm run build)');
const testsEntry = path.join(here, '.out', 'index.js');
await build({
  entryPoints: [path.join(here, 'suite', 'index.ts')], outfile: testsEntry, bundle: true, platform: 'node', target: 'node20',
  format: 'cjs', external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning', mainFields: ['module', 'main'],
  logOverride: { 'unsupported-require-call': 'silent' },
});
rmSync(runs, { recursive: true, force: true });

/**
 * A fresh copy of the fixture. Its `.envguard.json` declares the project, so the copy is a project of
 * its own (else it would belong to the repository it sits in: EnvGuard's own checkout).
 */
function prepare(name) {
  const runDir = path.join(runs, name);
  const workspace = path.join(runDir, 'workspace');
  mkdirSync(runDir, { recursive: true });
  cpSync(fixture, workspace, { recursive: true });
  return { runDir, workspace, vault: path.join(runDir, 'vault') };
}

const results = [];

/** The test Key Vault server in a process of its own; the host reaches it with the standard AZURE_* variables. */
async function startKeyVault() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/servers/keyvault/serve.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the test Key Vault server exited (${code})`)));
    child.stdout.setEncoding('utf8').once('data', (line) => resolve(JSON.parse(line)));
  });
  return {
    stop: () => child.kill(),
    env: {
      ENVGUARD_TEST_KV_PORT: String(info.port), ENVGUARD_TEST_DNS_HOOK: path.join(root, 'test/servers/keyvault/dns-hook.cjs'),
      NODE_EXTRA_CA_CERTS: info.caFile, AZURE_TENANT_ID: '72f988bf-0000-4000-8000-0000000e2e57', AZURE_CLIENT_ID: 'envguard-test-client',
      AZURE_CLIENT_SECRET: 'envguard-test-client-secret', AZURE_AUTHORITY_HOST: `https://login.envguard-test.invalid:${info.port}`,
    },
  };
}

/**
 * The test AWS Secrets Manager and HashiCorp Vault servers, in processes of their own sharing the Key
 * Vault server's CA (ENVGUARD_TEST_CERTS); the host reaches them with the standard AWS_* and VAULT_* variables.
 */
async function startCloudVaults(certDir) {
  const start = (file) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, file)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ENVGUARD_TEST_CERTS: certDir } });
    return { child, info: new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
      child.stdout.setEncoding('utf8').once('data', (line) => resolve(JSON.parse(line)));
    }) };
  };
  const aws = start('test/servers/aws-secrets-manager/serve.ts');
  const vault = start('test/servers/vault/serve.ts');
  const [a, v] = await Promise.all([aws.info, vault.info]);
  return {
    stop: () => { aws.child.kill(); vault.child.kill(); },
    env: {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: a.endpoint, AWS_REGION: a.region, AWS_ACCESS_KEY_ID: a.accessKeyId, AWS_SECRET_ACCESS_KEY: a.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: path.join(certDir, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(certDir, 'no-aws-credentials'),
      ENVGUARD_TEST_AWS_PORT: String(a.port), VAULT_ADDR: v.address, VAULT_TOKEN: v.rootToken, VAULT_CACERT: v.caFile,
    },
  };
}

/**
 * One mocha session through runTests. `code` is the VS Code to start (the offline host unless
 * desktop VS Code is given). runTests always passes --disable-workspace-trust; the restricted session
 * asks the offline host to keep trust on (ENVGUARD_HOST_WORKSPACE_TRUST), which desktop VS Code
 * cannot be asked.
 */
async function suite(name, trust, extraEnv = {}, setUp = () => {}, code = offlineCode) {
  const { runDir, workspace, vault } = prepare(name);
  setUp(workspace);
  const resultsFile = path.join(runDir, 'results.json');
  let error;
  try {
    await runTests({
      vscodeExecutablePath: code, extensionDevelopmentPath: [root, debugpyExtension], extensionTestsPath: testsEntry,
      launchArgs: [workspace, `--user-data-dir=${path.join(runDir, 'user-data')}`, `--extensions-dir=${path.join(runDir, 'extensions')}`],
      // An automation vault (no approvals): these suites test what happens once a release is approved; the gate's own tests use a passphrase vault.
      extensionTestsEnv: { ENVGUARD_SUITE: name, ENVGUARD_TEST_RESULTS: resultsFile, ENVGUARD_HOME: vault, ENVGUARD_KEY_STORE: 'automation',
        ...(trust ? {} : { ENVGUARD_HOST_WORKSPACE_TRUST: 'on' }), ...extraEnv },
    });
  } catch (e) {
    error = e;
  }
  const ran = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : [];
  for (const r of ran) {
    results.push(r);
    console.log(`  ${r.state === 'passed' ? '✓' : r.state === 'failed' ? '✗' : '-'} [${name}] ${r.title}`);
    if (r.error) console.log(r.error.split('\n').slice(0, 8).map((l) => `      ${l}`).join('\n'));
  }
  if (ran.length === 0 || (error && !ran.some((r) => r.state === 'failed'))) {
    results.push({ title: `[${name}] the session itself`, state: 'failed' });
    console.log(`  ✗ [${name}] the session did not complete: ${error?.message ?? 'no results'}\n${serverLogTail(runDir)}`);
  }
}

/** Key Vault, AWS and HashiCorp test servers around a session of the main suite. */
async function withVaultServers(session) {
  const keyVault = await startKeyVault();
  const cloud = await startCloudVaults(path.dirname(keyVault.env.NODE_EXTRA_CA_CERTS));
  try {
    await session({ ...keyVault.env, ...cloud.env });
  } finally {
    keyVault.stop();
    cloud.stop();
  }
}

/**
 * The hardening issue's hostile repository, for the restricted session: a `.envguard.json` whose
 * pattern backtracks exponentially in JavaScript on the value beside it (it froze the extension host
 * on opening the folder), a malformed reference among plaintext secrets, and patterns in
 * `.envguard.json` and workspace settings that would flag NODE_ENV and PORT if they were used.
 */
function prepareHostileRepository(workspace) {
  writeFileSync(path.join(workspace, '.envguard.json'), JSON.stringify({ customPatterns: [{ id: 'evil', value: '^(a+)+$' }, { id: 'from-repository', key: '^NODE_ENV$' }] }));
  mkdirSync(path.join(workspace, 'hostile'));
  writeFileSync(path.join(workspace, 'hostile', '.env'), `FOO=${'a'.repeat(40)}!\nBROKEN=@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/%ZZ)\nAPI_PASSWORD=Hq7-Lm2x-Vr9z\n`);
  const settings = path.join(workspace, '.vscode', 'settings.json');
  writeFileSync(settings, readFileSync(settings, 'utf8').replace(/\n}\s*$/, ',\n  "envguard.detection.customPatterns": [{ "id": "from-workspace-settings", "key": "^PORT$" }]\n}\n'));
}

/** Opens the workspace's .env through Quick Open, as a user would. */
async function openDotEnv(page) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('.env');
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label^=".env,"], .quick-input-list .monaco-list-row[aria-label^=".env "]', { timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.tab.active[aria-label^=".env"]', { timeout: 15_000 });
}

/** The quick-fix menu, driven as a user would: returns the menu's text. */
async function quickFixFlow(page, workspace, screenshot) {
  await page.waitForSelector('.statusbar-item:has-text("plaintext secret")', { timeout: 60_000 });
  await openDotEnv(page);
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ timeout: 30_000 });
  const box = await squiggle.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press('Control+.');
  const widget = page.locator('.action-widget').first();
  await widget.waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  const text = await widget.innerText();
  await page.keyboard.press('Enter');
  const file = path.join(workspace, '.env');
  for (let i = 0; i < 100 && !readFileSync(file, 'utf8').includes('envguard://local/workspace/default/DATABASE_URL'); i++) await page.waitForTimeout(100);
  return text;
}

/**
 * The project's first migration (the quick fix above): one notification says that a plain `npm start`
 * now gets the reference text (screenshot); its action opens the walkthrough at "Run your app with its
 * secrets" (screenshot). Then back to .env for the flows that follow. Read in the notification center:
 * this headless workbench shows no toasts.
 */
async function runHintFlow(page, screenshots) {
  await pick(page, { open: 'F1', type: 'Notifications: Show Notifications', row: 'Show Notifications' });
  const hint = page.locator('.notifications-center .notification-list-item', { hasText: 'ordinary terminal' }).first();
  await hint.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshots.runHint });
  const message = await hint.innerText();
  await hint.locator('.monaco-button', { hasText: 'How to Run with Secrets' }).click();
  const step = page.locator('.getting-started-step.expanded', { hasText: 'Run your app with its secrets' }).first();
  await step.waitFor({ timeout: 30_000 });
  await hideNotificationCenter(page);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: screenshots.runStep });
  const stepText = await step.innerText();
  await openDotEnv(page);
  return { message, stepText };
}

/** The notifications not dismissed yet, as the notification center lists them. */
async function notificationCenterText(page) {
  await pick(page, { open: 'F1', type: 'Notifications: Show Notifications', row: 'Show Notifications' });
  const center = page.locator('.notifications-center');
  await center.waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  const text = await center.innerText();
  await hideNotificationCenter(page);
  return text;
}

/** Closes the notification center by its own button (Escape closes it only while it has focus). */
async function hideNotificationCenter(page) {
  const hide = page.locator('.notifications-center .codicon-notifications-hide').first();
  if (await hide.isVisible()) await hide.click();
}

/**
 * A new secret typed into .env (unsaved), then "Move Secrets in This File": the dialog asks to save
 * first; Cancel leaves disk and editor as they were, "Save and Continue" saves and moves.
 */
async function unsavedFlow(page, workspace, screenshot) {
  const file = path.join(workspace, '.env');
  const runCommand = () => pickThenDialog(page, { open: 'F1', type: 'EnvGuard: Move Secrets in This File', row: 'Move Secrets in This File', timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`NEW_API_TOKEN=tok_${TYPED.unsaved}\n`);
  await page.waitForSelector('.tab.active.dirty', { timeout: 15_000 });
  const before = readFileSync(file, 'utf8');
  let dialog = await runCommand();
  const message = await dialog.innerText();
  await page.screenshot({ path: screenshot });
  await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await page.waitForTimeout(2000);
  const unchangedAfterCancel = readFileSync(file, 'utf8') === before && (await page.locator('.tab.active.dirty').count()) === 1;
  dialog = await runCommand();
  await dialog.locator('.monaco-button', { hasText: 'Save and Continue' }).click();
  for (let i = 0; i < 150 && !readFileSync(file, 'utf8').includes('NEW_API_TOKEN=envguard://local/workspace/default/NEW_API_TOKEN'); i++) await page.waitForTimeout(100);
  return { message, unchangedAfterCancel, after: readFileSync(file, 'utf8') };
}

/** The fake values the UI session types or finds: none may remain in VS Code's own data folders. */
const TYPED = { unsaved: 'Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac', backup: 'Vb5Nq9Xw2Lm7Rk4Tz8Hc3Jp6Fd1Gs0Ye' };

/**
 * Desktop VS Code copies an unsaved editor into `<user data>/Backups` a second after each change
 * (the working copy backup tracker; `files.hotExit` keeps it there when the window closes). A secret
 * typed into .env, with the workspace's `files.autoSave: off` (desktop's default): EnvGuard's
 * `[dotenv]` default saves it first, so no backup of it is ever written. Waits well past the
 * tracker's delays (1 s, 2 s when auto save is short), then lists what holds the value.
 */
async function backupFlow(page, workspace, runDir, screenshot) {
  const file = path.join(workspace, '.env');
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`BACKUP_PROBE_TOKEN=${TYPED.backup}\n`);
  for (let i = 0; i < 100 && !readFileSync(file, 'utf8').includes(TYPED.backup); i++) await page.waitForTimeout(100);
  await page.waitForTimeout(5000);
  await page.screenshot({ path: screenshot });
  const backups = path.join(runDir, 'user-data', 'User', 'Backups');
  return {
    savedToDisk: readFileSync(file, 'utf8').includes(TYPED.backup),
    dirty: (await page.locator('.tab.active.dirty').count()) > 0,
    backupFolderExists: existsSync(backups),
    backups: filesHolding(backups, [TYPED.backup]).map((f) => path.relative(runDir, f)),
  };
}

/**
 * The user's way out of the prompt saving: `"[dotenv]": { "files.autoSave": "off" }`. The unsaved
 * changes dialog then has an unsaved file to ask about (and a backup of it exists until it is saved).
 */
async function turnOffDotenvAutoSave(page, workspace) {
  const settings = path.join(workspace, '.vscode', 'settings.json');
  writeFileSync(settings, JSON.stringify({ 'envguard.diagnostics.delay': 50, 'git.enabled': false, 'files.autoSave': 'off', 'workbench.startupEditor': 'none',
    '[dotenv]': { 'files.autoSave': 'off' } }, null, 2));
  await page.waitForTimeout(3000); // VS Code reloads a changed settings file on its own
}

function prepareBrokenLaunch(workspace) {
  const out = path.join(path.dirname(workspace), 'broken-launch-out.json');
  mkdirSync(path.join(workspace, 'launch-broken'), { recursive: true });
  writeFileSync(path.join(workspace, 'launch-broken', '.env'), 'SESSION_SECRET=envguard://local/NO_SUCH_SECRET\nPORT=3000\n');
  writeFileSync(path.join(workspace, '.vscode', 'launch.json'), JSON.stringify({ version: '0.2.0', configurations: [{
    type: 'node', request: 'launch', name: 'print env (broken reference)', program: '${workspaceFolder}/print-env.js', console: 'internalConsole',
    envFile: '${workspaceFolder}/launch-broken/.env', env: { ENVGUARD_PRINT_OUT: out, ENVGUARD_PRINT_KEYS: 'SESSION_SECRET,PORT' },
  }] }, null, 2));
  return out;
}

/**
 * F5 on a launch whose env file holds a reference to a secret the vault does not have: the modal
 * names the key and the cause; Cancel stops the launch (the program never runs), "Launch Anyway"
 * starts it with the reference text left as it is. Returns what was seen.
 */
async function brokenLaunchFlow(page, out, screenshot) {
  // Quick Open's `debug ` prefix lists launch.json's configurations; Enter starts the one picked.
  const startDebugging = () => pickThenDialog(page, { open: 'Control+P', type: 'debug print env (broken', row: 'broken reference', timeout: 60_000 });
  let dialog = await startDebugging();
  const message = await dialog.innerText();
  await page.screenshot({ path: screenshot });
  await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await page.waitForTimeout(3000);
  const ranAfterCancel = existsSync(out);
  dialog = await startDebugging();
  await dialog.locator('.monaco-button', { hasText: 'Launch Anyway' }).click();
  for (let i = 0; i < 300 && !existsSync(out); i++) await page.waitForTimeout(100);
  const received = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
  return { message, ranAfterCancel, received };
}

/** A multi-environment monorepo's env files for the workspace picker: each value a fake secret of its own. */
const MONOREPO = {
  '.env.development': 'DATABASE_URL=postgres://app:Dv7-Lq2Xm9Zt4@localhost:5432/app\nPORT=3000\n',
  '.env.production': 'DATABASE_URL=postgres://app:Pr4-Wn8Kc3Vb6@prod:5432/app\nAPI_TOKEN=tok_prd_Hs1Jd5Fg0AcZq8Wm2Kv9Xp4\n',
  'services/api/.env': 'DATABASE_URL=postgres://api:Ap5-Tz2Qm8Lx1@localhost:5432/api\n',
  'services/api/.env.production': 'DATABASE_URL=postgres://api:Ap9-Kv3Rn6Wy2@prod:5432/api\n',
};

/**
 * "Move Secrets in the Workspace…" on a monorepo: the picker shows the plan grouped by environment,
 * each group headed by its vault (screenshot); Enter moves everything in one go.
 */
async function workspacePlanFlow(page, workspace, screenshot) {
  for (const [file, text] of Object.entries(MONOREPO)) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), text);
  }
  await page.keyboard.press('Escape');
  await page.waitForTimeout(2000); // the file watcher indexes the new files
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('EnvGuard: Move Secrets in the Workspace');
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Move Secrets in the Workspace"]', { timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget .quick-input-title:has-text("into their vaults")', { timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  const picker = await page.locator('.quick-input-widget').first().innerText();
  await page.keyboard.press('Enter');
  const moved = () => Object.keys(MONOREPO).every((file) => readFileSync(path.join(workspace, file), 'utf8').includes('envguard://local/'));
  for (let i = 0; i < 300 && !moved(); i++) await page.waitForTimeout(100);
  return { picker, files: Object.fromEntries(Object.keys(MONOREPO).map((file) => [file, readFileSync(path.join(workspace, file), 'utf8')])) };
}

/** One UI session; false when the session itself broke down (not when a check failed). */
async function ui(name, lastAttempt) {
  const { runDir, workspace, vault } = prepare(name);
  const screenshots = { quickFix: path.join(runs, 'quick-fix.png'), backup: path.join(runs, 'backup.png'), unsaved: path.join(runs, 'unsaved-changes.png'), brokenLaunch: path.join(runs, 'broken-launch.png'), workspacePlan: path.join(runs, 'workspace-plan.png'), runHint: path.join(runs, 'run-hint.png'), runStep: path.join(runs, 'run-walkthrough-step.png') };
  const titles = {
    quickFix: '[ui] Chromium opens .env, sees the diagnostics, opens the quick-fix menu (screenshot) and applies the preferred fix',
    backup: '[ui] a secret typed into .env is saved at once (the [dotenv] default), so VS Code writes no copy of it to its Backups folder',
    unsaved: '[ui] moving the secrets of a file with unsaved changes asks first (screenshot); Cancel changes nothing, Save and Continue saves and moves; no copy in VS Code\'s Local History or Backups',
    brokenLaunch: '[ui] a launch with a broken reference stops at a dialog naming key and cause (screenshot); Cancel stops it, Launch Anyway runs it',
    workspacePlan: '[ui] Move Secrets in the Workspace on a monorepo: the picker groups the plan by environment with each group\'s vault (screenshot); Enter moves every environment in one go',
    runHint: '[ui] after the project\'s first migration one notification says a plain npm start now gets the reference text (screenshot); its action opens the walkthrough step "Run your app with its secrets" (screenshot); later migrations of the project say it no more',
  };
  const report = (key, ok, detail) => {
    results.push({ title: titles[key], state: ok ? 'passed' : 'failed' });
    console.log(`  ${ok ? '✓' : '✗'} ${titles[key]}\n      screenshot: ${path.relative(root, screenshots[key])}${ok ? '' : `\n      ${detail}`}`);
  };
  const brokenLaunchOut = prepareBrokenLaunch(workspace);
  try {
    const seen = await runHost({
      runDir, workspace, extensionPath: root, trust: true, env: { ENVGUARD_HOME: vault, ENVGUARD_KEY_STORE: 'automation' }, viewport: { width: 1280, height: 720 },
      drive: async (page) => {
        let menu;
        try {
          await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
          menu = await quickFixFlow(page, workspace, screenshots.quickFix);
        } catch (error) {
          await page.screenshot({ path: path.join(runs, `${name}-failure.png`) }); // what the page showed
          throw error;
        }
        const attempt = (flow, screenshot) => attemptFlow(page, flow, screenshot);
        const runHint = await attempt(() => runHintFlow(page, screenshots), screenshots.runHint);
        const backup = await attempt(() => backupFlow(page, workspace, runDir, screenshots.backup), screenshots.backup);
        await turnOffDotenvAutoSave(page, workspace);
        const unsaved = await attempt(() => unsavedFlow(page, workspace, screenshots.unsaved), screenshots.unsaved);
        const launch = await attempt(() => brokenLaunchFlow(page, brokenLaunchOut, screenshots.brokenLaunch), screenshots.brokenLaunch);
        const plan = await attempt(() => workspacePlanFlow(page, workspace, screenshots.workspacePlan), screenshots.workspacePlan);
        runHint.later = await attempt(() => notificationCenterText(page), path.join(runs, 'notification-center.png'));
        return { menu, backup, unsaved, launch, plan, runHint };
      },
    });
    const { menu, backup, unsaved, launch, plan, runHint } = seen;
    report('quickFix', menu.includes('Move DATABASE_URL to the vault') && menu.includes('not a secret')
      && readFileSync(path.join(workspace, '.env'), 'utf8').includes('DATABASE_URL=envguard://local/workspace/default/DATABASE_URL'), `menu: ${JSON.stringify(menu)}`);
    report('backup', !backup.error && backup.savedToDisk && !backup.dirty && backup.backups.length === 0, `seen: ${JSON.stringify(backup)}`);
    // VS Code keeps copies of saved files (Local History) and of unsaved ones (Backups) in its own data: none of an env file.
    const copies = [path.join(runDir, 'user-data'), path.join(runDir, 'server-data')].flatMap((dir) => filesHolding(dir, ['p7Hc2VqL9xNw4ZbR8mTy3KdF6sJe1UgA', TYPED.unsaved, TYPED.backup]));
    report('unsaved', copies.length === 0 && !unsaved.error && /\.env has unsaved changes/.test(unsaved.message) && unsaved.unchangedAfterCancel
      && unsaved.after.includes('NEW_API_TOKEN=envguard://local/workspace/default/NEW_API_TOKEN') && !unsaved.after.includes(TYPED.unsaved)
      && !unsaved.after.includes('p7Hc2VqL9xNw4ZbR8mTy3KdF6sJe1UgA') && !unsaved.after.includes(TYPED.backup), `seen: ${JSON.stringify({ ...unsaved, after: undefined, copies })}`);
    report('brokenLaunch', !launch.error && /SESSION_SECRET/.test(launch.message) && /NO_SUCH_SECRET/.test(launch.message) && launch.ranAfterCancel === false
      && launch.received?.SESSION_SECRET === 'envguard://local/NO_SUCH_SECRET' && launch.received?.PORT === '3000', `seen: ${JSON.stringify(launch)}`);
    const planFiles = plan.files ?? {};
    report('workspacePlan', !plan.error && /development → local vault/.test(plan.picker) && /production → local vault/.test(plan.picker)
      && planFiles['.env.production']?.includes('DATABASE_URL=envguard://local/workspace/production/DATABASE_URL')
      && planFiles['services/api/.env.production']?.includes('DATABASE_URL=envguard://local/workspace/production/services/api/DATABASE_URL')
      && planFiles['services/api/.env']?.includes('envguard://local/workspace/default/services/api/DATABASE_URL')
      && filesHolding(workspace, ['Pr4-Wn8Kc3Vb6', 'Ap9-Kv3Rn6Wy2', 'Dv7-Lq2Xm9Zt4', 'tok_prd_Hs1Jd5Fg0AcZq8Wm2Kv9Xp4']).length === 0, `seen: ${JSON.stringify(plan)}`);
    report('runHint', !runHint.error && /npm start/.test(runHint.message) && /ordinary terminal/.test(runHint.message) && /F5/.test(runHint.message)
      && /Open Terminal with Secrets/.test(runHint.message) && /F5/.test(runHint.stepText) && /envguard run/.test(runHint.stepText)
      && typeof runHint.later === 'string' && !runHint.later.includes('ordinary terminal'), `seen: ${JSON.stringify(runHint)}`);
  } catch (error) {
    console.log(`  ${lastAttempt ? '✗' : '-'} the UI session broke down: ${error.message.split('\n')[0]} (screenshot: ${path.relative(root, path.join(runs, `${name}-failure.png`))})\n${serverLogTail(runDir)}`);
    if (!lastAttempt) return false;
    for (const key of Object.keys(titles)) results.push({ title: titles[key], state: 'failed' });
  }
  return true;
}

console.log('Integration tests in a real VS Code extension host');
if (only.length === 0 || only.includes('main')) await withVaultServers((env) => suite('main', true, env));
if (only.length === 0 || only.includes('restricted')) await suite('restricted', false, {}, prepareHostileRepository);
if (only.length === 0 || only.includes('desktop')) {
  const desktop = await desktopVsCode(root);
  if (desktop.skipped) {
    results.push({ title: '[desktop] the main suite in desktop VS Code', state: 'pending' });
    console.log(`  - [desktop] the main suite in desktop VS Code: skipped, ${desktop.skipped}`);
  } else {
    try {
      await withVaultServers((env) => suite('desktop', true, { ...env, ...desktop.env }, () => {}, desktop.executable));
    } finally {
      desktop.stop();
    }
  }
  // runTests turns workspace trust off in every VS Code it starts; only the offline host can turn it back on.
  results.push({ title: '[desktop] the restricted suite in desktop VS Code', state: 'pending' });
  console.log('  - [desktop] the restricted suite in desktop VS Code: skipped, runTests always passes --disable-workspace-trust (the offline host runs it)');
}
// A browser driving a workbench on a shared 2-core machine: a session that breaks down before its
// checks (not a failed check) gets one more try, in a fresh workspace.
if (only.length === 0 || only.includes('ui')) {
  if (!(await ui('ui', false))) await ui('ui-retry', true);
}
if (only.length === 0 || only.includes('gate')) {
  const context = { root, runs, prepare, results };
  if (!(await gateSession('gate', false, context))) await gateSession('gate-retry', true, context);
}
const count = (state) => results.filter((r) => r.state === state).length;
console.log(`\n${count('passed')} passed, ${count('failed')} failed, ${count('pending')} skipped (integration)`);
process.exit(count('failed') > 0 || results.length === 0 ? 1 : 0);
