import * as vscode from 'vscode';
import { REGION } from '../../core/vault/aws/reference';
import { loadAzure } from '../../core/vault/azure/load';
import { VAULT_KINDS } from '../../core/vault/kinds';
import { parseVaultSpec } from '../../core/vault/spec';
import type { VaultProvider } from '../../core/vault/types';
import { messageOf } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';

type Kind = VaultProvider['kind'];

/** How Choose Vault offers one kind of vault and asks what it needs (a name, a region, a mount). */
interface Chooser {
  readonly label: string;
  /** The item's description: the current choice, else what the vault is good for. */
  describe(services: Services, current: boolean): string;
  readonly detail: (services: Services) => string;
  /** Asks for the vault's details and writes them to the workspace settings; false when the user cancelled. */
  configure?(services: Services, config: vscode.WorkspaceConfiguration): Promise<boolean>;
}

/** One chooser per kind of the registry: the compiler names a kind that Choose Vault does not offer. */
const CHOOSERS: Record<Kind, Chooser> = {
  local: {
    label: '$(lock) Local vault',
    describe: (_services, current) => (current ? 'current' : 'encrypted, versioned, no account needed'),
    detail: () => 'On this machine, outside the workspace.',
  },
  'azure-keyvault': {
    label: '$(azure) Azure Key Vault…',
    describe: (services, current) => (current ? `current: ${services.settings.azure().vault}` : 'identity-based access, audit, versions'),
    detail: () => 'Shared by the team; signs in with your Microsoft account.',
    async configure(services, config) {
      const azure = services.settings.azure();
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
      if (vault === undefined) return false;
      const url = m.normalizeVaultUrl(vault, azure.allowedHosts);
      await services.vault.confirmChosen(url); // the user typed it: theirs, not the workspace's
      await config.update('azure.vault', url, vscode.ConfigurationTarget.Workspace);
      return true;
    },
  },
  'aws-secrets-manager': {
    label: '$(cloud) AWS Secrets Manager…',
    describe: (services, current) => (current ? `current: ${services.settings.aws().region ?? 'your default region'}` : 'IAM, KMS, CloudTrail, rotation'),
    detail: () => 'Credentials from the AWS SDK\'s standard chain (profile, SSO, environment).',
    async configure(services, config) {
      const region = await vscode.window.showInputBox({
        title: 'EnvGuard: AWS Secrets Manager',
        prompt: 'The region moved secrets go to (empty: your default region, from AWS_REGION or your profile)',
        placeHolder: 'eu-west-1',
        value: services.settings.aws().region ?? '',
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() === '' || REGION.test(text.trim()) ? undefined : 'A region code such as eu-west-1'),
      });
      if (region === undefined) return false;
      if (region.trim() !== '') await services.vault.confirmChosen(parseVaultSpec(`aws:${region.trim()}`).key); // the user typed it
      await config.update('aws.region', region.trim() || undefined, vscode.ConfigurationTarget.Workspace);
      return true;
    },
  },
  'hashicorp-vault': {
    label: '$(server) HashiCorp Vault or OpenBao…',
    describe: (services, current) => (current ? `current: mount ${services.settings.hashicorp().mount}` : 'KV v2 or v1, policies, audit devices'),
    detail: (services) => `At ${services.settings.hashicorp().address ?? process.env.VAULT_ADDR ?? 'VAULT_ADDR (not set)'}; the token from VAULT_TOKEN, ~/.vault-token or AppRole.`,
    async configure(services, config) {
      const mount = await vscode.window.showInputBox({
        title: 'EnvGuard: HashiCorp Vault',
        prompt: 'The KV mount moved secrets go to (each project and environment gets a path under envguard/ there)',
        value: services.settings.hashicorp().mount,
        ignoreFocusOut: true,
        validateInput: (text) => {
          try {
            parseVaultSpec(`hashicorp:${text.trim()}`);
            return undefined;
          } catch (error) {
            return messageOf(error);
          }
        },
      });
      if (mount === undefined) return false;
      await config.update('hashicorp.mount', mount.trim(), vscode.ConfigurationTarget.Workspace);
      return true;
    },
  },
};

/** EnvGuard: Choose Vault… — where moved values go (workspace settings `envguard.vault.provider` and the vault's own). */
export function chooseVault(services: Services) {
  return async (): Promise<void> => {
    if (!requireTrust('choose a vault')) return;
    const current = services.settings.vault();
    // The registry's order: every kind a user can name is offered.
    const kinds = VAULT_KINDS.filter((kind) => kind.spec !== undefined).map((kind) => kind.kind);
    const choice = await vscode.window.showQuickPick(
      kinds.map((id) => ({ label: CHOOSERS[id].label, description: CHOOSERS[id].describe(services, current === id), detail: CHOOSERS[id].detail(services), id })),
      { title: 'EnvGuard: where should moved secrets go?' },
    );
    if (!choice) return;
    const config = vscode.workspace.getConfiguration('envguard');
    if (CHOOSERS[choice.id].configure && !(await CHOOSERS[choice.id].configure!(services, config))) return;
    await config.update('vault.provider', choice.id, vscode.ConfigurationTarget.Workspace);
    services.log.info(`Vault for this workspace: ${services.vault.describe('default', undefined, undefined)}`);
  };
}
