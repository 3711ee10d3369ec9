import * as vscode from 'vscode';
import { REGION } from '../../core/vault/aws/reference';
import { loadAzure } from '../../core/vault/azure/load';
import { parseVaultSpec } from '../../core/vault/spec';
import { messageOf } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/** EnvGuard: Choose Vault… — where moved values go (workspace settings `envguard.vault.provider`, `envguard.azure.vault`). */
export function chooseVault(services: Services) {
  return async (): Promise<void> => {
    if (!requireTrust('choose a vault')) return;
    const current = services.settings.vault();
    const azure = services.settings.azure();
    const hashicorp = services.settings.hashicorp();
    const aws = services.settings.aws();
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(lock) Local vault', description: current === 'local' ? 'current' : 'encrypted, versioned, no account needed', detail: 'On this machine, outside the workspace.', id: 'local' as const },
        { label: '$(azure) Azure Key Vault…', description: current === 'azure-keyvault' ? `current: ${azure.vault}` : 'identity-based access, audit, versions', detail: 'Shared by the team; signs in with your Microsoft account.', id: 'azure-keyvault' as const },
        { label: '$(cloud) AWS Secrets Manager…', description: current === 'aws-secrets-manager' ? `current: ${aws.region ?? 'your default region'}` : 'IAM, KMS, CloudTrail, rotation', detail: 'Credentials from the AWS SDK\'s standard chain (profile, SSO, environment).', id: 'aws-secrets-manager' as const },
        { label: '$(server) HashiCorp Vault or OpenBao…', description: current === 'hashicorp-vault' ? `current: mount ${hashicorp.mount}` : 'KV v2 or v1, policies, audit devices', detail: `At ${hashicorp.address ?? process.env.VAULT_ADDR ?? 'VAULT_ADDR (not set)'}; the token from VAULT_TOKEN, ~/.vault-token or AppRole.`, id: 'hashicorp-vault' as const },
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
    if (choice.id === 'aws-secrets-manager') {
      const region = await vscode.window.showInputBox({
        title: 'EnvGuard: AWS Secrets Manager',
        prompt: 'The region moved secrets go to (empty: your default region, from AWS_REGION or your profile)',
        placeHolder: 'eu-west-1',
        value: aws.region ?? '',
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() === '' || REGION.test(text.trim()) ? undefined : 'A region code such as eu-west-1'),
      });
      if (region === undefined) return;
      if (region.trim() !== '') await services.vault.confirmChosen(`aws-secrets-manager:${region.trim()}`); // the user typed it
      await config.update('aws.region', region.trim() || undefined, vscode.ConfigurationTarget.Workspace);
    }
    if (choice.id === 'hashicorp-vault') {
      const mount = await vscode.window.showInputBox({
        title: 'EnvGuard: HashiCorp Vault',
        prompt: 'The KV mount moved secrets go to (each project and environment gets a path under envguard/ there)',
        value: hashicorp.mount,
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
      if (mount === undefined) return;
      await config.update('hashicorp.mount', mount.trim(), vscode.ConfigurationTarget.Workspace);
    }
    await config.update('vault.provider', choice.id, vscode.ConfigurationTarget.Workspace);
    const where = { local: 'local vault', 'azure-keyvault': services.settings.azure().vault, 'aws-secrets-manager': `AWS Secrets Manager (${services.settings.aws().region ?? 'default region'})`, 'hashicorp-vault': `HashiCorp Vault, mount ${services.settings.hashicorp().mount}` }[choice.id];
    services.log.info(`Vault for this workspace: ${where}`);
  };
}
