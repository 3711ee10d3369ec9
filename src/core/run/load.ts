import { effectiveEntries, type DialectName } from '../dotenv';
import { grammarFor } from '../dotenv/dialects';
import type { DetectionSettings } from '../detection';
import { readEnvFile, type EnvFileText } from '../files/read';
import { analyzeEnvText, MAX_DUPLICATE_WARNINGS } from '../scan/analyze';
import { interpolatedKeys } from '../scan/readings';
import { interpolatedValues, type LoadedFile } from './program-values';

/** One variable an env file provides, with where it came from (for messages: never the value). */
export interface LoadedVariable {
  readonly key: string;
  /** The value as the file's loader reads it, before any interpolation (a reference is resolved from this). */
  readonly value: string;
  /** The file as messages name it. */
  readonly file: string;
  /** The file's absolute path (its project decides which local secrets it may read). */
  readonly path: string;
  readonly line: number;
  /** True when the detector classifies the value as a plaintext secret (redaction uses this). */
  readonly plaintextSecret: boolean;
}

export interface LoadedEnvironment {
  /** The variables that take effect, after the loaders' precedence, keyed by name. */
  readonly applied: Map<string, LoadedVariable>;
  readonly warnings: string[];
  /**
   * The values the program gets, once the references among the applied values are resolved
   * (`resolved`, by key): each value as read, a resolved one replaced, and `${…}` expanded where the
   * file's loader expands it (see interpolatedValues). Throws InterpolationError.
   */
  programValues(resolved: ReadonlyMap<string, string>): Map<string, string>;
}

export interface LoadOptions {
  /** The environment the command would otherwise get; it wins over the files unless `override`. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  readonly override: boolean;
  readonly detection?: DetectionSettings;
  readonly label?: (path: string) => string;
  /**
   * The programs that read each file (core/project/loaders.ts): the file is loaded as the first
   * one reads it, and keys the others read differently are warned about. dotenv when not given.
   */
  readonly loadersOf?: (path: string) => Promise<readonly DialectName[]>;
  /** Reads a file (the editor's unsaved text, for Verify References); from disk when not given. */
  readonly read?: (path: string, label: string) => Promise<EnvFileText>;
}

/**
 * Loads env files with dotenv 17's `config({ path: [...] })` semantics (python-dotenv's
 * `load_dotenv` and compose agree): without override the first file that sets a key wins and an
 * existing variable is kept; with override later files win and replace existing variables. Each file
 * is read as its loader reads it.
 */
export async function loadEnvFiles(paths: readonly string[], options: LoadOptions): Promise<LoadedEnvironment> {
  const label = options.label ?? ((p: string) => p);
  const merged = new Map<string, LoadedVariable>();
  const warnings: string[] = [];
  const files: LoadedFile[] = [];
  let interpolates = false;
  for (const path of paths) {
    const { text, warnings: readWarnings } = await (options.read ?? readEnvFile)(path, label(path));
    warnings.push(...readWarnings);
    const dialects = options.loadersOf ? await options.loadersOf(path) : ['dotenv' as const];
    const { document, readings, disagreements, findings, warnings: analysisWarnings } = analyzeEnvText(text, label(path), options.detection, dialects);
    warnings.push(...analysisWarnings);
    const loader = grammarFor(readings[0]!.dialect).loaderName;
    for (const d of disagreements.slice(0, MAX_DUPLICATE_WARNINGS)) {
      warnings.push(`${label(path)}:${d.entry.line}: ${d.key} is read differently by ${d.dialects.map((x) => grammarFor(x).loaderName).join(' and ')} (${d.how}); the command gets ${loader}'s reading (say which program reads the file in .envguard.json: "loader")`);
    }
    files.push({ path, label: label(path), dialect: readings[0]!.dialect, document });
    interpolates ||= interpolatedKeys(readings.slice(0, 1)).size > 0;
    const flaggedLines = new Set(findings.map((f) => `${f.key}:${f.line}`));
    for (const entry of effectiveEntries(document)) {
      if (merged.has(entry.key) && !options.override) continue;
      merged.set(entry.key, {
        key: entry.key, value: entry.value, file: label(path), path, line: entry.line,
        plaintextSecret: flaggedLines.has(`${entry.key}:${entry.line}`),
      });
    }
  }
  // The documents are kept for interpolation only: a big file's text is not held while the command runs.
  if (!interpolates) files.length = 0;
  const applied = new Map<string, LoadedVariable>();
  for (const [key, variable] of merged) {
    if (!options.override && Object.prototype.hasOwnProperty.call(options.baseEnv, key)) continue;
    applied.set(key, variable);
  }
  return {
    applied,
    warnings,
    programValues: (resolved) => {
      if (interpolates) return interpolatedValues(files, applied, resolved, options.baseEnv, options.override);
      return new Map([...applied].map(([key, v]) => [key, resolved.get(key) ?? v.value]));
    },
  };
}
