import { isKeyStoreMode, openLocalVault, type LocalVault } from '../core/vault';
import { CliError, type CliIO } from './io';

/** Opens the local vault as the CLI configures it: ENVGUARD_HOME, ENVGUARD_KEY_STORE, warnings on stderr. */
export async function openCliLocalVault(io: CliIO): Promise<LocalVault> {
  const keyStore = io.env.ENVGUARD_KEY_STORE ?? 'auto';
  if (!isKeyStoreMode(keyStore)) {
    throw new CliError(`ENVGUARD_KEY_STORE must be auto, keychain or file (it is '${keyStore}')`);
  }
  return openLocalVault({
    env: io.env,
    keyStore,
    onWarning: (message) => { io.stderr.write(`envguard: warning: ${message}\n`); },
  });
}
