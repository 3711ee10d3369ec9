import { effectiveEntries } from '../dotenv';
import type { DetectionSettings } from '../detection';
import { readEnvFile } from '../files/read';
import { analyzeEnvText } from '../scan/analyze';

/** One variable an env file provides, with where it came from (for messages: never the value). */
export interface LoadedVariable {
  readonly key: string;
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
  /** The variables that take effect, after dotenv's precedence, keyed by name. */
  readonly applied: Map<string, LoadedVariable>;
  readonly warnings: string[];
}

export interface LoadOptions {
  /** The environment the command would otherwise get; it wins over the files unless `override`. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
  readonly override: boolean;
  readonly detection?: DetectionSettings;
  readonly label?: (path: string) => string;
}

/**
 * Loads env files with dotenv 17's `config({ path: [...] })` semantics: without override the
 * first file that sets a key wins and an existing variable is kept; with override later files win
 * and replace existing variables.
 */
export async function loadEnvFiles(paths: readonly string[], options: LoadOptions): Promise<LoadedEnvironment> {
  const label = options.label ?? ((p: string) => p);
  const merged = new Map<string, LoadedVariable>();
  const warnings: string[] = [];
  for (const path of paths) {
    const { text, warnings: readWarnings } = await readEnvFile(path, label(path));
    warnings.push(...readWarnings);
    const { document, findings, warnings: analysisWarnings } = analyzeEnvText(text, label(path), options.detection);
    warnings.push(...analysisWarnings);
    const flaggedLines = new Set(findings.map((f) => `${f.key}:${f.line}`));
    for (const entry of effectiveEntries(document)) {
      if (merged.has(entry.key) && !options.override) continue;
      merged.set(entry.key, {
        key: entry.key, value: entry.value, file: label(path), path, line: entry.line,
        plaintextSecret: flaggedLines.has(`${entry.key}:${entry.line}`),
      });
    }
  }
  const applied = new Map<string, LoadedVariable>();
  for (const [key, variable] of merged) {
    if (!options.override && Object.prototype.hasOwnProperty.call(options.baseEnv, key)) continue;
    applied.set(key, variable);
  }
  return { applied, warnings };
}
