import * as vscode from 'vscode';
import type { Services } from '../services';

/** EnvGuard: Lock the Local Vault — the key agent forgets the key and every approval ends (as `envguard lock`). */
export function lockVault(services: Services) {
  return async (): Promise<number> => {
    const revoked = await services.keyAgent.lock();
    services.log.info(revoked === undefined ? 'Lock: the local vault was locked already' : `Locked the local vault; ${revoked} approval(s) ended`);
    void vscode.window.showInformationMessage(revoked === undefined ? 'EnvGuard: the local vault is locked.' : `EnvGuard: locked. The key is forgotten and ${revoked} approval(s) ended.`);
    return revoked ?? 0;
  };
}
