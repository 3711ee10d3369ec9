/**
 * Generates the scan workspace: a monorepo-shaped tree of ~6,000 source and text files, ~300 env
 * files in many folders, a node_modules tree and a .git folder (both with env-named canaries, which
 * every scanner must skip). Seeded, so every run and machine gets byte-identical files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { HEX, LOWER, Prng } from '../lib/prng';
import { envFileText } from './env-content';

export const SOURCE_FILES = 6000;
export const ENV_FILES = 300;
const SEED = 0x5eed_2024;

const WORDS = ['auth', 'billing', 'cart', 'user', 'order', 'search', 'report', 'invoice', 'catalog', 'gateway', 'notify', 'profile', 'admin', 'ledger', 'inventory', 'session', 'export', 'import', 'metrics', 'audit'];
const TOP_LEVEL = ['apps', 'packages', 'services', 'libs'];
const SUBFOLDERS = ['src', 'src/components', 'src/lib', 'src/api', 'src/utils', 'test', 'test/fixtures', 'docs', 'scripts', 'config'];
const EXTENSIONS = ['ts', 'ts', 'ts', 'tsx', 'js', 'json', 'md', 'txt', 'css', 'yaml'];
const ENV_NAMES = ['.env', '.env.local', '.env.production', '.env.development', '.env.test', '.env.staging', '.env.example', '.env.production.local', 'service.env', 'db.env', 'docker.env'];

export interface WorkspaceStats {
  readonly sourceFiles: number;
  readonly envFiles: number;
  /** Files under node_modules and .git: present, never to be read. */
  readonly skippedFiles: number;
  readonly envBytes: number;
}

export function generateWorkspace(root: string): WorkspaceStats {
  const r = new Prng(SEED);
  rmSync(root, { recursive: true, force: true });
  const made = new Set<string>();
  const write = (relative: string, text: string): void => {
    const dir = path.dirname(path.join(root, relative));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path.join(root, relative), text);
  };

  // Projects (apps/billing-api…), each with a nested tree; folders get deeper inside src.
  const projects: string[] = [];
  for (const top of TOP_LEVEL) for (let i = 0; i < 10; i++) projects.push(`${top}/${r.pick(WORDS)}-${r.pick(WORDS)}-${i}`);
  const folders: string[] = [];
  for (const project of projects) {
    folders.push(project);
    for (const sub of SUBFOLDERS) folders.push(`${project}/${sub}`);
    for (let i = 0; i < 4; i++) folders.push(`${project}/src/${r.pick(WORDS)}/${r.pick(WORDS)}${r.chance(0.5) ? `/${r.pick(WORDS)}` : ''}`);
  }

  for (let i = 0; i < SOURCE_FILES; i++) {
    const ext = r.pick(EXTENSIONS);
    write(`${r.pick(folders)}/${r.pick(WORDS)}-${i}.${ext}`, sourceText(r, ext));
  }

  // Env files at the root, in projects, and in their config/deploy folders; templates hold few secrets.
  const envFolders = ['', ...projects, ...projects.map((p) => `${p}/config`), ...projects.slice(0, 15).map((p) => `${p}/deploy/${r.pick(['prod', 'staging'])}`)];
  const taken = new Set<string>();
  let envBytes = 0;
  while (taken.size < ENV_FILES) {
    const relative = path.posix.join(r.pick(envFolders), r.pick(ENV_NAMES));
    if (taken.has(relative)) continue;
    taken.add(relative);
    const text = envFileText(r, { secretRate: relative.endsWith('.example') ? 0.01 : 0.15 });
    envBytes += text.length;
    write(relative, text);
  }

  write('package.json', `${JSON.stringify({ name: 'acme-monorepo', private: true, workspaces: TOP_LEVEL.map((t) => `${t}/*`) }, null, 2)}\n`);
  write('README.md', '# Acme monorepo\n\nCopy `.env.example` to `.env` and fill in the values.\n');
  // As in most projects, local env files are gitignored: envguard scans them anyway (that is where secrets live).
  write('.gitignore', 'node_modules/\ndist/\n.env.local\n.env.*.local\n');
  write('.secretlintrc.json', `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] })}\n`);

  const skippedFiles = writeNodeModules(r, write) + writeGit(r, write);
  return { sourceFiles: SOURCE_FILES, envFiles: ENV_FILES, skippedFiles, envBytes };
}

type Write = (relative: string, text: string) => void;

/** ~300 package files, a few shipping env files (they are the package's, not the project's). */
function writeNodeModules(r: Prng, write: Write): number {
  let count = 0;
  for (let i = 0; i < 36; i++) {
    const pkg = `node_modules/${r.chance(0.25) ? `@acme/${r.pick(WORDS)}-${i}` : `${r.pick(WORDS)}-kit-${i}`}`;
    write(`${pkg}/package.json`, `{ "name": "${pkg.slice(13)}", "version": "1.${i}.0", "main": "lib/index.js" }\n`);
    write(`${pkg}/README.md`, `# ${pkg.slice(13)}\n`);
    for (let f = 0; f < 6; f++) write(`${pkg}/lib/${r.pick(WORDS)}-${f}.js`, sourceText(r, 'js'));
    count += 8;
    if (i % 6 === 0) {
      write(`${pkg}/.env`, envFileText(r, { secretRate: 0.15 }));
      write(`${pkg}/test/.env.test`, envFileText(r, { secretRate: 0.15 }));
      count += 2;
    }
  }
  for (let f = 0; f < 20; f++) write(`apps/node_modules/.cache/${f}.json`, '{}\n');
  return count + 20;
}

/** A small .git folder: loose objects, refs, and one env-named canary. */
function writeGit(r: Prng, write: Write): number {
  write('.git/HEAD', 'ref: refs/heads/main\n');
  write('.git/config', '[core]\n\trepositoryformatversion = 0\n');
  write('.git/refs/heads/main', `${r.string(HEX, 40)}\n`);
  for (let i = 0; i < 120; i++) write(`.git/objects/${r.string(HEX, 2)}/${r.string(HEX, 38)}`, r.string(LOWER, 200));
  write('.git/info/.env.bak', envFileText(r, { secretRate: 0.15 }));
  return 124;
}

/** 20–80 lines that look like code or prose: what a walker reads past, never parses. */
function sourceText(r: Prng, ext: string): string {
  const lines: string[] = [];
  const n = r.int(20, 80);
  for (let i = 0; i < n; i++) {
    const a = r.pick(WORDS);
    const b = r.pick(WORDS);
    lines.push(
      ext === 'md' || ext === 'txt' ? `The ${a} module hands ${b} records to the ${r.pick(WORDS)} queue.`
      : ext === 'json' ? `  "${a}${i}": "${b}",`
      : ext === 'yaml' ? `${a}_${i}: ${b}`
      : ext === 'css' ? `.${a}-${b} { margin: ${r.int(0, 32)}px; }`
      : `export const ${a}${i} = (${b}: number) => ${b} * ${r.int(1, 99)}; // ${r.pick(WORDS)}`,
    );
  }
  return ext === 'json' ? `{\n${lines.join('\n')}\n  "end": true\n}\n` : `${lines.join('\n')}\n`;
}
