// `npm run test:integration`: the extension inside a real VS Code extension host (test/host), in
// three sessions on fresh copies of test/fixtures/host-workspace:
//   main        trusted workspace: activation, diagnostics, quick fixes, commands, local vault
//   restricted  workspace trust on and the folder not trusted: read and report only
//   ui          Chromium drives the workbench: open .env, open the quick-fix menu, screenshot, apply
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ensureHostTools } from '../host/install.mjs';
import { runHost, serverLogTail } from '../host/host.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const runs = path.join(here, '.runs');
const fixture = path.join(root, 'test', 'fixtures', 'host-workspace');
// Loaded beside EnvGuard: the real debugpy adapter for debug type `debugpy` (see its extension.js).
const debugpyExtension = path.join(here, 'debugpy-extension');
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

async function suite(name, trust, extraEnv = {}) {
  const { runDir, workspace, vault } = prepare(name);
  const resultsFile = path.join(runDir, 'results.json');
  let error;
  try {
    await runHost({ runDir, workspace, extensionPath: root, installed: [debugpyExtension], testsEntry, trust,
      env: { ENVGUARD_SUITE: name, ENVGUARD_TEST_RESULTS: resultsFile, ENVGUARD_HOME: vault, ...extraEnv } });
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

async function ui() {
  const { runDir, workspace, vault } = prepare('ui');
  const screenshot = path.join(runs, 'quick-fix.png');
  const title = '[ui] Chromium opens .env, sees the diagnostics, opens the quick-fix menu (screenshot) and applies the preferred fix';
  try {
    const menu = await runHost({
      runDir, workspace, extensionPath: root, trust: true, env: { ENVGUARD_HOME: vault }, viewport: { width: 1280, height: 720 },
      drive: async (page) => {
        await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        await page.waitForSelector('.statusbar-item:has-text("plaintext secret")', { timeout: 60_000 });
        await page.keyboard.press('Control+P');
        await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
        await page.keyboard.type('.env');
        await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label^=".env,"], .quick-input-list .monaco-list-row[aria-label^=".env "]', { timeout: 15_000 });
        await page.keyboard.press('Enter');
        await page.waitForSelector('.tab.active[aria-label^=".env"]', { timeout: 15_000 });
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
        for (let i = 0; i < 100 && !readFileSync(file, 'utf8').includes('envguard://local/DATABASE_URL'); i++) await page.waitForTimeout(100);
        return text;
      },
    });
    const ok = menu.includes('Move DATABASE_URL to the vault') && menu.includes('not a secret')
      && readFileSync(path.join(workspace, '.env'), 'utf8').includes('DATABASE_URL=envguard://local/DATABASE_URL');
    results.push({ title, state: ok ? 'passed' : 'failed' });
    console.log(`  ${ok ? '✓' : '✗'} ${title}\n      screenshot: ${path.relative(root, screenshot)}${ok ? '' : `\n      menu: ${JSON.stringify(menu)}`}`);
  } catch (error) {
    results.push({ title, state: 'failed' });
    console.log(`  ✗ ${title}: ${error.message}\n${serverLogTail(runDir)}`);
  }
}

console.log('Integration tests in a real VS Code extension host');
if (only.length === 0 || only.includes('main')) {
  const keyVault = await startKeyVault();
  try {
    await suite('main', true, keyVault.env);
  } finally {
    keyVault.stop();
  }
}
if (only.length === 0 || only.includes('restricted')) await suite('restricted', false);
if (only.length === 0 || only.includes('ui')) await ui();
const count = (state) => results.filter((r) => r.state === state).length;
console.log(`\n${count('passed')} passed, ${count('failed')} failed, ${count('pending')} skipped (integration)`);
process.exit(count('failed') > 0 || results.length === 0 ? 1 : 0);
