// The `envguard` CLI as an npm package of its own: `npm i -g envguard`. The repository's package.json is
// the extension's manifest (private, the Azure and AWS SDKs as dependencies, vsce's fields, `prepare`), so
// the CLI's package is generated: a staging folder with the CLI's bundles (self-contained: esbuild put
// every library in them), README.md and LICENSE, and a package.json with `bin`, `engines`, `files` and no
// dependencies. The OS keychain binding (@napi-rs/keyring, native) is left out: the CLI uses it only to
// move a key an older EnvGuard kept in the keychain, and says so when it is absent.
// Run after `npm run build` (`npm run package:cli` does):
//   node scripts/pack-cli.mjs [--out-dir DIR]     prints the tarball's path
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(REPO, 'dist');

/** The CLI's bundles in dist/: everything esbuild wrote for `build:cli` (not the extension's, nor packages). */
export function cliBundles() {
  const top = readdirSync(DIST).filter((name) => name.endsWith('.js') && name !== 'extension.js');
  const commands = readdirSync(path.join(DIST, 'commands')).filter((name) => name.endsWith('.js')).map((name) => `commands/${name}`);
  return [...top, ...commands].sort();
}

/** The manifest of the CLI's package, from the repository's. */
export function cliManifest() {
  const root = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  return {
    name: 'envguard',
    version: root.version,
    description: 'Keeps the secrets in your .env files out of reach of AI coding agents: finds them, moves them into a vault, and resolves references when your program runs (the CLI of the EnvGuard VS Code extension).',
    license: root.license,
    repository: root.repository,
    bugs: root.bugs,
    homepage: root.homepage,
    keywords: [...root.keywords, 'cli', 'env'],
    bin: { envguard: 'dist/cli.js' },
    engines: { node: root.engines.node },
    files: ['dist/'],
  };
}

export function packCli(outDir) {
  if (!existsSync(path.join(DIST, 'cli.js'))) throw new Error('dist/ is not built: run npm run build first');
  const staging = mkdtempSync(path.join(tmpdir(), 'envguard-cli-package-'));
  try {
    for (const bundle of cliBundles()) cpSync(path.join(DIST, bundle), path.join(staging, 'dist', bundle));
    for (const file of ['README.md', 'LICENSE']) cpSync(path.join(REPO, file), path.join(staging, file));
    writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(cliManifest(), null, 2)}\n`);
    mkdirSync(outDir, { recursive: true });
    // --ignore-scripts: the staging folder has none, and the user's npm configuration must not add any.
    const report = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], { cwd: staging, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
    return path.join(outDir, report[0].filename);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  console.log(packCli(path.resolve(values['out-dir'] ?? DIST)));
}
