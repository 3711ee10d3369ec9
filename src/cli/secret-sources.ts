import type { SecretSource } from '../core/run';
import type { CliIO } from './io';

/**
 * The vaults the CLI can resolve from. None yet: the local vault and Azure Key Vault plug in here,
 * so that a reference to them fails now with a message that names the key, not silently.
 */
export function secretSourcesFor(_io: CliIO): SecretSource[] {
  return [];
}
