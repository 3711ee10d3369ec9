// One VSIX per platform (`vsce package --target`), each with only its own OS keychain binding.
// The binding is native (@napi-rs/keyring loads @napi-rs/keyring-<platform> by name) and npm installs only
// this machine's, so each target is packaged from a staging folder: the files the VSIX ships (.vscodeignore),
// @napi-rs/keyring, and the target's binding package, taken from node_modules when installed here, else
// fetched with `npm pack` at the same version. Run after `npm run build` (`npm run package:targets` does).
//   node scripts/package-targets.mjs [--targets linux-x64,darwin-arm64] [--out-dir DIR]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** VS Code's target → the @napi-rs/keyring platform package it loads there. */
export const BINDINGS = {
  'linux-x64': 'keyring-linux-x64-gnu',
  'linux-arm64': 'keyring-linux-arm64-gnu',
  'darwin-x64': 'keyring-darwin-x64',
  'darwin-arm64': 'keyring-darwin-arm64',
  'win32-x64': 'keyring-win32-x64-msvc',
};

/** What the VSIX ships besides node_modules, relative to the repository; .vscodeignore picks among them. */
const SHIPPED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'ARCHITECTURE.md', '.vscodeignore', 'media', 'docs', 'dist'];

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The binding package's folder: installed here, or unpacked from `npm pack` into `cache`. */
function bindingFolder(name, version, cache) {
  const installed = path.join(REPO, 'node_modules', '@napi-rs', name);
  if (existsSync(installed) && JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version === version) return installed;
  const unpacked = path.join(cache, `${name}-${version}`);
  if (existsSync(path.join(unpacked, 'package.json'))) return unpacked;
  mkdirSync(cache, { recursive: true });
  const tarball = path.join(cache, run('npm', ['pack', `@napi-rs/${name}@${version}`, '--pack-destination', cache, '--silent'], cache).trim().split('\n').pop());
  mkdirSync(unpacked, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], cache);
  return unpacked;
}

export function packageTarget(target, outDir) {
  const binding = BINDINGS[target];
  if (!binding) throw new Error(`no target ${target}: choose among ${Object.keys(BINDINGS).join(', ')}`);
  const keyring = path.join(REPO, 'node_modules', '@napi-rs', 'keyring');
  const version = JSON.parse(readFileSync(path.join(keyring, 'package.json'), 'utf8')).version;
  if (!existsSync(path.join(REPO, 'dist', 'cli.js')) || !existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('dist/ is not built: run npm run build first');

  const staging = mkdtempSync(path.join(tmpdir(), `envguard-vsix-${target}-`));
  for (const entry of SHIPPED) {
    cpSync(path.join(REPO, entry), path.join(staging, entry), { recursive: true, filter: (from) => !from.endsWith('.vsix') && path.basename(from) !== '.bindings' });
  }
  cpSync(keyring, path.join(staging, 'node_modules', '@napi-rs', 'keyring'), { recursive: true });
  cpSync(bindingFolder(binding, version, path.join(REPO, 'dist', '.bindings')), path.join(staging, 'node_modules', '@napi-rs', binding), { recursive: true });
  // vsce collects node_modules through `npm list --production`: the staging folder holds only the one
  // runtime dependency the bundles leave out (the native keyring), so its manifest lists only that one.
  const manifest = JSON.parse(readFileSync(path.join(staging, 'package.json'), 'utf8'));
  manifest.dependencies = { '@napi-rs/keyring': manifest.dependencies['@napi-rs/keyring'] };
  delete manifest.devDependencies;
  delete manifest.scripts;
  writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const vsix = path.join(outDir, `envguard-${target}.vsix`);
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  try {
    run(process.execPath, [vsce, 'package', '--target', target, '--no-rewrite-relative-links', '--out', vsix], staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return vsix;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { targets: { type: 'string' }, 'out-dir': { type: 'string' } } });
  const targets = values.targets ? values.targets.split(',') : Object.keys(BINDINGS);
  const outDir = path.resolve(values['out-dir'] ?? path.join(REPO, 'dist'));
  mkdirSync(outDir, { recursive: true });
  for (const target of targets) console.log(`${target}: ${path.relative(process.cwd(), packageTarget(target, outDir))}`);
}
