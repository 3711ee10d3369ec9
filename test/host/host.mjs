// Starts a real VS Code extension host (VS Code's server from code-server, on Node 24) with a
// headless Chromium as its workbench client, for one run: a test suite (extensionTestsPath) or a
// UI session driven by the caller through Playwright. Facts behind each flag: test/host/README.md.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CHROMIUM, NODE24, SERVER_MAIN } from './install.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the VS Code server exited with code ${child.exitCode} before it listened`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch { /* not listening yet */ }
    await delay(200);
  }
  throw new Error(`the VS Code server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Runs one session. `runDir` gets the server's data, a HOME and a TMPDIR of its own (the server,
 * its git extension and Chromium write sockets and caches there) and `server.log`.
 * With `testsEntry`, resolves to the exit code the workbench reports; with `drive`, calls it with
 * the Playwright page and resolves to its return value. `installed` lists extension folders to load as
 * if installed (the workbench's payload keeps one development extension only: it is read into a Map).
 */
export async function runHost({ runDir, workspace, extensionPath, installed = [], testsEntry, trust = true, env = {}, drive, timeoutMs = 300_000, viewport, permissions }) {
  const port = await freePort();
  const dirs = Object.fromEntries(['server-data', 'user-data', 'extensions', 'home', 'tmp'].map((name) => [name, path.join(runDir, name)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  // The server reads its installed extensions from extensions.json; an entry may point anywhere.
  writeFileSync(path.join(dirs.extensions, 'extensions.json'), JSON.stringify(installed.map((folder) => {
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    return { identifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version, location: { $mid: 1, scheme: 'file', path: folder } };
  })));
  const logFile = path.join(runDir, 'server.log');
  const log = createWriteStream(logFile);
  const args = [SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--enable-smoke-test-driver', '--server-data-dir', dirs['server-data'], '--user-data-dir', dirs['user-data'],
    '--extensions-dir', dirs.extensions, ...(trust ? ['--disable-workspace-trust'] : [])];
  const server = spawn(path.join(NODE24, 'bin', 'node'), args, {
    env: { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_DATA_HOME: path.join(dirs.home, '.local/share'),
      XDG_CACHE_HOME: path.join(dirs.home, '.cache'), XDG_RUNTIME_DIR: dirs.tmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout.pipe(log, { end: false });
  server.stderr.pipe(log, { end: false });
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/version`, server, 60_000);
    // Imported here: the tools are installed by ensureHostTools, after this module loaded.
    const { chromium } = await import('./tools/node_modules/playwright-core/index.mjs');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    // `permissions`: e.g. the clipboard, which a session reads as the user's other programs would.
    const page = await browser.newPage({ ...(viewport ? { viewport } : {}), ...(permissions ? { permissions } : {}) });
    // The extension host's console and uncaught errors reach the browser: keep them with the server's log.
    page.on('console', (message) => { if (message.type() === 'error') log.write(`[browser console] ${message.text()}\n`); });
    page.on('pageerror', (error) => log.write(`[browser error] ${error.message}\n`));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(extensionPath)], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    if (testsEntry) payload.push(['extensionTestsPath', remote(testsEntry)]);
    let exited;
    const exitCode = new Promise((resolve) => { exited = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => exited(code));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const work = testsEntry ? exitCode : drive(page, { port });
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`the host run did not finish within ${timeoutMs / 1000} s (see ${logFile})`)), timeoutMs); });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await delay(1000); // the extension host's last lines reach the server log
    await browser?.close().catch(() => undefined);
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
    log.end();
  }
}

/** The last lines of a run's server log, for a failure message. */
export function serverLogTail(runDir, lines = 60) {
  try {
    return readFileSync(path.join(runDir, 'server.log'), 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}
