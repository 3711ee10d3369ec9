/**
 * User-defined patterns (`customPatterns` of the settings or `.envguard.json`), compiled once per
 * settings object. They run on RE2JS, a pure-JavaScript port of RE2: matching takes time linear in
 * the value whatever the pattern (`^(a+)+$` included), so a pattern from a workspace cannot stall a
 * check. What RE2 cannot run in linear time (backreferences, lookaround) is refused when the
 * configuration is loaded, naming the pattern and the construct.
 */
import type { RE2JS } from 're2js';
import { isPlaceholder } from './placeholders';
import { loadRe2 } from './re2-load';
import type { CustomPattern, SecretMatch } from './types';

/** A custom pattern that cannot be used; the message names the pattern, never a value. */
export class InvalidCustomPatternError extends Error {
  constructor(
    readonly patternId: string,
    readonly reason: string,
  ) {
    super(`custom pattern "${patternId}" cannot be used: ${reason}`);
    this.name = 'InvalidCustomPatternError';
  }
}

/** A compiled regular expression: `test` finds a match anywhere in the text, in linear time. */
interface LinearPattern {
  test(text: string): boolean;
}

export interface CompiledCustomPattern {
  readonly match: SecretMatch;
  readonly value?: LinearPattern;
  readonly key?: LinearPattern;
}

/**
 * RE2's cost is the text's length times the size of the compiled program (its NFA fallback
 * walks every instruction per character): the program size is capped so that a value of the
 * longest length checked (64 KB) costs a bounded, small time.
 */
export const MAX_PROGRAM_SIZE = 500;

const cache = new WeakMap<readonly CustomPattern[], readonly CompiledCustomPattern[]>();

/** Compiles every pattern; throws InvalidCustomPatternError for the first that cannot be used. */
export function compileCustomPatterns(patterns: readonly CustomPattern[] | undefined): readonly CompiledCustomPattern[] {
  if (!patterns || patterns.length === 0) return [];
  const cached = cache.get(patterns);
  if (cached) return cached;
  const compiled = patterns.map(compilePattern);
  cache.set(patterns, compiled);
  return compiled;
}

/**
 * Sorts patterns into those that can be used and the reasons the others cannot (what adapters
 * call when they load a configuration, so that detection never meets an unusable pattern).
 */
export function checkCustomPatterns(patterns: readonly CustomPattern[] | undefined): { usable: CustomPattern[]; problems: InvalidCustomPatternError[] } {
  const usable: CustomPattern[] = [];
  const problems: InvalidCustomPatternError[] = [];
  for (const pattern of patterns ?? []) {
    try {
      compilePattern(pattern);
      usable.push(pattern);
    } catch (error) {
      if (!(error instanceof InvalidCustomPatternError)) throw error;
      problems.push(error);
    }
  }
  return { usable, problems };
}

function compilePattern(pattern: CustomPattern): CompiledCustomPattern {
  const id = typeof pattern.id === 'string' && pattern.id.trim() !== '' ? pattern.id.trim() : '';
  if (!id) throw new InvalidCustomPatternError('(missing id)', 'every pattern needs a non-empty "id"');
  if (pattern.value === undefined && pattern.key === undefined) {
    throw new InvalidCustomPatternError(id, 'give a "value" regular expression, a "key" regular expression, or both');
  }
  const value = pattern.value === undefined ? undefined : compileRegex(id, 'value', pattern.value, false);
  const key = pattern.key === undefined ? undefined : compileRegex(id, 'key', pattern.key, true);
  const description = typeof pattern.description === 'string' && pattern.description.trim() !== '' ? pattern.description.trim() : `match for custom pattern ${id}`;
  return {
    match: { rule: `custom:${id}`, description, source: 'custom' },
    ...(value ? { value } : {}),
    ...(key ? { key } : {}),
  };
}

function compileRegex(id: string, field: 'value' | 'key', source: unknown, ignoreCase: boolean): LinearPattern {
  if (typeof source !== 'string' || source === '') throw new InvalidCustomPatternError(id, `"${field}" must be a non-empty regular expression`);
  // Written as JavaScript regular expressions (what the setting always took): check that first.
  try {
    new RegExp(source, ignoreCase ? 'i' : '');
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    throw new InvalidCustomPatternError(id, `"${field}" is not a valid regular expression (${reason})`);
  }
  const unsupported = unsupportedConstruct(source);
  if (unsupported) throw new InvalidCustomPatternError(id, `"${field}" uses ${unsupported}, which cannot be matched in linear time; EnvGuard runs patterns on a linear-time engine (RE2)`);
  const { RE2JS: Re2 } = loadRe2();
  let compiled: RE2JS;
  try {
    compiled = Re2.compile(Re2.translateRegExp(source), ignoreCase ? Re2.CASE_INSENSITIVE : 0);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    throw new InvalidCustomPatternError(id, `"${field}" cannot run on the linear-time engine (RE2: ${reason})`);
  }
  if (compiled.programSize() > MAX_PROGRAM_SIZE) {
    throw new InvalidCustomPatternError(id, `"${field}" is too large (${compiled.programSize()} instructions once compiled, at most ${MAX_PROGRAM_SIZE}): use smaller repetition counts`);
  }
  return compiled;
}

/**
 * The first construct of a JavaScript regular expression that RE2 refuses, named for people:
 * backreferences and lookaround need backtracking. Escapes and character classes are skipped, so
 * `\(?=` or `[(?=]` are not mistaken for one.
 */
function unsupportedConstruct(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a backreference (\\${next})`;
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'a named backreference (\\k<name>)';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && source[i + 1] === '?') {
      const kind = source.slice(i + 2, i + 4);
      if (kind.startsWith('=') || kind.startsWith('!')) return `a lookahead ((?${kind[0]}…))`;
      if (kind === '<=' || kind === '<!') return `a lookbehind ((?${kind}…))`;
    }
  }
  return undefined;
}

/** The first custom pattern matching this key and value; both parts must match when both are given. */
export function matchCustomPatterns(patterns: readonly CompiledCustomPattern[], key: string, value: string): SecretMatch | undefined {
  if (patterns.length === 0 || isPlaceholder(value)) return undefined;
  for (const pattern of patterns) {
    if (pattern.key && !pattern.key.test(key)) continue;
    if (pattern.value && !pattern.value.test(value)) continue;
    return pattern.match;
  }
  return undefined;
}
