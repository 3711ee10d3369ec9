import type { TokenCredential } from '@azure/core-auth';
import type { SecretSource } from '../core/run/resolve';
import { lazyAzureSecretSource, loadAzure, type AzureModule } from '../core/vault/azure/load';
import { vaultSecretSource } from '../core/vault/secret-source';
import { VaultError, type VaultProvider } from '../core/vault/types';
import { vscodeMicrosoftCredential } from './azure-credential';
import type { Log } from './log';
import type { Settings } from './settings';

/**
 * Opens the chosen vault on first use and keeps it for the session. The vault modules are loaded
 * only here (the local vault by dynamic import, the Azure SDK from its own bundle), so activation
 * never pays for them. Callers check workspace trust first.
 */
export class VaultAccess {
  private opened: { key: string; vault: Promise<VaultProvider> } | undefined;
  private sources: { key: string; sources: SecretSource[] } | undefined;

  constructor(private readonly settings: Settings, private readonly log: Log) {}

  /** The vault the settings name (where migrations write). */
  open(): Promise<VaultProvider> {
    const key = this.settingsKey();
    if (this.opened?.key !== key) {
      const vault = this.settings.vault() === 'azure-keyvault' ? this.openAzure() : this.openLocal();
      vault.catch(() => { if (this.opened?.vault === vault) this.opened = undefined; }); // retry next time
      this.opened = { key, vault };
    }
    return this.opened.vault;
  }

  /**
   * The chosen vault if opening it needs no sign-in: already open, or the local vault. A hover uses
   * this: moving the mouse must not start a Microsoft sign-in or a network call to a new vault.
   */
  openWithoutSignIn(): Promise<VaultProvider> | undefined {
    if (this.opened?.key === this.settingsKey()) return this.opened.vault;
    return this.settings.vault() === 'local' ? this.open() : undefined;
  }

  /** Every vault references may point into (what resolution uses), each opened on first use. */
  secretSources(): SecretSource[] {
    const key = this.settingsKey();
    if (this.sources?.key !== key) {
      const azure = this.settings.azure();
      this.sources = {
        key,
        sources: [
          // The chosen local vault is the one open() keeps: opened once, whoever asks first.
          vaultSecretSource('local', 'local vault', () => (this.settings.vault() === 'local' ? this.open() : this.openLocal())),
          lazyAzureSecretSource((m) => ({
            credential: () => this.credential(m),
            allowedHosts: azure.allowedHosts,
            cacheTtlMs: azure.cacheSeconds * 1000,
            ...(azure.tenant ? { tenantId: azure.tenant } : {}),
          })),
        ],
      };
    }
    return this.sources.sources;
  }

  private settingsKey(): string {
    return JSON.stringify([this.settings.vault(), this.settings.keyStore(), this.settings.azure()]);
  }

  private async openLocal(): Promise<VaultProvider> {
    const { openLocalVault } = await import('../core/vault/local/index.js');
    const vault = await openLocalVault({ keyStore: this.settings.keyStore(), onWarning: (message) => this.log.warn(message) });
    this.log.info(`Using the ${vault.displayName}; key in ${vault.keyLocation}`);
    return vault;
  }

  private async openAzure(): Promise<VaultProvider> {
    const azure = this.settings.azure();
    if (!azure.vault) throw new VaultError('not-found', 'no Azure Key Vault is chosen: run "EnvGuard: Choose Vault…" or set envguard.azure.vault');
    const m = await loadAzure();
    try {
      const vault = new m.AzureKeyVault({
        vault: azure.vault, credential: this.credential(m), allowedHosts: azure.allowedHosts,
        referenceStyle: azure.referenceStyle, pinVersions: azure.pinVersions,
      });
      this.log.info(`Using ${vault.displayName} (${vault.vaultUrl}); sign-in: ${azure.credential === 'vscode' ? 'VS Code\'s Microsoft account' : 'the Azure SDK\'s standard chain'}`);
      return vault;
    } catch (error) {
      if (error instanceof m.VaultUrlError) throw new VaultError('invalid-name', error.message);
      throw error;
    }
  }

  private credential(m: AzureModule): TokenCredential {
    const azure = this.settings.azure();
    return azure.credential === 'standard' ? m.standardCredential(process.env, azure.tenant) : vscodeMicrosoftCredential(azure.tenant);
  }
}
