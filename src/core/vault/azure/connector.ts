import type { TokenCredential } from '@azure/core-auth';
import { settingOf, type VaultConnector, type VaultHost } from '../connector';
import { VaultError } from '../types';
import { loadAzure, lazyAzureSecretSource, type AzureModule } from './load';

/** Azure Key Vault: the vault a project names; sign-in through the editor's Microsoft account or the SDK's standard chain. */
export const azureConnector: VaultConnector = {
  kind: 'azure-keyvault',
  section: 'azure',
  settings: [
    { name: 'vault', type: 'string', default: '', cli: false },
    // The tenant the vault is in: a hint for signing in, not a destination (tokens only go to Key Vault's hosts).
    { name: 'tenant', type: 'string', default: '', cli: 'AZURE_TENANT_ID' },
    { name: 'credential', type: 'string', values: ['vscode', 'standard'], default: 'vscode', userOnly: true, cli: false },
    { name: 'allowedHosts', type: 'string-list', default: [], userOnly: true },
    { name: 'referenceStyle', type: 'string', values: ['app-service', 'vals'], default: 'app-service' },
    { name: 'pinVersions', type: 'boolean', default: false },
    { name: 'cacheSeconds', type: 'number', default: 60 },
  ],
  defaultSpec(location) {
    if (location === '') throw new VaultError('not-found', 'no Azure Key Vault is chosen: run "EnvGuard: Choose Vault…" or set envguard.azure.vault');
    return location.includes('://') ? location : `azure:${location}`;
  },
  choice: {
    icon: 'azure',
    pitch: 'identity-based access, audit, versions',
    detail: ({ settings }) => (settingOf(azureConnector, settings, 'credential') === 'standard' ? 'Shared by the team; signs in with the Azure SDK\'s standard chain (Azure CLI, environment, managed identity).' : 'Shared by the team; signs in with your Microsoft account.'),
    locationSetting: 'vault',
    prompt: 'The vault\'s name or URL',
    placeHolder: 'myvault or https://myvault.vault.azure.net',
  },
  async open(spec, host, write = {}) {
    const m = await loadAzure();
    const referenceStyle = write.referenceStyle ?? settingOf<string>(azureConnector, host.settings, 'referenceStyle');
    try {
      const vault = new m.AzureKeyVault({
        vault: spec.location,
        credential: credentialOf(m, host),
        allowedHosts: settingOf<readonly string[]>(azureConnector, host.settings, 'allowedHosts'),
        referenceStyle: referenceStyle === 'vals' ? 'vals' : 'app-service',
        pinVersions: write.pinVersions ?? settingOf<boolean>(azureConnector, host.settings, 'pinVersions'),
      });
      host.log?.(`Using ${vault.displayName} (${vault.vaultUrl}); sign-in: ${usesEditorSignIn(host) ? 'VS Code\'s Microsoft account' : 'the Azure SDK\'s standard chain'}`);
      return vault;
    } catch (error) {
      if (error instanceof m.VaultUrlError) throw new VaultError('invalid-name', error.message);
      throw error;
    }
  },
  // Settings are read when the first Azure reference resolves (a CLI variable of the wrong shape stops only that).
  source(host, why) {
    return lazyAzureSecretSource((m) => {
      const tenant = tenantOf(host);
      return {
        credential: () => credentialOf(m, host),
        allowedHosts: settingOf<readonly string[]>(azureConnector, host.settings, 'allowedHosts'),
        cacheTtlMs: settingOf<number>(azureConnector, host.settings, 'cacheSeconds') * 1000,
        confirmVault: (vaultUrl) => host.confirmVault(vaultUrl, why),
        ...(tenant ? { tenantId: tenant } : {}),
      };
    });
  },
};

function tenantOf(host: VaultHost): string | undefined {
  return settingOf<string>(azureConnector, host.settings, 'tenant').trim() || undefined;
}

function usesEditorSignIn(host: VaultHost): boolean {
  return host.microsoftCredential !== undefined && settingOf(azureConnector, host.settings, 'credential') !== 'standard';
}

function credentialOf(m: AzureModule, host: VaultHost): TokenCredential {
  return usesEditorSignIn(host) ? host.microsoftCredential!(tenantOf(host)) : m.standardCredential(host.env, tenantOf(host));
}
