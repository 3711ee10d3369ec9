// HashiCorp Vault / OpenBao: loaded only on the first Vault call (through ./load.ts), so activation
// and a file without a Vault reference never parse the HTTP client. reference.ts is apart: the
// registry imports it eagerly.
export { HashiCorpVault, HASHICORP_MAX_VALUE_BYTES, type HashiCorpVaultOptions } from './hashicorp-vault';
export { HashiCorpVaultSource, type HashiCorpSourceOptions } from './source';
export { VaultHttp, vaultOrigin, type VaultHttpOptions } from './http';
export { VaultAuth, type TokenStatus, type VaultAuthOptions } from './auth';
export { KvClient, type KvMount } from './kv';
export { hashiCorpNameRules, splitVaultName, ENVGUARD_ROOT } from './names';
