// Azure Key Vault: loaded only on the first Azure vault call (the SDK is about 450 KB).
// Bundled on its own as dist/vault-azure.js; adapters reach it through ./load.ts.
export { AzureKeyVault, AZURE_MAX_VALUE_BYTES, type AzureKeyVaultOptions, type AzureReferenceStyle } from './azure-key-vault';
export { AzureSecretSource, type AzureSourceOptions } from './source';
export { standardCredential } from './credential';
export { toVaultError } from './errors';
export { isAllowedVaultHost, normalizeVaultUrl, vaultNameOf, VaultUrlError, KEY_VAULT_DOMAINS } from './hosts';
export { azureNameRules } from './names';
