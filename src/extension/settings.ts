import * as vscode from 'vscode';
import { combineConfigs, detectionSettingsOf, parseProjectConfig, PROJECT_CONFIG_FILE, ProjectConfigError, RULE_SEVERITIES, type ProjectConfig, type RuleSeverity } from '../core/config/project-config';
import { checkCustomPatterns, type CustomPattern, type DetectionSettings } from '../core/detection';
import type { DiscoveryOptions } from '../core/files/env-file-filter';
import { parseKeyStoreMode, type KeyStoreMode } from '../core/vault/local/key-store-types';
import { VAULT_KINDS } from '../core/vault/kinds';
import type { VaultConnector, VaultSettings, VaultSettingSpec, VaultSettingValue } from '../core/vault/connector';
import { VAULT_CONNECTORS } from '../core/vault/connectors';
import type { VaultProvider } from '../core/vault/types';

export type VaultChoice = VaultProvider['kind'];
/** The kinds a user can choose: the registry's, in its order. */
const VAULT_CHOICES: readonly string[] = VAULT_KINDS.filter((kind) => kind.spec !== undefined).map((kind) => kind.kind);

/** A vault as a setting names it, and whether the user's own settings name it (else the workspace does, and it needs confirming). */
export interface VaultSetting {
  /** `local`, `azure:NAME` or a Key Vault URL. */
  readonly spec: string;
  readonly userLevel: boolean;
}

export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type SeverityName = (typeof SEVERITIES)[number];

/** What one workspace folder (or a file outside every folder) is checked with. */
export interface FolderSettings {
  readonly detection: DetectionSettings;
  readonly discovery: DiscoveryOptions;
}

/**
 * Reads the `envguard.*` settings and joins them with the folder's `.envguard.json` (what the CLI
 * reads), so the editor and `envguard scan` in a pre-commit hook agree on what is a secret.
 *
 * In Restricted Mode the workspace configures no pattern: custom patterns come from user settings
 * only, never from workspace settings or `.envguard.json` (a hostile repository must not choose
 * what runs on its own files, even on a linear-time engine).
 */
export class Settings {
  private readonly projectConfigs = new Map<string, Promise<ProjectConfig>>();
  private readonly folderSettings = new Map<string, Promise<FolderSettings>>();
  private generationCount = 0;

  /**
   * `onConfigProblem` hears, once per read, why a folder's `.envguard.json` or one of its custom
   * patterns was not used (file, pattern id and reason, never content).
   */
  constructor(private readonly onConfigProblem: (message: string) => void) {}

  /** Changes whenever the settings may have: detection results cached under an older one are stale. */
  get generation(): number {
    return this.generationCount;
  }

  /** Forget cached `.envguard.json` files and folder settings (after one, a setting or the trust changed). */
  invalidate(): void {
    this.projectConfigs.clear();
    this.folderSettings.clear();
    this.generationCount++;
  }

  /** One object per folder until the next invalidate(): compiled patterns are cached per settings object. */
  forFolder(folder: vscode.WorkspaceFolder | undefined): Promise<FolderSettings> {
    const key = folder?.uri.toString() ?? '';
    let pending = this.folderSettings.get(key);
    if (!pending) {
      pending = this.readFolder(folder);
      this.folderSettings.set(key, pending);
    }
    return pending;
  }

  private async readFolder(folder: vscode.WorkspaceFolder | undefined): Promise<FolderSettings> {
    const section = vscode.workspace.getConfiguration('envguard', folder?.uri);
    const trusted = vscode.workspace.isTrusted;
    const settingsPatterns = patternList(trusted ? section.get('detection.customPatterns') : section.inspect('detection.customPatterns')?.globalValue);
    const fromSettings: ProjectConfig = {
      allowKeys: stringList(section.get('detection.allowKeys')),
      ...(section.get('detection.reportLocalDefaults') === true ? { reportLocalDefaults: true } : {}),
      ...ruleSeverityOf(section.get('detection.ruleSeverity')),
      customPatterns: this.usablePatterns(settingsPatterns, trusted ? 'settings (envguard.detection.customPatterns)' : 'user settings (envguard.detection.customPatterns)'),
      include: stringList(section.get('files.include')),
      exclude: stringList(section.get('files.exclude')),
    };
    const { customPatterns: projectPatterns, ...project } = folder ? await this.projectConfig(folder) : {};
    const fromProject: ProjectConfig = trusted && folder ? { ...project, customPatterns: this.usablePatterns(projectPatterns, `${folder.name}/${PROJECT_CONFIG_FILE}`) } : project;
    const config = combineConfigs(fromProject, fromSettings);
    return {
      detection: detectionSettingsOf(config),
      discovery: { include: config.include ?? [], exclude: config.exclude ?? [] },
    };
  }

  /** The patterns that can run; each one that cannot is reported, and the others and the built-in rules still apply. */
  private usablePatterns(patterns: readonly CustomPattern[] | undefined, where: string): CustomPattern[] {
    const { usable, problems } = checkCustomPatterns(patterns);
    for (const problem of problems) this.onConfigProblem(`${where}: ${problem.message}; the other patterns and the built-in rules still apply`);
    return usable;
  }

  severity(): SeverityName {
    const value = vscode.workspace.getConfiguration('envguard').get<string>('diagnostics.severity', 'warning');
    return (SEVERITIES as readonly string[]).includes(value) ? (value as SeverityName) : 'warning';
  }

  /** Milliseconds between the last keystroke and the re-check of a document. */
  delay(): number {
    const value = vscode.workspace.getConfiguration('envguard').get<number>('diagnostics.delay', 200);
    return Number.isFinite(value) && value >= 0 ? Math.min(value, 5000) : 200;
  }

