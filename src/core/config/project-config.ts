import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CustomPattern, DetectionSettings } from '../detection';
import { DIALECTS, isDialectName } from '../dotenv/dialects';
import type { DialectName } from '../dotenv/grammar';
import { describeFsError, errorCode } from '../files/fs-errors';
import { parseJsoncObject } from '../files/jsonc';
import { AI_TOOL_IDS, isAiToolId, type AiToolId } from '../ai-ignore/tools';

/** How one environment's files are found and where its secrets go (`.envguard.json` `environments`). */
export interface EnvironmentConfig {
  /** Globs (relative to the project's folder) of the env files of this environment, besides those its name gives. */
  readonly files?: string[];
  /** Where its secrets go: `local`, `azure:NAME` or `https://NAME.vault.azure.net`. A vault a repository names is used only once you confirmed it. */
  readonly vault?: string;
  /** How often a human approves releasing this environment's secrets; a repository can only make it stricter (core/gate/policy.ts). */
  readonly approval?: ApprovalPolicy;
  /** Which program reads its files (wins over the project's `loader`). */
  readonly loader?: LoaderSetting;
}

/** Approval before a value is released: every time, once per session, or (the user's own choice only) not needed. */
export type ApprovalPolicy = 'every-time' | 'session' | 'none';
export const APPROVAL_POLICIES: readonly ApprovalPolicy[] = ['every-time', 'session', 'none'];

/** `"loader"`: the program (or programs) that read the env files: `dotenv`, `python-dotenv`, `compose`. */
export type LoaderSetting = DialectName | DialectName[];

/** `.envguard.json`: the CLI's counterpart of the extension's settings, and a project's description. */
export interface ProjectConfig {
  /** Declares the folder a project of its own, and names it (a label: it grants nothing). */
  readonly project?: string;
  readonly environments?: Readonly<Record<string, EnvironmentConfig>>;
  /** Secrets of this project (names or globs) that other projects of this machine may read: name → project names. */
  readonly share?: Readonly<Record<string, string[]>>;
  /** Approval for every environment of the project (an environment's own `approval` is combined with it, the stricter wins). */
  readonly approval?: ApprovalPolicy;
  readonly allowKeys?: string[];
  readonly customPatterns?: CustomPattern[];
  /** Report local development defaults (`postgres`, `guest:guest@localhost`) too: off by default. */
  readonly reportLocalDefaults?: boolean;
  /** Per rule id: `error`, `warning`, `info`, or `off` to drop the rule's findings. */
  readonly ruleSeverity?: Readonly<Record<string, RuleSeverity>>;
  readonly include?: string[];
  readonly exclude?: string[];
  /** Which program reads the env files below (a nested `.envguard.json` may say it for its folder). */
  readonly loader?: LoaderSetting;
  /** The AI tools `envguard protect` writes and checks controls for (ids of core/ai-ignore/tools.ts); absent: every tool. */
  readonly aiTools?: AiToolId[];
}

export const PROJECT_CONFIG_FILE = '.envguard.json';

export type RuleSeverity = 'error' | 'warning' | 'info' | 'off';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'off'];

/** Project and environment names: they become parts of secret names in every vault, so they keep to what all allow. */
export const PROJECT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const PROJECT_NAME_RULE = '1 to 40 lowercase letters, digits and dashes, not starting or ending with a dash';

export class ProjectConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectConfigError';
  }
}

/** Reads `.envguard.json` (JSON with comments) from `dir`; an absent file is undefined. */
export async function readProjectConfigFile(dir: string): Promise<ProjectConfig | undefined> {
  const file = path.join(dir, PROJECT_CONFIG_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ProjectConfigError(`${file} cannot be read: ${describeFsError(error)}`);
  }
  try {
    return parseProjectConfig(text);
  } catch (error) {
    if (error instanceof ProjectConfigError) throw new ProjectConfigError(error.message.replace(PROJECT_CONFIG_FILE, file));
    throw error;
  }
}

/** Reads `.envguard.json` from `dir`; an absent file is an empty config. */
export async function loadProjectConfig(dir: string): Promise<ProjectConfig> {
  return (await readProjectConfigFile(dir)) ?? {};
}

/** Parses and checks the text of a `.envguard.json` (JSON with comments, a byte-order mark allowed). */
export function parseProjectConfig(text: string): ProjectConfig {
  const parsed = parseJsoncObject(text);
  if (!parsed.ok) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE} is not valid: ${parsed.reason}`);
  const config = parsed.value;
  for (const key of ['allowKeys', 'include', 'exclude'] as const) {
    if (config[key] !== undefined && !isStringList(config[key])) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "${key}" must be a list of strings`);
  }
  const patterns = config.customPatterns;
  if (patterns !== undefined && !(Array.isArray(patterns) && patterns.every((p: unknown) => typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string'))) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "customPatterns" must be a list of objects with an "id"`);
  }
  if (config.project !== undefined && (typeof config.project !== 'string' || !PROJECT_NAME.test(config.project))) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "project" must be a name of ${PROJECT_NAME_RULE} (it is ${JSON.stringify(config.project)})`);
  }
  checkLoader(config.loader, '"loader"');
  if (config.reportLocalDefaults !== undefined && typeof config.reportLocalDefaults !== 'boolean') {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "reportLocalDefaults" must be true or false`);
  }
  checkRuleSeverity(config.ruleSeverity);
  checkEnvironments(config.environments);
  checkShare(config.share);
  checkApproval(config.approval, '"approval"');
  checkAiTools(config.aiTools);
  return config; // shape checked field by field above
}

