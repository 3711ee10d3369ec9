import type { VaultNameRules } from '../types';
import { VaultError } from '../types';

/** One segment of a local name: what a dotenv key is made of (`[\w.-]+`), never `.` or `..`. */
const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const MAX_NAME_LENGTH = 512;
/** A version id, as `envguard://local/NAME/VERSION` wrote it before names had segments. */
const LEGACY_VERSION = /^[0-9a-f]{32}$/;

/**
 * Local names are readable paths: `PROJECT/ENVIRONMENT/[QUALIFIER/…]KEY`, each segment made of the
 * characters of env keys, `/` between them; a name of one segment (how secrets were named before
 * projects) is still valid. Case-sensitive, like the variables they come from. A two-segment name
 * whose second segment is 32 hex digits is refused: `envguard://local/A/<hex>` means version <hex>
 * of A, as it always has.
 */
export const localNameRules: VaultNameRules = {
  description: `segments of letters, digits, underscores, dots and dashes joined by "/", at most ${MAX_NAME_LENGTH} characters (case-sensitive)`,
  isValid: (name) => isLocalName(name),
  compose(segments, prefix = '') {
    // The same refusal for every key: a prefix that no name can start with is said once, not per key.
    if (!/^[A-Za-z0-9_./-]*$/.test(prefix)) throw new VaultError('invalid-name', `the prefix ${JSON.stringify(prefix)} cannot start a local vault name: names are ${localNameRules.description}`);
    const parts = segments.map((s) => {
      const cleaned = s.replace(/[^A-Za-z0-9_.-]+/g, '-');
      return cleaned === '' || /^\.+$/.test(cleaned) ? '_' : cleaned;
    });
    if (prefix !== '') parts[0] = `${prefix}${parts[0] ?? ''}`;
    const name = parts.join('/');
    if (!isLocalName(name)) {
      throw new VaultError('invalid-name', `${JSON.stringify(abbreviate(name))} cannot be a local vault name: names are ${localNameRules.description}${prefix ? ` (check the prefix ${JSON.stringify(prefix)})` : ''}`);
    }
    return name;
  },
  same: (a, b) => a === b,
};

function isLocalName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return false;
  const segments = name.split('/');
  if (!segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')) return false;
  return !(segments.length === 2 && LEGACY_VERSION.test(segments[1]!));
}

function abbreviate(name: string): string {
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

/** Throws VaultError 'invalid-name' for a name the local vault cannot hold. */
export function assertLocalName(name: string, where: string): void {
  if (!isLocalName(name)) {
    throw new VaultError('invalid-name', `${JSON.stringify(abbreviate(name))} is not a valid secret name in the ${where}: names are ${localNameRules.description}`);
  }
}
