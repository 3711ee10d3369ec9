import type { VaultKind, VaultSpec } from '../kind';
import { VaultError } from '../types';
import { describeVaultReference, hashiCorpVaultSyntaxes, type HashiCorpVaultReference } from './reference';

/**
 * HashiCorp Vault (and OpenBao) in the registry. As a destination it is named `hashicorp` (the mount
 * EnvGuard writes under: `secret`) or `hashicorp:MOUNT`; the address and the token are never part of
 * the name: they come from the user's own configuration (VAULT_ADDR, the user setting), so a
 * workspace that names this vault can only send values to the Vault the user already uses.
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

function parseHashiCorpSpec(text: string): VaultSpec | undefined {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower !== 'hashicorp' && !lower.startsWith('hashicorp:')) return undefined;
  const mount = lower === 'hashicorp' ? DEFAULT_HASHICORP_MOUNT : trimSlashes(trimmed.slice('hashicorp:'.length));
  if (!MOUNT.test(mount)) throw new VaultError('invalid-name', `'${trimmed}' does not name a KV mount: use hashicorp or hashicorp:MOUNT (letters, digits, _ . - and up to three /)`);
  // The user's own Vault: confirmed by configuring its address, so it needs no confirmation here.
  return { kind: 'hashicorp-vault', location: mount, description: `HashiCorp Vault (mount ${mount})`, key: `hashicorp:${mount}`, remote: false };
}

/** `/secret/` → `secret`, without a regex (`/\/+$/` backtracks on a long run of slashes). */
function trimSlashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '/') start++;
  while (end > start && text[end - 1] === '/') end--;
  return text.slice(start, end);
}
