import * as vscode from 'vscode';
import { combineConfigs, detectionSettingsOf, parseProjectConfig, PROJECT_CONFIG_FILE, ProjectConfigError, RULE_SEVERITIES, type ProjectConfig, type RuleSeverity } from '../core/config/project-config';
import { checkCustomPatterns, type CustomPattern, type DetectionSettings } from '../core/detection';
import type { DiscoveryOptions } from '../core/files/env-file-filter';
import { parseKeyStoreMode, type KeyStoreMode } from '../core/vault/local/key-store-types';
import { VAULT_KINDS } from '../core/vault/kinds';
import { VaultError, type VaultProvider } from '../core/vault/types';

export type VaultChoice = VaultProvider['kind'];
/** The kinds a user can choose: the registry's, in its order. */
const VAULT_CHOICES: readonly string[] = VAULT_KINDS.filter((kind) => kind.spec !== undefined).map((kind) => kind.kind);

/** A vault as a setting names it, and whether the user's own settings name it (else the workspace does, and it needs confirming). */
export interface VaultSetting {
  /** `local`, `azure:NAME` or a Key Vault URL. */
  readonly spec: string;
  readonly userLevel: boolean;
}

export interface AzureSettings {
  readonly vault: string;
  readonly tenant: string | undefined;
  readonly credential: 'vscode' | 'standard';
  readonly allowedHosts: string[];
  readonly referenceStyle: 'app-service' | 'vals';
  readonly pinVersions: boolean;
  readonly cacheSeconds: number;
}
/** AWS Secrets Manager: credentials and the profile are the user's; the region and layout are a project's choice. */
export interface AwsSettings {
  /** Empty: the SDK's region chain (AWS_REGION, the profile). */
  readonly region: string | undefined;
  /** Whether the region comes from the workspace (then it needs the user's confirmation, as a reference naming it does). */
  readonly regionFromWorkspace: boolean;
  readonly profile: string | undefined;
  readonly allowedHosts: string[];
  readonly layout: 'json-per-environment' | 'secret-per-key';
  readonly cacheSeconds: number;
}

/** HashiCorp Vault: where it is and how to trust it come from user settings only (else VAULT_ADDR and the rest of the environment). */
export interface HashiCorpSettings {
  readonly address: string | undefined;
  readonly namespace: string | undefined;
  readonly caCert: string | undefined;
  /** The KV mount moved secrets go to (a project choice). */
  readonly mount: string;
  readonly cacheSeconds: number;
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

  vault(): VaultChoice {
    const value = vscode.workspace.getConfiguration('envguard').get<string>('vault.provider', 'local');
    return VAULT_CHOICES.includes(value) ? (value as VaultChoice) : 'local';
  }

  azure(): AzureSettings {
    const c = vscode.workspace.getConfiguration('envguard');
    const cache = c.get<number>('azure.cacheSeconds', 60);
    return {
      vault: c.get<string>('azure.vault', '').trim(),
      tenant: c.get<string>('azure.tenant', '').trim() || undefined,
      credential: c.get<string>('azure.credential', 'vscode') === 'standard' ? 'standard' : 'vscode',
      // Only user settings count (the setting's scope is application): a workspace must not widen where credentials go.
      allowedHosts: stringList(c.inspect('azure.allowedHosts')?.globalValue),
      referenceStyle: c.get<string>('azure.referenceStyle', 'app-service') === 'vals' ? 'vals' : 'app-service',
      pinVersions: c.get<boolean>('azure.pinVersions', false) === true,
      cacheSeconds: Number.isFinite(cache) && cache >= 0 ? cache : 60,
    };
  }

  aws(): AwsSettings {
    const c = vscode.workspace.getConfiguration('envguard');
    const region = c.inspect<string>('aws.region');
    const fromWorkspace = (region?.workspaceFolderValue ?? region?.workspaceValue ?? '').trim();
    const profile = c.inspect<string>('aws.profile')?.globalValue;
    const cache = c.get<number>('aws.cacheSeconds', 60);
    return {
      region: fromWorkspace || (region?.globalValue ?? '').trim() || undefined,
      regionFromWorkspace: fromWorkspace !== '',
      // User settings only (scope application): a workspace chooses neither your identity nor where signed requests go.
      profile: typeof profile === 'string' && profile.trim() !== '' ? profile.trim() : undefined,
      allowedHosts: stringList(c.inspect('aws.allowedHosts')?.globalValue),
      layout: c.get<string>('aws.layout', 'json-per-environment') === 'secret-per-key' ? 'secret-per-key' : 'json-per-environment',
      cacheSeconds: Number.isFinite(cache) && cache >= 0 ? cache : 60,
    };
  }

  hashicorp(): HashiCorpSettings {
    const c = vscode.workspace.getConfiguration('envguard');
    const user = (name: string): string | undefined => {
      const value = c.inspect<string>(name)?.globalValue;
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const cache = c.get<number>('hashicorp.cacheSeconds', 60);
    return {
      // Only user settings count (scope application): a workspace must not choose where the Vault token goes.
      address: user('hashicorp.address'),
      namespace: user('hashicorp.namespace'),
      caCert: user('hashicorp.caCert'),
      mount: c.get<string>('hashicorp.mount', 'secret').trim() || 'secret',
      cacheSeconds: Number.isFinite(cache) && cache >= 0 ? cache : 60,
    };
  }

  /** The default vault: `envguard.vault.provider`, with `envguard.azure.vault` for Key Vault, `envguard.hashicorp.mount` for Vault. */
  defaultVault(): VaultSetting {
    const choice = this.vault();
    if (choice === 'local') return { spec: 'local', userLevel: true };
    if (choice === 'hashicorp-vault') return { spec: `hashicorp:${this.hashicorp().mount}`, userLevel: true };
    if (choice === 'aws-secrets-manager') {
      const aws = this.aws();
      return { spec: aws.region ? `aws:${aws.region}` : 'aws', userLevel: !aws.regionFromWorkspace };
    }
    const inspected = vscode.workspace.getConfiguration('envguard').inspect<string>('azure.vault');
    const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    const vault = (fromWorkspace ?? inspected?.globalValue ?? '').trim();
    if (vault === '') throw new VaultError('not-found', 'no Azure Key Vault is chosen: run "EnvGuard: Choose Vault…" or set envguard.azure.vault');
    return { spec: vault.includes('://') ? vault : `azure:${vault}`, userLevel: fromWorkspace === undefined };
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

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function patternList(value: unknown): CustomPattern[] {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is CustomPattern => typeof p === 'object' && p !== null && typeof (p as { id?: unknown }).id === 'string');
}
