import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { LoaderFinder } from '../project/loaders';
import { resolveEnvironment, type ResolutionFailure, type SecretSource } from '../resolve';
import type { ReleaseGate } from '../gate/release-gate';
import type { ReleasePurpose } from '../gate/protocol';
import type { DialectName } from '../dotenv';
import type { ProjectFinder } from '../project/context';

/** The parts of a debug configuration (after VS Code's variable substitution) that carry environment. */
export interface LaunchConfiguration {
  readonly type: string;
  readonly envFile?: unknown;
  readonly env?: unknown;
  readonly [key: string]: unknown;
}

export interface LaunchEnvironmentOptions {
  /** The workspace folder of the launch (relative env file paths are resolved against it). */
  readonly folder?: string;
  /** `envguard.debug.envFiles`: what to load for debuggers that name no env file. */
  readonly defaultEnvFiles?: readonly string[];
  readonly sources: readonly SecretSource[];
  /** Where the release passes (the key agent, or an automation vault), and for what: a debug launch, a task, the secrets terminal, a check. */
  readonly gate?: ReleaseGate;
  readonly purpose?: ReleasePurpose;
  /** What the values go to, for the approval and the record: `debug launch "Launch app"`. */
  readonly releaseLabel?: string;
  /** Finds the project of each env file (and of the folder, for `env` entries): a local secret goes only to its own project. */
  readonly projects?: ProjectFinder;
  readonly label?: (file: string) => string;
  /**
   * Always hand over the env files' values in `env`, references or not: for EnvGuard's own tasks
   * and terminals, which read no env file themselves. A debugger does, so by default a launch
   * without references is left to it untouched.
   */
  readonly inline?: boolean;
}

export interface PreparedLaunch {
  /** The configuration to launch: `env` holds the resolved values, `envFile` is gone. Unchanged when no reference was found. */
  readonly config: LaunchConfiguration;
  /** Keys whose values came from a vault (for the log: keys only). */
  readonly resolvedKeys: readonly string[];
  readonly failures: readonly ResolutionFailure[];
  /** The env files read. */
  readonly envFiles: readonly string[];
}

const PYTHON_TYPES = new Set(['python', 'debugpy']);

/**
 * How a launch's env files are read: a Python program's by python-dotenv (what a Python app that
 * loads its `.env` reads, and what the Python extension reads alike for the issue's `#`), any
 * other's as the project says (core/project/loaders.ts), or as dotenv without a project finder.
 */
function launchLoaders(config: LaunchConfiguration, options: LaunchEnvironmentOptions): ((file: string) => Promise<readonly DialectName[]>) | undefined {
  if (PYTHON_TYPES.has(config.type)) return () => Promise.resolve(['python-dotenv']);
  if (!options.projects) return undefined;
  const loaders = new LoaderFinder(options.projects);
  return async (file) => (await loaders.loadersOf(file)).dialects;
}

/**
 * Which env files a launch reads: its `envFile` (a path or a list); for Python, whose extension
 * reads the workspace `.env` when no envFile is set, that file; otherwise `envguard.debug.envFiles`.
 * EnvGuard's own tasks and terminals (type `envguard`) read the setting's files, else the workspace `.env`.
 */
export function launchEnvFiles(config: LaunchConfiguration, options: Pick<LaunchEnvironmentOptions, 'folder' | 'defaultEnvFiles'>): string[] {
  const absolute = (p: string): string => (path.isAbsolute(p) || !options.folder ? p : path.join(options.folder, p));
  const { envFile } = config;
  if (typeof envFile === 'string' && envFile.trim() !== '') return [absolute(envFile)];
  if (Array.isArray(envFile)) return envFile.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map(absolute);
  if ((PYTHON_TYPES.has(config.type) || (config.type === 'envguard' && !options.defaultEnvFiles?.length)) && options.folder) {
    const dotEnv = path.join(options.folder, '.env');
    return existsSync(dotEnv) ? [dotEnv] : [];
  }
  return (options.defaultEnvFiles ?? []).map(absolute).filter((f) => existsSync(f));
}

/**
 * Resolves a launch's references in memory and hands the values to the debugger through `env`:
 * env files are read as their loaders read them (first file wins, as dotenv), explicit `env`
 * entries win over them (as every debugger does), references in either are resolved, and
 * `envFile` is removed so the debugger does not read the literal references again. A launch
 * without any reference is returned untouched.
 */
export async function prepareLaunchEnvironment(config: LaunchConfiguration, options: LaunchEnvironmentOptions): Promise<PreparedLaunch> {
  const envFiles = launchEnvFiles(config, options);
  const explicit: Record<string, string | null> = {};
  if (config.env && typeof config.env === 'object') {
    for (const [key, value] of Object.entries(config.env as Record<string, unknown>)) {
      if (typeof value === 'string' || value === null) explicit[key] = value;
    }
  }
  const loadersOf = launchLoaders(config, options);
  const resolved = await resolveEnvironment({
    files: envFiles, explicit, baseEnv: {}, override: false, sources: options.sources, onlyWithReferences: !options.inline,
    ...(loadersOf ? { loadersOf } : {}),
    ...(options.label ? { label: options.label } : {}),
    ...(options.projects ? { projects: options.projects } : {}),
    ...(options.folder !== undefined ? { folder: options.folder } : {}),
    ...(options.gate ? { gated: { gate: options.gate, purpose: options.purpose ?? 'debug-launch', ...(options.releaseLabel !== undefined ? { label: options.releaseLabel } : {}) } } : {}),
  });
  if (resolved.referenceCount === 0 && !options.inline) return { config, resolvedKeys: [], failures: [], envFiles };
  if (resolved.failures.some((f) => f.interpolation)) return { config, resolvedKeys: [], failures: resolved.failures, envFiles };
  const { envFile: _dropped, ...rest } = config;
  return { config: { ...rest, type: config.type, env: Object.fromEntries(resolved.values) }, resolvedKeys: resolved.resolvedKeys, failures: resolved.failures, envFiles };
}
