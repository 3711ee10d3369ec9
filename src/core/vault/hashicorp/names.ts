/**
 * A secret's name in HashiCorp Vault is a key inside a path: `PATH#KEY`, PATH relative to the
 * provider's mount. The keys of one environment's file share a path (`envguard/shop/production#DB_URL`,
 * `…#API_KEY`): one read resolves them all, and a team reads the environment with `vault kv get`.
 * Names start with `envguard/` so that EnvGuard's paths stay apart from a shared mount's other paths
 * and one policy (`secret/data/envguard/*`) covers them.
 */
import { VaultError, type VaultNameRules } from '../types';
import { isNameCharacter } from './reference';

/** The folder of the mount EnvGuard's paths go under. */
export const ENVGUARD_ROOT = 'envguard';
const MAX_SEGMENT = 128;

export interface VaultName {
  readonly path: string;
  readonly key: string;
}

/** `PATH#KEY` → its parts; undefined when it is not a valid name. */
export function splitVaultName(name: string): VaultName | undefined {
  const hash = name.indexOf('#');
  if (hash <= 0) return undefined;
  const path = name.slice(0, hash);
  const key = name.slice(hash + 1);
  if (!isSegment(key) || !path.split('/').every(isSegment)) return undefined;
  return { path, key };
}

function isSegment(text: string): boolean {
  if (text.length === 0 || text.length > MAX_SEGMENT || text === '.' || text === '..') return false;
  for (let i = 0; i < text.length; i++) if (!isNameCharacter(text.charCodeAt(i))) return false;
  return true;
}

/** A segment made safe: characters a reference cannot hold become dashes. */
function safe(segment: string): string {
  let out = '';
  for (const c of segment) out += c.length === 1 && isNameCharacter(c.charCodeAt(0)) ? c : '-';
  return out.slice(0, MAX_SEGMENT);
}

export const hashiCorpNameRules: VaultNameRules = {
  description: 'PATH#KEY: path segments and a key of letters, digits and - _ . @ + , ~ (case-sensitive)',
  isValid: (name) => splitVaultName(name) !== undefined,
  compose(segments, prefix = '') {
    const parts = segments.map(safe).filter((s) => s.replace(/[-.]/g, '') !== '');
    const key = parts.at(-1);
    if (key === undefined || parts.length < 2) throw new VaultError('invalid-name', `${segments.join('/')} cannot be a Vault name (it needs a project or environment and a key with letters or digits)`);
    // The prefix goes right before the project, inside EnvGuard's folder (a slash in it makes a folder).
    const name = `${ENVGUARD_ROOT}/${prefix.split('/').map(safe).join('/')}${parts.slice(0, -1).join('/')}#${key}`;
    if (!splitVaultName(name)) throw new VaultError('invalid-name', `${segments.join('/')} cannot be a Vault name`);
    return name;
  },
  same: (a, b) => a === b,
};
