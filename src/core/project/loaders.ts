import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { LoaderSetting } from '../config/project-config';
import type { DialectName } from '../dotenv/grammar';
import { environmentOf } from './environment';
import type { ProjectFinder } from './context';
import { configChain } from './root';
import { composeEnvFiles } from './compose-files';

/** Which programs read an env file, and why EnvGuard thinks so. */
export interface FileLoaders {
  /** Never empty; the first is the one `run` reads the file as when they disagree. */
  readonly dialects: readonly DialectName[];
  /** `declared` in `.envguard.json`; `inferred` from the project's files; `default` (nothing said: dotenv). */
  readonly source: 'declared' | 'inferred' | 'default';
  /** What told (`requirements.txt names python-dotenv`, `compose.yaml names it in env_file`), for messages. */
  readonly reasons: readonly string[];
}

export const DEFAULT_LOADERS: FileLoaders = { dialects: ['dotenv'], source: 'default', reasons: [] };

/** Files above this size are not read for signals (a lock file of a monorepo is not a requirements file). */
const MAX_SIGNAL_FILE_BYTES = 1024 * 1024;

/** What one folder says about the programs that read env files below it. */
interface FolderSignals {
  /** Languages whose loader reads the folder's env files: python-dotenv, dotenv (Node). */
  readonly languages: readonly { dialect: DialectName; reason: string }[];
  /** Env files (absolute) that a compose file of this folder reads, with the compose file's name. */
  readonly compose: ReadonlyMap<string, string>;
}

/**
 * Finds which programs read each env file, remembering what each folder says:
 * 1. `.envguard.json`: `environments.<env>.loader` for the file's environment, else `loader` (the
 *    nearest `.envguard.json` from the file's folder up to the project's that says one);
 * 2. else what the project's files say, from the file's folder up to the project's:
 *    - python-dotenv: the nearest folder with a Python or Node signal decides; Python when a
 *      `requirements*.txt` (or `requirements/*.txt`), `pyproject.toml` or `Pipfile` names
 *      python-dotenv (or pydantic-settings, which reads env files with it), or when `manage.py`
 *      names a settings module (DJANGO_SETTINGS_MODULE) that imports dotenv;
 *    - dotenv: that folder has a `package.json`;
 *    - compose: a `compose.yaml`, `compose.yml`, `docker-compose.yaml` or `docker-compose.yml` (or
 *      their `.override` files) in any of those folders names the file in a service's `env_file:`,
 *      or the file is the `.env` beside it (compose interpolates the compose file with it);
 *    several at once: the file is read by each;
 * 3. else dotenv.
 */
export class LoaderFinder {
  private readonly folders = new Map<string, Promise<FolderSignals>>();

  constructor(private readonly projects: ProjectFinder) {}

  async loadersOf(file: string): Promise<FileLoaders> {
    const absolute = path.resolve(file);
    const root = await this.projects.of(absolute);
    const chain = await configChain(root, path.dirname(absolute));
    const relative = path.relative(root.root, absolute).split(path.sep).join('/');
    const environment = environmentOf(relative, root.config?.environments);
    const declared = root.config?.environments?.[environment.name]?.loader ?? chain.loader;
    if (declared !== undefined) return { dialects: asList(declared), source: 'declared', reasons: [`.envguard.json says "loader": ${JSON.stringify(declared)}`] };
    return this.inferred(absolute, root.root);
  }

  /** What the project's files say (step 2), or the default. */
  private async inferred(file: string, root: string): Promise<FileLoaders> {
    const folders: string[] = [];
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      folders.push(dir);
      if (dir === root || path.dirname(dir) === dir || !isInside(root, dir)) break;
    }
    const found: { dialect: DialectName; reason: string }[] = [];
    let languageDecided = false;
    for (const dir of folders) {
      const signals = await this.signalsOf(dir);
      if (!languageDecided && signals.languages.length > 0) {
        languageDecided = true;
        found.push(...signals.languages.map((l) => ({ ...l, reason: `${relativeName(root, dir, l.reason)}` })));
      }
      const composeFile = signals.compose.get(file);
      if (composeFile !== undefined) found.push({ dialect: 'compose', reason: relativeName(root, dir, composeFile) });
    }
    if (found.length === 0) return DEFAULT_LOADERS;
    // python-dotenv first: when the loaders disagree, `run` reads the file as the first one.
    const order: DialectName[] = ['python-dotenv', 'dotenv', 'compose'];
    const dialects = order.filter((d) => found.some((f) => f.dialect === d));
    return { dialects, source: 'inferred', reasons: [...new Set(found.map((f) => f.reason))] };
  }

  private signalsOf(dir: string): Promise<FolderSignals> {
    let found = this.folders.get(dir);
    if (!found) {
      found = folderSignals(dir);
      this.folders.set(dir, found);
    }
    return found;
  }
}

