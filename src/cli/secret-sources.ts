import type { ProjectRegistry } from '../core/project';
import type { SecretSource } from '../core/resolve';
import { REMOTE_CONNECTORS } from '../core/vault/connectors';
import type { CliIO } from './io';
import { cliVaultHost } from './vault-settings';

/**
 * The vaults besides the local one the CLI resolves from (local values come with the release gate's
 * answer: cli/local-vault.ts), one per connector of the registry. Each opens on first use (an SDK
 * loads only for a file that holds its reference); a remote vault a reference names gets a token only
 * once the user confirmed it, and a value only after the gate approved. A reference to a vault not
 * listed here fails with a message that names the key, never silently.
 */
export function secretSourcesFor(io: CliIO, registry: () => Promise<ProjectRegistry>): SecretSource[] {
  return REMOTE_CONNECTORS.map((connector) => connector.source(cliVaultHost(connector, io, registry), 'a reference names it'));
}
