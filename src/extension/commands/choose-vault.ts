import * as vscode from 'vscode';
import { loadAzure } from '../../core/vault/azure/load';
import { messageOf } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/** EnvGuard: Choose Vault… — where moved values go (workspace settings `envguard.vault.provider`, `envguard.azure.vault`). */
export function chooseVault(services: Services) {
  return async (): Promise<void> => {
    if (!requireTrust('choose a vault')) return;
    const current = services.settings.vault();
    const azure = services.settings.azure();
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(lock) Local vault', description: current === 'local' ? 'current' : 'encrypted, versioned, no account needed', detail: 'On this machine, outside the workspace.', id: 'local' as const },
        { label: '$(azure) Azure Key Vault…', description: current === 'azure-keyvault' ? `current: ${azure.vault}` : 'identity-based access, audit, versions', detail: 'Shared by the team; signs in with your Microsoft account.', id: 'azure-keyvault' as const },
      ],
      { title: 'EnvGuard: where should moved secrets go?' },
    );
    if (!choice) return;
    const config = vscode.workspace.getConfiguration('envguard');
    if (choice.id === 'azure-keyvault') {
      const m = await loadAzure();
      const vault = await vscode.window.showInputBox({
        title: 'EnvGuard: Azure Key Vault',
        prompt: 'The vault\'s name or URL',
        placeHolder: 'myvault or https://myvault.vault.azure.net',
        value: azure.vault,
        ignoreFocusOut: true,
        validateInput: (text) => {
          try {
            m.normalizeVaultUrl(text, azure.allowedHosts);
            return undefined;
          } catch (error) {
            return messageOf(error);
          }
        },
      });
      if (vault === undefined) return;
      const url = m.normalizeVaultUrl(vault, azure.allowedHosts);
      await services.vault.confirmChosen(url); // the user typed it: theirs, not the workspace's
      await config.update('azure.vault', url, vscode.ConfigurationTarget.Workspace);
    }
    await config.update('vault.provider', choice.id, vscode.ConfigurationTarget.Workspace);
    services.log.info(`Vault for this workspace: ${choice.id === 'local' ? 'local vault' : services.settings.azure().vault}`);
  };
}
