import * as vscode from 'vscode';
import type { VaultConnector } from '../../core/vault/connector';
import { allowedHostsByKind, locationSpec, VAULT_CONNECTORS } from '../../core/vault/connectors';
import { vaultKindOf, VAULT_KINDS } from '../../core/vault/kinds';
import type { VaultSpec } from '../../core/vault/spec';
import type { VaultProvider } from '../../core/vault/types';
import { messageOf } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';

type Kind = VaultProvider['kind'];

/**
 * EnvGuard: Choose Vault… — where moved values go (workspace settings `envguard.vault.provider` and
 * the vault's location setting). Every kind of the registry is offered, in its order; a remote one
 * asks for its location as its connector declares (a name, a region, a mount).
 */
export function chooseVault(services: Services) {
  return async (): Promise<void> => {
    if (!requireTrust('choose a vault')) return;
    const current = services.settings.vault();
    const kinds = VAULT_KINDS.filter((kind) => kind.spec !== undefined).map((kind) => kind.kind);
    const choice = await vscode.window.showQuickPick(kinds.map((id) => ({ ...itemOf(services, id, current === id), id })), { title: 'EnvGuard: where should moved secrets go?' });
    if (!choice) return;
    const config = vscode.workspace.getConfiguration('envguard');
    if (choice.id !== 'local' && !(await askLocation(services, VAULT_CONNECTORS[choice.id], config))) return;
    await config.update('vault.provider', choice.id, vscode.ConfigurationTarget.Workspace);
    services.log.info(`Vault for this workspace: ${services.vault.describe('default', undefined, undefined)}`);
  };
}

function itemOf(services: Services, id: Kind, current: boolean): vscode.QuickPickItem {
  if (id === 'local') return { label: '$(lock) Local vault', description: current ? 'current' : 'encrypted, versioned, no account needed', detail: 'On this machine, outside the workspace.' };
  const connector = VAULT_CONNECTORS[id];
  const settings = services.settings.vaultSettings(connector);
  const location = settings[connector.choice.locationSetting];
  const title = vaultKindOf(id)?.title ?? id;
  return {
    label: `$(${connector.choice.icon}) ${connector.choice.label ?? title}…`,
    description: current ? `current: ${typeof location === 'string' && location !== '' ? location : 'the default'}` : connector.choice.pitch,
    detail: connector.choice.detail({ env: process.env, settings }),
  };
}

/** Asks where the vault is and writes it to the workspace settings; false when the user cancelled. */
async function askLocation(services: Services, connector: VaultConnector, config: vscode.WorkspaceConfiguration): Promise<boolean> {
  const { choice } = connector;
  const specOf = (text: string): VaultSpec | undefined => locationSpec(connector, text, allowedHostsByKind((c) => services.settings.vaultSettings(c)));
  const current = services.settings.vaultSettings(connector)[choice.locationSetting];
  const answer = await vscode.window.showInputBox({
    title: `EnvGuard: ${vaultKindOf(connector.kind)?.title ?? connector.kind}`,
    prompt: choice.prompt,
    ...(choice.placeHolder ? { placeHolder: choice.placeHolder } : {}),
    value: typeof current === 'string' ? current : '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      try {
        specOf(text);
        return undefined;
      } catch (error) {
        return messageOf(error);
      }
    },
  });
  if (answer === undefined) return false;
  const spec = specOf(answer);
  if (spec?.remote) await services.vault.confirmChosen(spec.key); // the user typed it: theirs, not the workspace's
  // The normalised location: a Key Vault's URL, a region, a mount.
  await config.update(`${connector.section}.${choice.locationSetting}`, spec?.location, vscode.ConfigurationTarget.Workspace);
  return true;
}
