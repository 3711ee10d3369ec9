import * as vscode from 'vscode';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/** EnvGuard: Unlock the Local Vault — the passphrase, in VS Code's password box; this window then answers approvals. */
export function unlockVault(services: Services) {
  return async (): Promise<boolean> => {
    if (!requireTrust('unlock the local vault')) return false;
    if (services.settings.keyStore() === 'automation') {
      void vscode.window.showInformationMessage('EnvGuard: this is an automation vault (ENVGUARD_KEY_STORE=automation): it has no passphrase.');
      return false;
    }
    await services.keyAgent.access(true).ensureUnlocked();
    services.decorations.refresh(); // "local · locked" becomes each secret's version and age
    void vscode.window.showInformationMessage('EnvGuard: the local vault is unlocked. Programs that ask for secrets are approved here, in a dialog.');
    return true;
  };
}
