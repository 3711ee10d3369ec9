import { VAULT_KINDS } from './kinds';
import type { SpecContext, VaultKind, VaultSpec } from './kind';
import { VaultError } from './types';

export type { SpecContext, VaultSpec } from './kind';

const NAMED = (VAULT_KINDS as readonly VaultKind<{ readonly kind: string }>[]).filter((k) => k.spec !== undefined);

/** Every form a vault can be named in, from the registry: `local | azure:NAME | https://NAME.vault.azure.net | …`. */
export const VAULT_SPEC_HELP = NAMED.map((k) => k.spec!.help).join(' | ');

/**
 * Parses a vault as written (`--vault`, ENVGUARD_VAULT, a setting, `.envguard.json`), by the first kind
 * whose form it is. Each kind refuses, here, a location it would not send credentials to.
 * `allowedHosts` gives the hosts the user allowed, by kind (Azure's private endpoints…).
 */
export function parseVaultSpec(text: string, allowedHosts: Readonly<Record<string, readonly string[]>> = {}): VaultSpec {
  const context: SpecContext = { allowedHosts: (kind) => allowedHosts[kind] ?? [] };
  for (const kind of NAMED) {
    const spec = kind.spec!.parse(text, context);
    if (spec) return spec;
  }
  throw new VaultError('invalid-name', `unknown vault '${text.trim()}': use ${VAULT_SPEC_HELP}`);
}
