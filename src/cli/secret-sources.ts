import type { SecretSource } from '../core/run';
import { vaultSecretSource } from '../core/vault/secret-source';
import type { CliIO } from './io';
import { openCliLocalVault } from './local-vault';

/**
 * The vaults the CLI resolves from. Each opens on first use. A reference to a vault not listed
 * here fails with a message that names the key, never silently.
 */
export function secretSourcesFor(io: CliIO): SecretSource[] {
  return [vaultSecretSource('local', 'local vault', () => openCliLocalVault(io))];
}