function checkEnvironments(value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value)) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "environments" must be an object of environment names`);
  for (const [name, environment] of Object.entries(value)) {
    if (!PROJECT_NAME.test(name)) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: environment ${JSON.stringify(name)} must be a name of ${PROJECT_NAME_RULE}`);
    if (!isRecord(environment)) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: environments.${name} must be an object ({ "files": [...], "vault": "..." })`);
    if (environment.files !== undefined && !isStringList(environment.files)) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: environments.${name}.files must be a list of globs`);
    if (environment.vault !== undefined && (typeof environment.vault !== 'string' || environment.vault.trim() === '')) {
      throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: environments.${name}.vault must be a vault: local, azure:NAME or https://NAME.vault.azure.net`);
    }
    checkApproval(environment.approval, `environments.${name}.approval`);
    checkLoader(environment.loader, `environments.${name}.loader`);
  }
}

function checkAiTools(value: unknown): void {
  if (value === undefined) return;
  if (!isStringList(value)) throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "aiTools" must be a list of tool ids (${AI_TOOL_IDS.join(', ')})`);
  const unknown = value.filter((id) => !isAiToolId(id));
  if (unknown.length > 0) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "aiTools" names ${unknown.length === 1 ? 'an unknown tool' : 'unknown tools'} ${unknown.map((id) => JSON.stringify(id)).join(', ')}: the tools are ${AI_TOOL_IDS.join(', ')}`);
  }
}

function checkApproval(value: unknown, where: string): void {
  if (value !== undefined && !(APPROVAL_POLICIES as readonly unknown[]).includes(value)) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: ${where} must be ${APPROVAL_POLICIES.map((p) => `"${p}"`).join(', ')} (it is ${JSON.stringify(value)})`);
  }
}

function checkLoader(value: unknown, field: string): void {
  if (value === undefined) return;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isDialectName)) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: ${field} must be ${DIALECTS.map((d) => `"${d}"`).join(', ')} or a list of them (the programs that read the env files)`);
  }
}

function checkRuleSeverity(value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value) || !Object.values(value).every((v) => (RULE_SEVERITIES as readonly unknown[]).includes(v))) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "ruleSeverity" must map rule ids to ${RULE_SEVERITIES.map((v) => `"${v}"`).join(', ')}`);
  }
}

function checkShare(value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value) || !Object.values(value).every(isStringList)) {
    throw new ProjectConfigError(`${PROJECT_CONFIG_FILE}: "share" must map secret names (or globs) to lists of project names`);
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function detectionSettingsOf(config: ProjectConfig): DetectionSettings {
  return {
    allowKeys: config.allowKeys ?? [],
    customPatterns: config.customPatterns ?? [],
    ...(config.reportLocalDefaults !== undefined ? { reportLocalDefaults: config.reportLocalDefaults } : {}),
    ...(config.ruleSeverity ? { ruleSeverity: config.ruleSeverity } : {}),
  };
}

/**
 * Two configurations as one: lists are joined (the extension joins its settings with `.envguard.json`,
 * a project's file with the nested ones below it); for the project's own fields the first wins.
 */
export function combineConfigs(a: ProjectConfig, b: ProjectConfig): ProjectConfig {
  const join = <T>(x: readonly T[] | undefined, y: readonly T[] | undefined): T[] => [...(x ?? []), ...(y ?? [])];
  const project = a.project ?? b.project;
  const environments = a.environments || b.environments ? { ...b.environments, ...a.environments } : undefined;
  const share = a.share ?? b.share;
  const approval = a.approval ?? b.approval;
  // The loader is said where it applies: the nested file's (or the project file's over the editor's) wins.
  const loader = b.loader ?? a.loader;
  const reportLocalDefaults = a.reportLocalDefaults ?? b.reportLocalDefaults;
  return {
    ...(project !== undefined ? { project } : {}),
    ...(approval !== undefined ? { approval } : {}),
    ...(loader !== undefined ? { loader } : {}),
    ...(environments ? { environments } : {}),
    ...(share ? { share } : {}),
    allowKeys: join(a.allowKeys, b.allowKeys),
    customPatterns: join(a.customPatterns, b.customPatterns),
    ...(reportLocalDefaults !== undefined ? { reportLocalDefaults } : {}),
    ...(a.ruleSeverity || b.ruleSeverity ? { ruleSeverity: { ...b.ruleSeverity, ...a.ruleSeverity } } : {}),
    include: join(a.include, b.include),
    exclude: join(a.exclude, b.exclude),
  };
}
