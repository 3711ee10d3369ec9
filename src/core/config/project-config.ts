import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { CustomPattern, DetectionSettings } from '../detection';

/** `.envguard.json` at a project's root: the CLI's counterpart of the extension's settings. */
export interface ProjectConfig {
  readonly allowKeys?: string[];
  readonly customPatterns?: CustomPattern[];
  readonly include?: string[];
  readonly exclude?: string[];
}

export const PROJECT_CONFIG_FILE = '.envguard.json';

export class ProjectConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectConfigError';
  }
}

/** Reads `.envguard.json` (JSON with comments) from `dir`; an absent file is an empty config. */
export async function loadProjectConfig(dir: string): Promise<ProjectConfig> {
  const file = path.join(dir, PROJECT_CONFIG_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseProjectConfig(text);
}

/** Parses and checks the text of a `.envguard.json` (JSON with comments). */
export function parseProjectConfig(text: string): ProjectConfig {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} is not valid JSON: ${printParseErrorCode(first.error)} at offset ${first.offset}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} must hold a JSON object`);
  const config = raw as Record<string, unknown>;
  for (const key of ['allowKeys', 'include', 'exclude'] as const) {
    const value = config[key];
    if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "${key}" must be a list of strings`);
    }
  }
  const patterns = config.customPatterns;
  if (patterns !== undefined && !(Array.isArray(patterns) && patterns.every((p: unknown) => typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string'))) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "customPatterns" must be a list of objects with an "id"`);
  }
  return config; // shape checked field by field above
}

export function detectionSettingsOf(config: ProjectConfig): DetectionSettings {
  return { allowKeys: config.allowKeys ?? [], customPatterns: config.customPatterns ?? [] };
}

/** Two configurations as one: lists are joined (the extension joins its settings with `.envguard.json`). */
export function combineConfigs(a: ProjectConfig, b: ProjectConfig): ProjectConfig {
  const join = <T>(x: readonly T[] | undefined, y: readonly T[] | undefined): T[] => [...(x ?? []), ...(y ?? [])];
  return {
    allowKeys: join(a.allowKeys, b.allowKeys),
    customPatterns: join(a.customPatterns, b.customPatterns),
    include: join(a.include, b.include),
    exclude: join(a.exclude, b.exclude),
  };
}