  /** `envguard.decorations.references`: the vault, version and age after each reference. */
  referenceDecorations(): boolean {
    return vscode.workspace.getConfiguration('envguard').get<boolean>('decorations.references', true) !== false;
  }

  vault(): VaultChoice {
    const value = vscode.workspace.getConfiguration('envguard').get<string>('vault.provider', 'local');
    return VAULT_CHOICES.includes(value) ? (value as VaultChoice) : 'local';
  }

  /**
   * A remote vault's settings (`envguard.<section>.*`), as its connector declares them: one that says
   * where credentials go or whose identity is used from the user's own settings only, so a workspace
   * can neither widen where your token goes nor choose your identity; a value of the wrong shape is
   * left out (VS Code's schema flags it) and the default applies.
   */
  vaultSettings(connector: VaultConnector): VaultSettings {
    const c = vscode.workspace.getConfiguration('envguard');
    const settings: Record<string, VaultSettingValue> = {};
    for (const spec of connector.settings) {
      const name = `${connector.section}.${spec.name}`;
      const value = spec.userOnly ? c.inspect(name)?.globalValue : c.get(name);
      const usable = usableSetting(spec, value);
      if (usable !== undefined) settings[spec.name] = usable;
    }
    return settings;
  }

  /**
   * The default vault: `envguard.vault.provider`, with the remote vault's location setting
   * (`envguard.azure.vault`, `envguard.aws.region`, `envguard.hashicorp.mount`). A location the
   * workspace set is the workspace's choice: a remote vault it names is confirmed before use.
   */
  defaultVault(): VaultSetting {
    const choice = this.vault();
    if (choice === 'local') return { spec: 'local', userLevel: true };
    const connector = VAULT_CONNECTORS[choice];
    const inspected = vscode.workspace.getConfiguration('envguard').inspect<unknown>(`${connector.section}.${connector.choice.locationSetting}`);
    const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
    const fromWorkspace = text(inspected?.workspaceFolderValue ?? inspected?.workspaceValue);
    return { spec: connector.defaultSpec(fromWorkspace || text(inspected?.globalValue)), userLevel: fromWorkspace === '' };
  }

  /** `envguard.vault.environments`: environment → vault; an entry from the user's own settings needs no confirming. */
  vaultEnvironments(folder: vscode.WorkspaceFolder | undefined): Record<string, VaultSetting> {
    const inspected = vscode.workspace.getConfiguration('envguard', folder?.uri).inspect<Record<string, unknown>>('vault.environments');
    const result: Record<string, VaultSetting> = {};
    const add = (value: unknown, userLevel: boolean): void => {
      if (typeof value !== 'object' || value === null) return;
      for (const [environment, spec] of Object.entries(value)) if (typeof spec === 'string' && spec.trim() !== '') result[environment] = { spec, userLevel };
    };
    add(inspected?.globalValue, true);
    add(inspected?.workspaceValue, false);
    add(inspected?.workspaceFolderValue, false);
    return result;
  }

  secretPrefix(folder: vscode.WorkspaceFolder | undefined): string {
    return vscode.workspace.getConfiguration('envguard', folder?.uri).get<string>('vault.secretPrefix', '');
  }

  /**
   * ENVGUARD_KEY_STORE (how tests and CI choose an automation vault, as for the CLI), else the
   * user's setting; an automation vault opens only at an ENVGUARD_HOME of its own (key-store.ts).
   */
  keyStore(): KeyStoreMode {
    const value = process.env.ENVGUARD_KEY_STORE ?? vscode.workspace.getConfiguration('envguard').inspect<string>('localVault.keyStore')?.globalValue ?? 'passphrase';
    return parseKeyStoreMode(value) ?? 'passphrase';
  }

  private projectConfig(folder: vscode.WorkspaceFolder): Promise<ProjectConfig> {
    const key = folder.uri.toString();
    let pending = this.projectConfigs.get(key);
    if (!pending) {
      pending = readProjectConfig(folder).then(({ config, problem }) => {
        if (problem) this.onConfigProblem(`${problem}; the settings alone apply`);
        return config;
      });
      this.projectConfigs.set(key, pending);
    }
    return pending;
  }
}

async function readProjectConfig(folder: vscode.WorkspaceFolder): Promise<{ config: ProjectConfig; problem?: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, PROJECT_CONFIG_FILE));
  } catch {
    return { config: {} }; // no .envguard.json: settings alone
  }
  try {
    return { config: parseProjectConfig(new TextDecoder().decode(bytes)) };
  } catch (error) {
    const reason = error instanceof ProjectConfigError ? error.message : `${PROJECT_CONFIG_FILE} cannot be used`;
    return { config: {}, problem: `${folder.name}: ${reason}` };
  }
}

/** `envguard.detection.ruleSeverity`: the entries with a known severity (others are left out, as VS Code's schema flags them). */
function ruleSeverityOf(value: unknown): { ruleSeverity?: Record<string, RuleSeverity> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const entries = Object.entries(value as Record<string, unknown>).filter((e): e is [string, RuleSeverity] => (RULE_SEVERITIES as readonly unknown[]).includes(e[1]));
  return entries.length > 0 ? { ruleSeverity: Object.fromEntries(entries) } : {};
}

/** A setting's value if it has the shape its spec says, else undefined (the default applies). */
function usableSetting(spec: VaultSettingSpec, value: unknown): VaultSettingValue | undefined {
  switch (spec.type) {
    case 'string-list':
      return Array.isArray(value) ? stringList(value) : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
      return typeof value === 'string' && (spec.values === undefined || spec.values.includes(value)) ? value.trim() : undefined;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function patternList(value: unknown): CustomPattern[] {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is CustomPattern => typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string');
}
