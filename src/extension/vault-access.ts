import * as vscode from 'vscode';
import { agentReleaseGate, automationReleaseGate, GatedLocalVault, type ReleaseGate } from '../core/gate';
import type { ProjectLayout } from '../core/project';
import type { VaultReference } from '../core/references';
import type { SecretSource } from '../core/resolve';
import type { VaultConnector, VaultHost } from '../core/vault/connector';
import { allowedHostsByKind, REMOTE_CONNECTORS, VAULT_CONNECTORS } from '../core/vault/connectors';
import type { LocalVault } from '../core/vault/local/local-vault';
import { parseVaultSpec, type VaultSpec } from '../core/vault/spec';
import { LOCAL_SPEC } from '../core/vault/local/kind';
import { VaultError, type VaultProvider } from '../core/vault/types';
import { vscodeMicrosoftCredential } from './azure-credential';
import type { Log } from './log';
import type { ExtensionKeyAgent } from './key-agent';
import type { ExtensionProjects } from './projects';
import type { Settings, VaultSetting } from './settings';

/**
 * Opens vaults on first use and keeps them for the session. The vault modules are loaded only here
 * (the local vault by dynamic import, the Azure SDK from its own bundle), so activation never pays
 * for them. A remote vault named by the workspace (its settings, `.envguard.json`, a reference in an
 * env file) receives no credential and no value until the user confirmed it once, in a modal dialog;
 * the confirmation is kept in EnvGuard's registry (shared with the CLI), outside every workspace.
 * Callers check workspace trust first.
 */
export class VaultAccess {
  private readonly opened = new Map<string, Promise<VaultProvider>>();
  /** The vaults opened so far, for a hover (which never opens one). */
  private settled: VaultProvider[] = [];
  private settingsKey = '';
  private sources: SecretSource[] | undefined;

  constructor(private readonly settings: Settings, private readonly projects: ExtensionProjects, private readonly keyAgent: ExtensionKeyAgent, private readonly log: Log) {}

  /**
   * Where every release passes (F5, tasks, the secrets terminal, verifying references): the key
   * agent, which may ask the human, or, for an automation vault, the vault itself.
   */
  releaseGate(): ReleaseGate {
    if (this.settings.keyStore() === 'automation') {
      return automationReleaseGate(() => this.openSpec(LOCAL_SPEC) as Promise<LocalVault>, () => this.projects.registry());
    }
    return agentReleaseGate(this.keyAgent.access(true));
  }

  /** The default vault (envguard.vault.provider / envguard.azure.vault), confirmed if the workspace named it. */
  open(): Promise<VaultProvider> {
    return this.openSetting(this.settings.defaultVault(), 'the workspace settings');
  }

  /**
   * Where an environment's secrets go: `envguard.vault.environments`, else the project's
   * `.envguard.json` `environments.<name>.vault`, else the default vault.
   */
  forEnvironment(environment: string, project: ProjectLayout, folder: vscode.WorkspaceFolder | undefined): Promise<VaultProvider> {
    const fromSettings = this.settings.vaultEnvironments(folder)[environment];
    if (fromSettings) return this.openSetting(fromSettings, `envguard.vault.environments (environment ${environment})`);
    const named = project.config.environments?.[environment]?.vault;
    if (named !== undefined) return this.openSetting({ spec: named, userLevel: false }, `${project.root}/.envguard.json (environment ${environment})`);
    return this.open();
  }

  /** The local vault (always the user's own; it gives secrets only to their projects). */
  forLocal(): Promise<VaultProvider> {
    return this.openSpec(LOCAL_SPEC);
  }

  /** The vault a setting or file names, for describing it without opening it. */
  describe(environment: string, project: Pick<ProjectLayout, 'config'> | undefined, folder: vscode.WorkspaceFolder | undefined): string {
    let text: string;
    try {
      text = this.settings.vaultEnvironments(folder)[environment]?.spec ?? project?.config.environments?.[environment]?.vault ?? this.settings.defaultVault().spec;
    } catch {
      return 'no vault chosen yet';
    }
    try {
      return parseVaultSpec(text, this.allowedHostsByKind()).description;
    } catch {
      return `an invalid vault (${text})`;
    }
  }

  /**
   * The vault a reference points into, if reading its metadata needs no sign-in and no dialog: the
   * local vault, or a remote vault already open. A hover uses this: moving the mouse must not start
   * a sign-in or a dialog.
   */
  openWithoutSignIn(reference: VaultReference): Promise<VaultProvider> | undefined {
    this.checkSettings();
    if (reference.kind === 'local') {
      // A hover never asks for the passphrase: a locked vault's metadata is simply not shown.
      return this.settings.keyStore() === 'automation' ? this.forLocal() : Promise.resolve(new GatedLocalVault(this.projects.home(), this.keyAgent.access(false)));
    }
    // Any vault already open (a migration or a choice opened it) that owns the reference: no sign-in, no dialog.
    const owner = this.settled.find((vault) => vault.ownsReference(reference) !== undefined);
    return owner ? Promise.resolve(owner) : undefined;
  }

