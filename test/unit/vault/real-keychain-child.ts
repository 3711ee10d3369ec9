/**
 * Child process for key-store.test.ts: opens a vault with the real keychain library (the parent
 * makes D-Bus unreachable in this process's environment before anything loads) and runs one
 * operation. Prints JSON: where the key is, the warnings, the error, whether the native library loaded.
 * Usage: node --require tsx/cjs real-keychain-child.ts HOME KEY_STORE (set|get) NAME [VALUE]
 */
import { isKeyStoreMode, openLocalVault, VaultError } from '../../../src/core/vault';

async function main(): Promise<void> {
  const [home, keyStore, operation, name, value] = process.argv.slice(2);
  if (!home || !keyStore || !isKeyStoreMode(keyStore) || !name) throw new Error('usage: HOME KEY_STORE (set|get) NAME [VALUE]');
  const warnings: string[] = [];
  let keyLocation: string | undefined;
  let error: { code: string; message: string } | undefined;
  try {
    const vault = await openLocalVault({ home, keyStore, onWarning: (message) => warnings.push(message) });
    keyLocation = vault.keyLocation;
    if (operation === 'set') await vault.set(name, value ?? '');
    else await vault.get(name);
  } catch (caught) {
    if (!(caught instanceof VaultError)) throw caught;
    error = { code: caught.code, message: caught.message };
  }
  const nativeLoaded = Object.keys(require.cache).some((file) => /napi-rs[\\/]keyring/.test(file));
  process.stdout.write(JSON.stringify({ keyLocation, warnings, error, nativeLoaded }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
