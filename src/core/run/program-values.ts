import type { DialectName, EnvDocument, EnvEntry } from '../dotenv';
import { ComposeInterpolationError, expandCompose } from '../dotenv/compose/interpolate';
import { expandPython } from '../dotenv/python-dotenv/interpolate';
import type { LoadedVariable } from './load';

/** A file loaded for a program, as its loader read it. */
export interface LoadedFile {
  readonly path: string;
  readonly label: string;
  readonly dialect: DialectName;
  readonly document: EnvDocument;
}

/** A value a loader would refuse to interpolate (compose: `${VAR:?…}` unset, an invalid `${…}`); names the key and file, never a value. */
export class InterpolationError extends Error {
  constructor(readonly key: string, readonly origin: string, message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

/**
 * The values a program gets from env files whose loaders interpolate (python-dotenv: `${VAR}` and
 * `${VAR:-default}` in every value; compose: `$VAR`, `${VAR}` and its forms in unquoted and
 * double-quoted values), loading them one after the other as the app would: each file sees the
 * environment as the files before it left it, python-dotenv's `load_dotenv` precedence (an existing
 * variable wins unless `override`, and then this file's own earlier values win), and compose's
 * lookups (the environment, then the file's earlier values). A reference is resolved before: an
 * entry whose value came from a vault is used as resolved, never expanded again, and `${VAR}` of a
 * resolved VAR gets the resolved value (what the app read before its secrets moved).
 */
export function interpolatedValues(files: readonly LoadedFile[], applied: ReadonlyMap<string, LoadedVariable>, resolved: ReadonlyMap<string, string>, baseEnv: Readonly<Record<string, string | undefined>>, override: boolean): Map<string, string> {
  const environ = new Map<string, string>();
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) environ.set(key, value);
  const set = (key: string, value: string): void => {
    if (!override && environ.has(key)) return;
    environ.set(key, value);
  };
  for (const file of files) {
    /** The entry's value as the file gives it, its reference resolved when this entry is the one applied. */
    const given = (entry: EnvEntry): { value: string; resolved: boolean } => {
      const variable = applied.get(entry.key);
      const fromHere = variable !== undefined && variable.path === file.path && variable.line === entry.line;
      const value = fromHere ? resolved.get(entry.key) : undefined;
      return value !== undefined ? { value, resolved: true } : { value: entry.value, resolved: false };
    };
    const { document } = file;
    if (file.dialect === 'python-dotenv') {
      const values = new Map<string, string | null>();
      for (let i = 0; i < document.entryCount; i++) {
        const entry = document.entryAt(i);
        if (entry.unset) {
          values.set(entry.key, null);
          continue;
        }
        const { value, resolved: fromVault } = given(entry);
        values.set(entry.key, fromVault ? value : expandPython(value, (name) => (override
          ? (values.has(name) ? values.get(name) : environ.get(name))
          : (environ.has(name) ? environ.get(name) : values.get(name)))));
      }
      for (const [key, value] of values) if (value !== null) set(key, value);
    } else if (file.dialect === 'compose') {
      const values = new Map<string, string>();
      for (let i = 0; i < document.entryCount; i++) {
        const entry = document.entryAt(i);
        const { value, resolved: fromVault } = given(entry);
        try {
          values.set(entry.key, fromVault || entry.quote === 'single' ? value : expandCompose(value, (name) => environ.get(name) ?? values.get(name)));
        } catch (error) {
          if (!(error instanceof ComposeInterpolationError)) throw error;
          throw new InterpolationError(entry.key, `${file.label}:${entry.line}`, `${entry.key} (${file.label}:${entry.line}) cannot be interpolated as docker compose does: ${error.message}`);
        }
      }
      for (const [key, value] of values) set(key, value);
    } else {
      const last = new Map<string, EnvEntry>();
      for (let i = 0; i < document.entryCount; i++) {
        const entry = document.entryAt(i);
        if (entry.key !== '__proto__') last.set(entry.key, entry);
      }
      for (const [key, entry] of last) set(key, given(entry).value);
    }
  }
  const values = new Map<string, string>();
  for (const key of applied.keys()) values.set(key, environ.get(key) ?? resolved.get(key) ?? applied.get(key)!.value);
  return values;
}
