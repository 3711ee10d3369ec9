import type { TokenCredential } from '@azure/core-auth';
import type { SecretSource } from '../resolve';
import type { VaultSpec } from './kind';
import type { VaultProvider } from './types';

/** A setting's value as an adapter read it (VS Code's settings, the CLI's environment). */
export type VaultSettingValue = string | number | boolean | readonly string[];

/**
 * A setting a remote vault reads: `envguard.<section>.<name>` in VS Code (package.json declares it,
 * and a test keeps the two equal), `ENVGUARD_<SECTION>_<NAME>` (or `cli`) in the command line.
 */
export interface VaultSettingSpec {
  readonly name: string;
  readonly type: 'string' | 'string-list' | 'number' | 'boolean';
  /** The values a string setting may take (package.json's enum). */
  readonly values?: readonly string[];
  readonly default: VaultSettingValue;
  /**
   * Says where credentials go or whose identity is used: read from the user's own settings only
   * (VS Code scope `application`), never from a workspace, which could send your token elsewhere.
   */
  readonly userOnly?: boolean;
  /**
   * The command line's environment variable; `false` when the CLI takes the value elsewhere (the
   * vendor's own variables: AWS_PROFILE, VAULT_ADDR…, which the provider reads from `env`).
   */
  readonly cli?: string | false;
}

/** The values of a connector's settings by name (absent: not set, the spec's default applies). */
export type VaultSettings = Readonly<Record<string, VaultSettingValue | undefined>>;

/** What an adapter gives a connector: where settings, prompts and credentials come from differs per adapter. */
export interface VaultHost {
  /** The variables vendor SDKs read (AZURE_*, AWS_*, VAULT_*): the process's, or a test's. */
  readonly env: NodeJS.ProcessEnv;
  /** The connector's settings, read as its specs say (user-only ones from user settings only). */
  readonly settings: VaultSettings;
  /**
   * True when the user confirmed the vault `key` names (or does now, through a channel a workspace
   * cannot answer): a remote vault named by a repository receives nothing before.
   */
  confirmVault(key: string, why: string): Promise<boolean>;
  /** Where a connector says which vault it opened and how it signs in (never a value). */
  readonly log?: (message: string) => void;
  /** The editor's own Microsoft sign-in, where the adapter has one (the CLI uses the SDK's chain). */
  readonly microsoftCredential?: (tenant: string | undefined) => TokenCredential;
}

/** A destination's options a command chose (the CLI's `--pin-versions`…); unset ones come from the settings. */
export interface VaultWriteOptions {
  readonly pinVersions?: boolean;
  readonly referenceStyle?: string;
}

/** How Choose Vault offers a kind and asks where its vault is. */
export interface VaultChoiceSpec {
  /** A codicon id: `azure`, `cloud`, `server`. */
  readonly icon: string;
  /** The item's label when it says more than the kind's title ("HashiCorp Vault or OpenBao"). */
  readonly label?: string;
  /** What the vault is good for, in a few words. */
  readonly pitch: string;
  /** How it signs in and where it is (never a value). */
  detail(host: Pick<VaultHost, 'env' | 'settings'>): string;
  /** The setting the location (a vault's name, a region, a mount) is written to. */
  readonly locationSetting: string;
  readonly prompt: string;
  readonly placeHolder?: string;
  /** True when an empty answer is a choice (AWS: the default region). */
  readonly optional?: boolean;
}

/**
 * How a remote vault opens, declared in its own folder (`<kind>/connector.ts`): its settings, its
 * default destination, how it becomes a VaultProvider (to write) and a SecretSource (to resolve).
 * Kept light: the SDK loads only inside open() and the source's first resolve.
 */
export interface VaultConnector {
  readonly kind: Exclude<VaultProvider['kind'], 'local'>;
  /** `azure` → `envguard.azure.*`, `ENVGUARD_AZURE_*`. */
  readonly section: string;
  readonly settings: readonly VaultSettingSpec[];
  /** The spec text for the default destination, its location setting's value (`azure:NAME`, `aws:REGION`…). */
  defaultSpec(location: string): string;
  readonly choice: VaultChoiceSpec;
  open(spec: VaultSpec, host: VaultHost, write?: VaultWriteOptions): Promise<VaultProvider>;
  /** Resolves this kind's references; `why` tells a confirmation where the reference came from. */
  source(host: VaultHost, why: string): SecretSource;
}

/** A setting's value, else its spec's default. */
export function settingOf<T extends VaultSettingValue>(connector: Pick<VaultConnector, 'settings'>, settings: VaultSettings, name: string): T {
  const spec = connector.settings.find((s) => s.name === name);
  if (!spec) throw new Error(`no setting ${name}`);
  return (settings[name] ?? spec.default) as T;
}

/** `ENVGUARD_AWS_ALLOWED_HOSTS` for section `aws`, setting `allowedHosts`. */
export function cliVariableOf(section: string, spec: VaultSettingSpec): string | undefined {
  if (spec.cli === false) return undefined;
  return spec.cli ?? `ENVGUARD_${section.toUpperCase()}_${spec.name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}
