import type { VaultNameRules } from '../types';
import { VaultError } from '../types';

/** The characters and length `envguard://local/NAME` accepts (see references/parse.ts). */
const LOCAL_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const LOCAL_NAME_CHARACTERS = /^[A-Za-z0-9_.-]*$/;

/**
 * Local names are env keys as written: dotenv keys are `[\w.-]+`, exactly these characters, so a key
 * maps to itself (or to `prefix + key`). Case-sensitive, like the variables they come from.
 */
export const localNameRules: VaultNameRules = {
  description: '1 to 256 letters, digits, underscores, dots and dashes (case-sensitive)',
  isValid: (name) => LOCAL_NAME.test(name),
  toSecretName(key, prefix = '') {
    if (!LOCAL_NAME_CHARACTERS.test(prefix)) {
      throw new VaultError('invalid-name', `the prefix ${JSON.stringify(prefix)} cannot start a local vault name: names are ${localNameRules.description}`);
    }
    const name = `${prefix}${key}`;
    if (!LOCAL_NAME.test(name)) {
      throw new VaultError('invalid-name', `the key ${key}${prefix ? ` with prefix ${JSON.stringify(prefix)}` : ''} cannot become a local vault name: names are ${localNameRules.description}`);
    }
    return name;
  },
  same: (a, b) => a === b,
};

/** Throws VaultError 'invalid-name' for a name the local vault cannot hold. */
export function assertLocalName(name: string, where: string): void {
  if (!LOCAL_NAME.test(name)) {
    throw new VaultError('invalid-name', `${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)} is not a valid secret name in the ${where}: names are ${localNameRules.description}`);
  }
}
