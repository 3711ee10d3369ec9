export { openLocalVault, LocalVault, LOCAL_MAX_VALUE_BYTES, LOCAL_RETENTION_DAYS, type DeletedSecretInfo, type OpenLocalVaultOptions } from './local-vault';
export { isKeyStoreMode, parseKeyStoreMode } from './key-store-types';
export { resolveLocalVaultHome, ENVGUARD_HOME_VARIABLE } from './home';
export { localNameRules } from './names';
export type { KeyStoreMode } from './key-store-types';
export { KEYCHAIN_SERVICE, KEYCHAIN_LOCATION, readLegacyKeychainKey, type KeychainEntry, type OpenKeychainEntry } from './keychain';
export { changePassphrase, checkNewPassphrase, initPassphraseVault, inspectVaultHome, protectVaultKey, readKeyFile, removeKeyFile, type VaultHomeState } from './setup';
export { MIN_PASSPHRASE_LENGTH, WRAPPED_KEY_FILE_NAME } from './wrapped-key';
