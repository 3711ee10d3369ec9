/**
 * A value that starts like a vault reference but does not parse is neither a reference nor an
 * ordinary value: it is a mistake of its own (a typo, a bad %-escape, a missing parenthesis), and
 * the one who wrote it needs to hear what is wrong. Messages describe the form, never the value.
 */
import { MAX_REFERENCE_LENGTH, parseReference, syntaxOf } from './parse';

/** Does the value start like a vault reference (`@Microsoft.KeyVault(`, `envguard://`, `ref+`, `op://`…)? */
export function looksLikeReference(value: string): boolean {
  return syntaxOf(value.trim()) !== undefined;
}

/**
 * What is wrong with a value that starts like a vault reference but is not one; undefined for a
 * valid reference and for any value that does not start like one. Never throws, never quotes the value.
 */
export function referenceProblem(value: string): string | undefined {
  const text = value.trim();
  const syntax = syntaxOf(text);
  if (!syntax || parseReference(text)) return undefined;
  const detail = text.length > MAX_REFERENCE_LENGTH ? `it is longer than ${MAX_REFERENCE_LENGTH} characters` : syntax.problem?.(text);
  return `is a malformed ${syntax.name} reference${detail ? ` (${detail})` : ''}: expected ${syntax.expected}`;
}
