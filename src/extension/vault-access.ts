import type { VaultProvider } from '../core/vault/types';
import type { Log } from './log';
import type { Settings } from './settings';

/**
 * Opens the chosen vault on first use and keeps it for the session. The vault modules are loaded
 * only here (dynamic import), so activation never pays for them.
 */
export class VaultAccess {
  private opened: { key: string; vault: Promise<VaultProvider> } | undefined;

  constructor(private readonly settings: Settings, private readonly log: Log) {}

  /** The vault the settings name; callers check workspace trust first. */
  open(): Promise<VaultProvider> {
    const choice = this.settings.vault();
    const keyStore = this.settings.keyStore();
    const key = `${choice}:${keyStore}`;
    if (this.opened?.key !== key) {
      const vault = this.openLocal(keyStore);
      vault.catch(() => { if (this.opened?.vault === vault) this.opened = undefined; }); // retry next time
      this.opened = { key, vault };
    }
    return this.opened.vault;
  }

  private async openLocal(keyStore: ReturnType<Settings['keyStore']>): Promise<VaultProvider> {
    const { openLocalVault } = await import('../core/vault/local/index.js');
    const vault = await openLocalVault({ keyStore, onWarning: (message) => this.log.warn(message) });
    this.log.info(`Using the ${vault.displayName}; key in ${vault.keyLocation}`);
    return vault;
  }
}
