import type { VaultKind, VaultSpec } from '../kind';
import { VaultError } from '../types';
import { describeVaultReference, hashiCorpVaultSyntaxes, type HashiCorpVaultReference } from './reference';
import { trimSlashes } from '../slashes';

/**
 * HashiCorp Vault (and OpenBao) in the registry. As a destination it is named `hashicorp` (the mount
 * EnvGuard writes under: `secret`) or `hashicorp:MOUNT`; the address and the token are never part of
 * the name: they come from the user's own configuration (VAULT_ADDR, the user setting). An address
 * from the environment is still confirmed once before a token goes there (a workspace can set a
 * terminal's environment): `hashicorp-vault:ADDRESS` names it for `envguard vault confirm`.
 */
export const hashiCorpKind: VaultKind<HashiCorpVaultReference> = {
  kind: 'hashicorp-vault',
  title: 'HashiCorp Vault',
  syntaxes: hashiCorpVaultSyntaxes,
  describe: describeVaultReference,
  spec: { help: 'hashicorp[:MOUNT]', parse: parseHashiCorpSpec },
};

const MOUNT = /^[A-Za-z0-9_.-]{1,64}(?:\/[A-Za-z0-9_.-]{1,64}){0,3}$/;
export const DEFAULT_HASHICORP_MOUNT = 'secret';

/** What a Vault address is confirmed under (ProjectRegistry): `hashicorp-vault:https://vault.example.com:8200`. */
export function hashiCorpVaultKey(origin: string): string {
  return `${CONFIRM_PREFIX}${origin.toLowerCase()}`;
}
const CONFIRM_PREFIX = 'hashicorp-vault:';

/** The confirmation key of the Vault the environment names (VAULT_ADDR), or undefined when it names none or a bad one (opening says why). */
export function hashiCorpAddressKey(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return env.VAULT_ADDR ? hashiCorpVaultKey(new URL(env.VAULT_ADDR.trim()).origin) : undefined;
  } catch {
    return undefined;
  }
}

function parseHashiCorpSpec(text: string): VaultSpec | undefined {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  // `hashicorp-vault:ADDRESS`: an address to confirm (`envguard vault confirm`, ENVGUARD_CONFIRMED_VAULTS), as a refusal names it.
  if (lower.startsWith(CONFIRM_PREFIX)) {
    let origin: string;
    try {
      const url = new URL(trimmed.slice(CONFIRM_PREFIX.length));
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
      origin = url.origin;
    } catch {
      throw new VaultError('invalid-name', `'${trimmed}' does not name a Vault address: use hashicorp-vault:https://HOST[:PORT]`);
    }
    return { kind: 'hashicorp-vault', location: DEFAULT_HASHICORP_MOUNT, description: `HashiCorp Vault ${origin}`, key: hashiCorpVaultKey(origin), remote: true };
  }
  if (lower !== 'hashicorp' && !lower.startsWith('hashicorp:')) return undefined;
  const mount = lower === 'hashicorp' ? DEFAULT_HASHICORP_MOUNT : trimSlashes(trimmed.slice('hashicorp:'.length));
  if (!MOUNT.test(mount)) throw new VaultError('invalid-name', `'${trimmed}' does not name a KV mount: use hashicorp or hashicorp:MOUNT (letters, digits, _ . - and up to three /)`);
  // The user's own Vault: confirmed by configuring its address, so it needs no confirmation here.
  return { kind: 'hashicorp-vault', location: mount, description: `HashiCorp Vault (mount ${mount})`, key: `hashicorp:${mount}`, remote: false };
}
