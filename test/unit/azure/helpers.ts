import type { TokenCredential } from '@azure/core-auth';
import { AzureKeyVault, type AzureKeyVaultOptions } from '../../../src/core/vault/azure';
import { testClientOptions, testCredential } from '../../servers/keyvault/client-options';
import { KeyVaultTestServer } from '../../servers/keyvault/server';

/** One server for the whole file (started in before, reset between tests). */
export function useKeyVaultServer(): { readonly server: KeyVaultTestServer } {
  const holder = {} as { server: KeyVaultTestServer };
  before(async () => { holder.server = await KeyVaultTestServer.start(); });
  afterEach(() => holder.server.reset());
  after(async () => { await holder.server.close(); });
  return holder;
}

export function openTestKeyVault(server: KeyVaultTestServer, name = 'envguard-test', options: Partial<AzureKeyVaultOptions> = {}): AzureKeyVault {
  return new AzureKeyVault({ vault: server.vaultUrl(name), credential: testCredential(server), clientOptions: testClientOptions(), ...options });
}

/** A credential that counts how often it is asked (a refused host must never ask). */
export function countingCredential(inner: TokenCredential): TokenCredential & { calls: number } {
  const counter = {
    calls: 0,
    getToken(scopes: string | string[], options?: Parameters<TokenCredential['getToken']>[1]) {
      counter.calls++;
      return inner.getToken(scopes, options);
    },
  };
  return counter;
}
