import { VaultError, type VaultNameRules } from '../types';

const VALID = /^[0-9a-zA-Z-]{1,127}$/;

/**
 * Key Vault secret names are 1 to 127 letters, digits and dashes, compared without case. An env key
 * maps by turning every other character into a dash (`DB_PASSWORD` → `DB-PASSWORD`); keys that
 * map to the same name are reported by the migration plan as a collision when their values differ.
 */
export const azureNameRules: VaultNameRules = {
  description: '1 to 127 letters, digits and dashes (case-insensitive)',
  isValid: (name) => VALID.test(name),
  toSecretName(key, prefix = '') {
    const name = `${prefix}${key}`.replace(/[^0-9a-zA-Z-]/g, '-');
    if (!VALID.test(name)) {
      throw new VaultError('invalid-name', `${prefix}${key} cannot be a Key Vault secret name (${name.length > 127 ? 'longer than 127 characters' : 'no usable characters'})`);
    }
    return name;
  },
  same: (a, b) => a.toLowerCase() === b.toLowerCase(),
};
