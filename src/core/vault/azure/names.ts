import { createHash } from 'node:crypto';
import { VaultError, type VaultNameRules } from '../types';

const VALID = /^[0-9a-zA-Z-]{1,127}$/;
const MAX = 127;

/**
 * Key Vault secret names are 1 to 127 letters, digits and dashes, compared without case. A name is
 * composed of its parts joined by dashes, every other character turned into a dash
 * (`shop`, `production`, `DB_PASSWORD` → `shop-production-DB-PASSWORD`). Distinct parts can meet in
 * one name (Key Vault has one namespace and no other separator): the migration plan checks every
 * name against the plan and the vault, and grows it when it is taken. A name over 127 characters
 * keeps its end (the key) and is shortened before it, with a hash of the whole so it stays unique.
 */
export const azureNameRules: VaultNameRules = {
  description: '1 to 127 letters, digits and dashes (case-insensitive)',
  isValid: (name) => VALID.test(name),
  compose(segments, prefix = '') {
    const parts = segments.map((s) => s.replace(/[^0-9a-zA-Z-]/g, '-')).filter((s) => s.replace(/-/g, '') !== '');
    let name = `${prefix.replace(/[^0-9a-zA-Z-]/g, '-')}${parts.join('-')}`;
    if (name.length > MAX) {
      const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
      const tail = (parts.at(-1) ?? '').slice(-(MAX - 20));
      name = `${name.slice(0, MAX - tail.length - hash.length - 2)}-${hash}-${tail}`;
    }
    if (!VALID.test(name)) throw new VaultError('invalid-name', `${segments.join('/')} cannot be a Key Vault secret name (it has no letters or digits)`);
    return name;
  },
  same: (a, b) => a.toLowerCase() === b.toLowerCase(),
};
