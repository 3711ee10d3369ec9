/** User-defined patterns (`settings.customPatterns`), compiled once per settings object. */
import { isPlaceholder } from './placeholders';
import type { CustomPattern, SecretMatch } from './types';

/** A custom pattern that cannot be used; the message names the pattern, never a value. */
export class InvalidCustomPatternError extends Error {
  constructor(
    readonly patternId: string,
    reason: string,
  ) {
    super(`Custom secret pattern "${patternId}" is invalid: ${reason}`);
    this.name = 'InvalidCustomPatternError';
  }
}

export interface CompiledCustomPattern {
  readonly match: SecretMatch;
  readonly value?: RegExp;
  readonly key?: RegExp;
}

/** User regexes run on at most this much of a value, bounding the cost of a careless pattern. */
const MAX_TESTED_LENGTH = 8192;

const cache = new WeakMap<readonly CustomPattern[], readonly CompiledCustomPattern[]>();

export function compileCustomPatterns(patterns: readonly CustomPattern[] | undefined): readonly CompiledCustomPattern[] {
  if (!patterns || patterns.length === 0) return [];
  const cached = cache.get(patterns);
  if (cached) return cached;
  const compiled = patterns.map(compilePattern);
  cache.set(patterns, compiled);
  return compiled;
}

function compilePattern(pattern: CustomPattern): CompiledCustomPattern {
  const id = typeof pattern.id === 'string' && pattern.id.trim() !== '' ? pattern.id.trim() : '';
  if (!id) throw new InvalidCustomPatternError('(missing id)', 'every pattern needs a non-empty "id"');
  if (pattern.value === undefined && pattern.key === undefined) {
    throw new InvalidCustomPatternError(id, 'give a "value" regular expression, a "key" regular expression, or both');
  }
  const value = pattern.value === undefined ? undefined : compileRegex(id, 'value', pattern.value, '');
  const key = pattern.key === undefined ? undefined : compileRegex(id, 'key', pattern.key, 'i');
  return {
    match: { rule: `custom:${id}`, description: pattern.description?.trim() || `match for custom pattern ${id}`, source: 'custom' },
    ...(value ? { value } : {}),
    ...(key ? { key } : {}),
  };
}

function compileRegex(id: string, field: 'value' | 'key', source: string, flags: string): RegExp {
  if (typeof source !== 'string' || source === '') throw new InvalidCustomPatternError(id, `"${field}" must be a non-empty regular expression`);
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidCustomPatternError(id, `"${field}" is not a valid regular expression (${reason})`);
  }
}

/** The first custom pattern matching this key and value; both parts must match when both are given. */
export function matchCustomPatterns(patterns: readonly CompiledCustomPattern[], key: string, value: string): SecretMatch | undefined {
  if (patterns.length === 0 || isPlaceholder(value)) return undefined;
  const tested = value.length > MAX_TESTED_LENGTH ? value.slice(0, MAX_TESTED_LENGTH) : value;
  for (const pattern of patterns) {
    if (pattern.key && !pattern.key.test(key)) continue;
    if (pattern.value && !pattern.value.test(tested)) continue;
    return pattern.match;
  }
  return undefined;
}
