import * as vscode from 'vscode';
import { messageOf } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/** EnvGuard: Choose Vault… — where moved values go (the workspace setting `envguard.vault.provider`). */
export function chooseVault(services: Services) {
  return async (): Promise<void> => {
    if (!requireTrust('choose a vault')) return;
    let where = 'on this machine, outside the workspace';
    try {
      const vault = await services.vault.open();
      where = vault.displayName;
    } catch (error) {
      services.log.warn(messageOf(error));
    }
    const choice = await vscode.window.showQuickPick(
      [{ label: '$(lock) Local vault', description: 'encrypted, versioned, no account needed', detail: where, id: 'local' }],
      { title: 'EnvGuard: where should moved secrets go?' },
    );
    if (!choice) return;
    await vscode.workspace.getConfiguration('envguard').update('vault.provider', choice.id, vscode.ConfigurationTarget.Workspace);
    services.log.info(`Vault for this workspace: ${choice.id}`);
  };
}