  /** The vaults besides the local one references may point into (local values come through the release gate), each opened on first use. */
  secretSources(): SecretSource[] {
    this.checkSettings();
    this.sources ??= REMOTE_CONNECTORS.map((connector) => connector.source(this.hostFor(connector), 'an env file or launch configuration of this workspace refers to it'));
    return this.sources;
  }

  /**
   * True when the user confirmed the vault before, or does now in a modal dialog (a channel the
   * workspace cannot answer). Remembered in EnvGuard's registry, outside the workspace.
   */
  async confirm(vaultUrl: string, why: string): Promise<boolean> {
    const registry = await this.projects.registry();
    if (registry.isVaultConfirmed(vaultUrl)) return true;
    const allow = 'Allow';
    const choice = await vscode.window.showWarningMessage(
      `EnvGuard: send your credentials and secrets to ${vaultUrl}?`,
      { modal: true, detail: `${why[0]!.toUpperCase()}${why.slice(1)}. You have not used this vault with EnvGuard before: a cloned repository could name a vault of its own to collect your token. Allow it only if you know it.` },
      allow,
    );
    if (choice !== allow) {
      this.log.warn(`Not confirmed: ${vaultUrl} (${why})`);
      return false;
    }
    await registry.confirmVault(vaultUrl);
    this.log.info(`Confirmed ${vaultUrl}`);
    return true;
  }

  /** Records a vault the user chose themselves (Choose Vault) as confirmed. */
  async confirmChosen(vaultUrl: string): Promise<void> {
    await (await this.projects.registry()).confirmVault(vaultUrl);
  }

  private async openSetting(setting: VaultSetting, namedBy: string): Promise<VaultProvider> {
    this.checkSettings();
    const spec = parseVaultSpec(setting.spec, this.allowedHostsByKind());
    if (spec.remote) {
      const confirmed = setting.userLevel
        ? (await this.confirmChosen(spec.key), true)
        : await this.confirm(spec.key, `${namedBy} sends secrets there`);
      if (!confirmed) throw new VaultError('forbidden', `${spec.description} (named by ${namedBy}) is not confirmed: nothing was sent to it`);
    }
    const vault = await this.openSpec(spec);
    // The user's own choice (`aws` resolved to their default region, their Vault's address): the references it writes resolve without asking.
    if (setting.userLevel && vault.confirmationKey !== undefined) await this.confirmChosen(vault.confirmationKey);
    return vault;
  }

  private openSpec(spec: VaultSpec): Promise<VaultProvider> {
    this.checkSettings();
    const key = spec.key;
    let vault = this.opened.get(key);
    if (!vault) {
      const opening = this.openKind(spec);
      opening.then((opened) => { this.settled.push(opened); }, () => undefined);
      opening.catch(() => { if (this.opened.get(key) === opening) this.opened.delete(key); }); // retry next time
      this.opened.set(key, opening);
      vault = opening;
    }
    return vault;
  }

  /** The hosts the user allowed (user settings only), by vault kind. */
  private allowedHostsByKind(): Record<string, readonly string[]> {
    return allowedHostsByKind((connector) => this.settings.vaultSettings(connector));
  }

  /** The local vault through the key agent (or an automation vault); a remote one through its connector, which loads its module only now. */
  private openKind(spec: VaultSpec): Promise<VaultProvider> {
    const kind = spec.kind as VaultProvider['kind'];
    if (kind === 'local') return this.openLocal();
    const connector = VAULT_CONNECTORS[kind];
    return connector.open(spec, this.hostFor(connector));
  }

  /** What a connector gets from the editor: its settings, the modal confirmation, the log, VS Code's Microsoft sign-in. */
  private hostFor(connector: VaultConnector): VaultHost {
    return {
      env: process.env,
      settings: this.settings.vaultSettings(connector),
      confirmVault: (key, why) => this.confirm(key, why),
      log: (message) => this.log.info(message),
      microsoftCredential: (tenant) => vscodeMicrosoftCredential(tenant),
    };
  }

  /** Settings that shape how vaults open (key store, sign-in, where a vault is) changed: open them again. */
  private checkSettings(): void {
    const key = JSON.stringify([this.settings.keyStore(), ...REMOTE_CONNECTORS.map((connector) => this.settings.vaultSettings(connector))]);
    if (key !== this.settingsKey) {
      this.settingsKey = key;
      this.opened.clear();
      this.settled = [];
      this.sources = undefined;
    }
  }

  /** The user's vault behind the key agent; an automation vault (ENVGUARD_KEY_STORE or the setting) opened here. */
  private async openLocal(): Promise<VaultProvider> {
    if (this.settings.keyStore() !== 'automation') return new GatedLocalVault(this.projects.home(), this.keyAgent.access(true));
    const { openLocalVault } = await import('../core/vault/local/index.js');
    const vault = await openLocalVault({ keyStore: 'automation', home: this.projects.home() });
    this.log.info(`Using the ${vault.displayName} (automation: no approvals); key in ${vault.keyLocation}`);
    return vault;
  }
}