function asList(setting: LoaderSetting): DialectName[] {
  return [...new Set(Array.isArray(setting) ? setting : [setting])];
}

function isInside(root: string, dir: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `services/api/requirements.txt names python-dotenv` from a reason that starts with a file name of `dir`. */
function relativeName(root: string, dir: string, reason: string): string {
  const folder = path.relative(root, dir).split(path.sep).join('/');
  return folder === '' ? reason : `${folder}/${reason}`;
}

const NAMES_PYTHON_DOTENV = /(?:^|[^\w-])(?:python[-_.]dotenv|pydantic[-_.]settings)(?![\w-])/im;
const IMPORTS_DOTENV = /^[ \t]*(?:from[ \t]+dotenv[ \t]+import|import[ \t]+dotenv\b)/m;
const SETTINGS_MODULE = /DJANGO_SETTINGS_MODULE['"]?\s*,\s*['"]([\w.]{1,200})['"]/;
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

/** The files (globs of names) whose change may change the programs that read env files: an editor watches them. */
export const LOADER_SIGNAL_FILES: readonly string[] = ['requirements*.txt', 'requirements/*.txt', 'pyproject.toml', 'Pipfile', 'manage.py', 'package.json', ...COMPOSE_FILES];

async function folderSignals(dir: string): Promise<FolderSignals> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return { languages: [], compose: new Map() };
  }
  const has = new Set(names);
  const languages: { dialect: DialectName; reason: string }[] = [];
  const python = await pythonSignal(dir, names, has);
  if (python) languages.push({ dialect: 'python-dotenv', reason: python });
  if (has.has('package.json')) languages.push({ dialect: 'dotenv', reason: 'package.json (a Node project: dotenv)' });
  const compose = new Map<string, string>();
  for (const name of COMPOSE_FILES) {
    if (!has.has(name)) continue;
    const text = await readSmall(path.join(dir, name));
    if (text === undefined) continue;
    for (const envFile of composeEnvFiles(text)) {
      const absolute = path.resolve(dir, envFile);
      if (!compose.has(absolute)) compose.set(absolute, `${name} names it in env_file`);
    }
    const dotEnv = path.join(dir, '.env');
    if (!compose.has(dotEnv)) compose.set(dotEnv, `${name} (compose interpolates it with the .env beside it)`);
  }
  return { languages, compose };
}

/** The file that says this folder's env files are read by python-dotenv, as a reason; undefined when none does. */
async function pythonSignal(dir: string, names: readonly string[], has: ReadonlySet<string>): Promise<string | undefined> {
  const candidates = [
    ...names.filter((n) => /^requirements.*\.txt$/i.test(n)),
    ...(has.has('requirements') ? await listTexts(path.join(dir, 'requirements')) : []),
    ...['pyproject.toml', 'Pipfile'].filter((n) => has.has(n)),
  ];
  for (const name of candidates) {
    const text = await readSmall(path.join(dir, name));
    if (text !== undefined && NAMES_PYTHON_DOTENV.test(text)) return `${name} names python-dotenv`;
  }
  if (!has.has('manage.py')) return undefined;
  const manage = await readSmall(path.join(dir, 'manage.py'));
  const module = manage === undefined ? undefined : SETTINGS_MODULE.exec(manage)?.[1];
  if (!module) return undefined;
  const base = path.join(dir, ...module.split('.'));
  for (const settings of [`${base}.py`, path.join(base, '__init__.py')]) {
    const text = await readSmall(settings);
    if (text !== undefined && IMPORTS_DOTENV.test(text)) return `manage.py's Django settings (${path.relative(dir, settings).split(path.sep).join('/')}) load python-dotenv`;
  }
  return undefined;
}

async function listTexts(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((n) => n.endsWith('.txt')).map((n) => `requirements/${n}`);
  } catch {
    return [];
  }
}

/** A small text file's content; undefined when absent, unreadable, not a file, or too big to be what we look for. */
async function readSmall(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_SIGNAL_FILE_BYTES) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

