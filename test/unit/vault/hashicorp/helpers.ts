/**
 * The HashiCorp Vault provider against the faithful test server (test/servers/vault), found the
 * standard way: VAULT_ADDR, VAULT_CACERT, VAULT_TOKEN (or VAULT_ROLE_ID/VAULT_SECRET_ID), given as the
 * `env` option so that the test process's own environment is never read, and a home folder of the
 * test's own (no ~/.vault-token of the machine's user).
 */
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testCertificates } from '../../../servers/keyvault/certs';
import type { VaultTestServer } from '../../../servers/vault/server';
import { HashiCorpVault, HashiCorpVaultSource, type HashiCorpSourceOptions, type HashiCorpVaultOptions } from '../../../../src/core/vault/hashicorp';

export { useVaultServer } from '../../servers/support/vault';

export function vaultEnv(server: VaultTestServer, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { VAULT_ADDR: server.address, VAULT_CACERT: testCertificates().caFile, VAULT_TOKEN: server.rootToken, ...extra };
}

/** A home folder without a ~/.vault-token. */
export function emptyHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'envguard-vault-home-'));
}

/** Small backoff: the server's faults are answered at once, and the tests wait for no clock. */
const FAST = { retryDelayMs: 5 } as const;

export async function openVault(server: VaultTestServer, options: HashiCorpVaultOptions = {}): Promise<HashiCorpVault> {
  return new HashiCorpVault({ env: vaultEnv(server), homeDir: emptyHome(), ...FAST, ...options }).open();
}

export function vaultSource(server: VaultTestServer, options: HashiCorpSourceOptions = {}): HashiCorpVaultSource {
  return new HashiCorpVaultSource({ env: vaultEnv(server), homeDir: emptyHome(), ...FAST, ...options });
}
