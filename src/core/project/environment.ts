import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { EnvironmentConfig } from '../config/project-config';

/** The environment of `.env` (and `.env.local`): what an app reads when no environment is named. */
export const DEFAULT_ENVIRONMENT = 'default';

/** Which environment an env file feeds, and how that was decided. */
export interface FileEnvironment {
  /** `production`, `development`, `default`…: 1 to 40 lowercase letters, digits and dashes. */
  readonly name: string;
  /** A `.local` file: the machine's own overrides of its environment (`.env.local`, `.env.production.local`). */
  readonly local: boolean;
  /** Named by `.envguard.json`'s `environments.<name>.files`, not by the file's name. */
  readonly explicit: boolean;
}

/**
 * The environment of an env file, from `.envguard.json`'s explicit mapping first, else from its name,
 * following the conventions of dotenv-flow, Next.js, Vite, Rails and Docker:
 * `.env` → default; `.env.local` → default (local); `.env.<env>` and `.env.<env>.local` → `<env>`;
 * `<env>.env` → `<env>`. Anything else (a file named explicitly) is in the default environment.
 *
 * `relative` is the file's path from the project's folder, `/`-separated.
 */
export function environmentOf(relative: string, environments?: Readonly<Record<string, EnvironmentConfig>>): FileEnvironment {
  const name = path.posix.basename(relative);
  const local = name === '.env.local' || (name.startsWith('.env.') && name.endsWith('.local'));
  for (const [environment, config] of Object.entries(environments ?? {})) {
    if (config.files?.some((glob) => matchesGlob(relative, glob))) return { name: environment, local, explicit: true };
  }
  return { name: environmentNameFromFile(name), local, explicit: false };
}

/** The environment a file's name gives, made a valid environment name. */
export function environmentNameFromFile(fileName: string): string {
  let middle: string | undefined;
  if (fileName === '.env' || fileName === '.env.local') middle = undefined;
  else if (fileName.startsWith('.env.')) middle = fileName.slice('.env.'.length).replace(/\.local$/, '');
  else if (fileName.endsWith('.env') && fileName.length > 4) middle = fileName.slice(0, -'.env'.length);
  return middle === undefined ? DEFAULT_ENVIRONMENT : toEnvironmentName(middle);
}

/** `Staging_EU` → `staging-eu`: a name of lowercase letters, digits and single dashes, at most 40 characters. */
export function toEnvironmentName(text: string): string {
  return toSafeName(text, DEFAULT_ENVIRONMENT);
}

/** Lowercase letters, digits and single dashes, at most 40 characters (what every vault's names allow); `fallback` when nothing is left. */
export function toSafeName(text: string, fallback: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return name === '' ? fallback : name;
}

/** A glob without a slash matches a name at any depth, as in .gitignore (and `include`/`exclude`). */
function matchesGlob(relative: string, glob: string): boolean {
  const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (minimatch(relative, pattern, { dot: true })) return true;
  return !pattern.includes('/') && minimatch(path.posix.basename(relative), pattern, { dot: true });
}
