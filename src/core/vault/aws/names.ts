import { createHash } from 'node:crypto';
import { VaultError, type VaultNameRules } from '../types';
import { SECRET_NAME } from './reference';

/**
 * Where each key goes. `json-per-environment`: one secret per project and environment holding a JSON
 * object of its keys (a name is `DOCUMENT#KEY`); `secret-per-key`: one secret per key.
 */
export type AwsLayout = 'json-per-environment' | 'secret-per-key';

const MAX = 512;
/** A key inside a JSON document: a field name that a `#/KEY` reference can address. */
const FIELD = /^[A-Za-z0-9_+=.@-]{1,256}$/;
/**
 * AWS advises against names ending in a hyphen and six characters: a partial ARN (the name without
 * the six random characters AWS appends) would then be ambiguous, and lookups by it can go wrong.
 */
const ARN_SUFFIX_LIKE = /-[A-Za-z0-9]{6}$/;

export function isValidSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !ARN_SUFFIX_LIKE.test(name);
}

/** `DOCUMENT#KEY` → its parts; a name without `#` is a whole secret. */
export function splitFieldName(name: string): { readonly secret: string; readonly field?: string } {
  const hash = name.indexOf('#');
  return hash < 0 ? { secret: name } : { secret: name.slice(0, hash), field: name.slice(hash + 1) };
}

function segment(text: string): string {
  return text.replace(/[^A-Za-z0-9_+=.@-]/g, '-');
}

/** Parts joined by `/`, within AWS's 512 characters (shortened before the end with a hash), never ARN-suffix-like. */
function secretName(parts: readonly string[], prefix: string): string {
  let name = `${prefix.replace(/[^A-Za-z0-9/_+=.@-]/g, '-')}${parts.join('/')}`;
  if (name.length > MAX) {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
    const tail = (parts.at(-1) ?? '').slice(-(MAX - 20));
    name = `${name.slice(0, MAX - tail.length - hash.length - 2)}/${hash}/${tail}`;
  }
  // `…-ABCDEF` becomes `…_ABCDEF`: still readable, and no longer mistaken for an ARN's suffix.
  if (ARN_SUFFIX_LIKE.test(name)) name = `${name.slice(0, -7)}_${name.slice(-6)}`;
  return name;
}

/**
 * AWS's names: 1 to 512 of letters, digits and `/_+=.@-`, case-sensitive. Names are paths
 * (`shop/production/DB_PASSWORD`), as AWS's own examples write them; under the JSON layout the
 * last part is the field (`shop/production#DB_PASSWORD`).
 */
export function awsNameRules(layout: AwsLayout): VaultNameRules {
  const json = layout === 'json-per-environment';
  return {
    description: json
      ? 'SECRET#KEY: SECRET 1 to 512 letters, digits and /_+=.@- (not ending in a hyphen and six characters), KEY letters, digits and _+=.@-'
      : '1 to 512 letters, digits and /_+=.@- (not ending in a hyphen and six characters)',
    isValid(name) {
      const { secret, field } = splitFieldName(name);
      if (!isValidSecretName(secret)) return false;
      return json ? field !== undefined && FIELD.test(field) : field === undefined;
    },
    compose(segments, prefix = '') {
      const parts = segments.map(segment).filter((s) => s.replace(/-/g, '') !== '');
      if (parts.length === 0) throw new VaultError('invalid-name', `${segments.join('/')} cannot be an AWS secret name (it has no letters or digits)`);
      if (!json) return secretName(parts, prefix);
      const field = parts.at(-1)!.slice(0, 256);
      const document = parts.length > 1 ? secretName(parts.slice(0, -1), prefix) : secretName(['envguard'], prefix);
      return `${document}#${field}`;
    },
    same: (a, b) => a === b,
  };
}
