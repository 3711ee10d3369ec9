/**
 * Child process for key-store.test.ts: asks the real keychain library for an older EnvGuard's key
 * (the parent makes D-Bus unreachable in this process's environment before anything loads, or runs
 * it inside a private D-Bus session with a real gnome-keyring). Prints JSON: the key found (base64),
 * whether the native library loaded, and the error if any.
 * Usage: node --require tsx/cjs real-keychain-child.ts HOME (read|store KEY_BASE64|protect PASSPHRASE)
 */
import { readLegacyKeychainKey, VaultError } from '../../../src/core/vault';
import { KEYCHAIN_SERVICE, keychainAccountFor } from '../../../src/core/vault/local/keychain';
import { protectVaultKey } from '../../../src/core/vault/local/setup';
import { createRequire } from 'node:module';

async function main(): Promise<void> {
  const [home, operation, argument] = process.argv.slice(2);
  if (!home || !operation) throw new Error('usage: HOME (read|store KEY|protect PASSPHRASE)');
  let key: string | undefined;
  let error: { code: string; message: string } | undefined;
  try {
    if (operation === 'store') {
      // What an older EnvGuard did: the raw key in the keychain, where any program of the user could ask for it.
      const keyring = createRequire(__filename)('@napi-rs/keyring') as typeof import('@napi-rs/keyring');
      await new keyring.AsyncEntry(KEYCHAIN_SERVICE, keychainAccountFor(home), { linux: { store: 'secret-service' } }).setPassword(argument!);
    } else {
      const found = await readLegacyKeychainKey(home);
      key = found?.key.toString('base64');
      if (operation === 'protect' && found) await protectVaultKey(home, found.key, argument!, found.forget);
    }
  } catch (caught) {
    if (!(caught instanceof VaultError)) throw caught;
    error = { code: caught.code, message: caught.message };
  }
  const nativeLoaded = Object.keys(require.cache).some((file) => /napi-rs[\\/]keyring/.test(file));
  process.stdout.write(JSON.stringify({ key, error, nativeLoaded }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
