import type { SecretMatch } from './types';

/** A random-looking token under a key that names nothing: recognised by its character statistics alone. */
export const GENERIC_TOKEN_RULE = 'high-entropy-value';

export const HIGH_ENTROPY_MATCH: SecretMatch = { rule: GENERIC_TOKEN_RULE, description: 'random-looking token (likely a secret)', source: 'generic' };
