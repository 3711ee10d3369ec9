/**
 * The .gitignore block: adds only the env patterns that the user's own rules do not already cover,
 * so that a well-kept .gitignore gets no block at all.
 */
import { GitignoreMatcher } from './gitignore-matcher';
import { withoutManagedBlock } from './managed-block';
import { ENV_FILE_PATTERNS, ENV_TEMPLATE_PATTERNS } from './patterns';

/** Paths that stand for what each env pattern is meant to catch, at the root and in a subfolder. */
const PROBES: Readonly<Record<string, readonly string[]>> = {
  '.env': ['.env', 'app/.env'],
  '.env.*': ['.env.local', '.env.production', 'app/.env.local', '.env.keys'],
  '*.env': ['prod.env', 'app/prod.env'],
};

/** Template names standing for ENV_TEMPLATE_PATTERNS (a pattern is not a path). */
const TEMPLATE_PROBES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  ENV_TEMPLATE_PATTERNS.map((pattern) => {
    const name = pattern.replace('*', 'local');
    return [pattern, [name, `app/${name}`]];
  }),
);

/**
 * The block body for a .gitignore whose current text is `text`, or undefined when the user's rules
 * already ignore every env file (no block needed). Only the text outside the managed block counts,
 * so that the answer does not change once the block is written.
 */
export function gitignoreLines(text: string | undefined): string[] | undefined {
  const userRules = new GitignoreMatcher(withoutManagedBlock(text ?? '') ?? '');
  const missing = ENV_FILE_PATTERNS.filter((pattern) => (PROBES[pattern] ?? [pattern]).some((path) => !userRules.ignores(path)));
  if (missing.length === 0) return undefined;
  // Re-include only the templates that the user's rules leave tracked and that ours would hide.
  const added = new GitignoreMatcher(missing.join('\n'));
  const keep = ENV_TEMPLATE_PATTERNS.filter((pattern) =>
    (TEMPLATE_PROBES[pattern] ?? []).some((path) => !userRules.ignores(path) && added.ignores(path)),
  );
  return [
    '# Env files hold secrets: keep them out of git. Env templates stay tracked.',
    '# Rules after this block take precedence over it.',
    ...missing,
    ...keep.map((pattern) => `!${pattern}`),
  ];
}
