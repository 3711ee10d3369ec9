export { openLocalVault, LocalVault, LOCAL_MAX_VALUE_BYTES, type OpenLocalVaultOptions } from './local-vault';
export { isKeyStoreMode } from './key-store-types';
export { resolveLocalVaultHome, ENVGUARD_HOME_VARIABLE } from './home';
export { localNameRules } from './names';
export type { KeyStoreMode } from './key-store-types';
export { KEYCHAIN_SERVICE, KEYCHAIN_LOCATION, type KeychainEntry, type OpenKeychainEntry } from './keychain';
