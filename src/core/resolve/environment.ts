import * as path from 'node:path';
import type { DetectionSettings } from '../detection';
import type { DialectName } from '../dotenv';
import type { EnvFileText } from '../files/read';
import type { ProjectFinder } from '../project/context';
import { environmentNameFromFile } from '../project/environment';
import { requesterOf } from '../project/requester';
import { looksLikeReference, parseReference } from '../references';
import { loadEnvFiles } from '../run/load';
import { InterpolationError } from '../run/program-values';
import { resolveReferences, type GatedResolution, type ReferenceToResolve, type ResolutionFailure, type SecretSource } from './resolve';

/** What a program's environment is made of: what `envguard run`, a debug launch, a task, a terminal and Verify References each ask for. */
export interface EnvironmentSpec {
  /** Env files in order: without `override` the first that sets a key wins (dotenv's `config({ path: [...] })`). */
  readonly files: readonly string[];
  /** Entries that win over the files (a launch configuration's `env`); null unsets the variable. */
  readonly explicit?: Readonly<Record<string, string | null>>;
  /** The environment the program would otherwise get: it wins over the files unless `override`. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  readonly override: boolean;
  readonly detection?: DetectionSettings;
  readonly label?: (file: string) => string;
  /** The programs that read each file (core/project/loaders.ts); dotenv when not given. */
  readonly loadersOf?: (file: string) => Promise<readonly DialectName[]>;
  /** Reads a file (the editor's unsaved text); from disk when not given. */
  readonly read?: (file: string, label: string) => Promise<EnvFileText>;
  /** Finds each file's project: a local secret goes only to its own project. `folder` is the project of explicit entries. */
  readonly projects?: ProjectFinder;
  readonly folder?: string;
  readonly sources: readonly SecretSource[];
  readonly gated?: GatedResolution;
  /** Resolve nothing, and say so, when no value is a reference (a debugger then reads its env files itself). */
  readonly onlyWithReferences?: boolean;
  /**
   * Also resolve the references `baseEnv` itself holds (`MYREF=envguard://… envguard run -- cmd`, as
   * `op run` does), those a file or an explicit entry does not replace; their requester is `folder`'s
   * project. A reference to a vault no source here serves (`op://`) is left for its own tool.
   */
  readonly resolveInherited?: boolean;
}

/** How messages name a variable that came from the environment EnvGuard was started with. */
export const INHERITED_ORIGIN = 'inherited environment';

export interface ResolvedEnvironment {
  /** What the files and explicit entries give the program: references resolved, values interpolated as their loaders do; null unsets. */
  readonly values: Map<string, string | null>;
  /** Keys whose values came from a vault (for logs: keys only). */
  readonly resolvedKeys: readonly string[];
  /** Keys whose values are secrets, resolved or flagged as plaintext: what redaction masks. */
  readonly secretKeys: ReadonlySet<string>;
  /** References that could not be resolved (or were not released), and a value a loader cannot interpolate. */
  readonly failures: readonly ResolutionFailure[];
  readonly warnings: readonly string[];
  /** The AI agent the requester runs under, when the key agent recognised one. */
  readonly agent?: string;
  /** How many values are references (none: with `onlyWithReferences`, nothing was resolved). */
  readonly referenceCount: number;
}

/**
 * The one way EnvGuard builds a program's environment: env files read as their loaders read them,
 * explicit entries over them, every reference among them resolved through one release gate, then
 * the values each loader interpolates. Values stay in memory; nothing here prints. Throws
 * EnvFileError for a file that cannot be read (the caller says what was not started).
 */
export async function resolveEnvironment(spec: EnvironmentSpec): Promise<ResolvedEnvironment> {
  const loaded = await loadEnvFiles(spec.files, {
    baseEnv: spec.baseEnv, override: spec.override,
    ...(spec.detection ? { detection: spec.detection } : {}),
    ...(spec.label ? { label: spec.label } : {}),
    ...(spec.loadersOf ? { loadersOf: spec.loadersOf } : {}),
    ...(spec.read ? { read: spec.read } : {}),
  });
  const explicit = spec.explicit ?? {};
  const fromFiles = [...loaded.applied.values()].filter((v) => !Object.prototype.hasOwnProperty.call(explicit, v.key));
  const candidates: { key: string; value: string; origin: string; file: string | undefined; environment: string | undefined }[] = [
    ...fromFiles.map((v) => ({ key: v.key, value: v.value, origin: `${v.file}:${v.line}`, file: v.path, environment: environmentNameFromFile(path.basename(v.path)) })),
    ...Object.entries(explicit).filter((e): e is [string, string] => typeof e[1] === 'string').map(([key, value]) => ({ key, value, origin: 'launch configuration env', file: undefined, environment: undefined })),
  ];
  const inherited = spec.resolveInherited ? inheritedReferences(spec, (key) => loaded.applied.has(key) || Object.prototype.hasOwnProperty.call(explicit, key)) : [];
  candidates.push(...inherited);
  const referenceCount = candidates.filter((c) => looksLikeReference(c.value)).length;
  const values = new Map<string, string | null>();
  if (spec.onlyWithReferences && referenceCount === 0) {
    return { values, resolvedKeys: [], secretKeys: new Set(), failures: [], warnings: loaded.warnings, referenceCount };
  }
  const { projects, folder } = spec;
  const variables: ReferenceToResolve[] = await Promise.all(candidates.map(async ({ file, environment, ...c }) => {
    const withEnvironment = environment !== undefined ? { ...c, environment } : c;
    if (!projects || !looksLikeReference(c.value) || (file === undefined && folder === undefined)) return withEnvironment;
    return { ...withEnvironment, requester: await requesterOf(projects, file ?? folder!, file === undefined) };
  }));
  const resolution = await resolveReferences(variables, spec.sources, spec.gated);
  const failures = [...resolution.failures];
  let program: Map<string, string> | undefined;
  try {
    program = loaded.programValues(resolution.values);
  } catch (error) {
    // A value a loader cannot interpolate (compose's `${VAR:?…}`) stops the program like a reference that cannot be resolved.
    if (!(error instanceof InterpolationError)) throw error;
    failures.push({ key: error.key, origin: error.origin, message: error.message, interpolation: true });
  }
  for (const v of fromFiles) values.set(v.key, program?.get(v.key) ?? v.value);
  for (const [key, value] of Object.entries(explicit)) values.set(key, typeof value === 'string' ? resolution.values.get(key) ?? value : value);
  for (const { key, value } of inherited) values.set(key, resolution.values.get(key) ?? value);
  const secretKeys = new Set([...resolution.values.keys(), ...fromFiles.filter((v) => v.plaintextSecret).map((v) => v.key)]);
  return {
    values, resolvedKeys: [...resolution.values.keys()], secretKeys, failures, warnings: loaded.warnings, referenceCount,
    ...(resolution.agent ? { agent: resolution.agent } : {}),
  };
}

/** The inherited variables that hold a reference EnvGuard resolves (or a malformed one), and that nothing replaces. */
function inheritedReferences(spec: EnvironmentSpec, replaced: (key: string) => boolean) {
  return Object.entries(spec.baseEnv)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && looksLikeReference(e[1]) && !replaced(e[0]))
    .filter(([, value]) => {
      const reference = parseReference(value);
      return reference === undefined || reference.kind === 'local' || spec.sources.some((s) => s.canResolve(reference));
    })
    .map(([key, value]) => ({ key, value, origin: INHERITED_ORIGIN, file: undefined, environment: undefined }));
}
