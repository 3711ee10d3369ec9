import fc from 'fast-check';

/**
 * Env files built from fragments that matter to the grammar: keys, separators, every quote kind,
 * escapes, comments, all line-ending kinds, Unicode whitespace and line separators.
 */
const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('A', 'KEY', 'b.c', 'd-e', '_F', 'export', 'export ', '9') },
  { weight: 5, arbitrary: fc.constantFrom('=', '=', ' = ', ':', ': ', ' :') },
  { weight: 5, arbitrary: fc.constantFrom("'", '"', '`', "\\'", '\\"', '\\`', '\\') },
  { weight: 4, arbitrary: fc.constantFrom('\n', '\n', '\r\n', '\r', '\u2028', '\u2029') },
  { weight: 4, arbitrary: fc.constantFrom(' ', '\t', '  ', '\u00a0', '\ufeff', '\v') },
  { weight: 3, arbitrary: fc.constantFrom('#', ' #', '# c', 'n', 'r', '\\n', '\\r', 'x y') },
  { weight: 3, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom('🔑', 'é', '日', '$', '${X}', '@', '/') },
);

export const envFileArbitrary = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

/** Short pieces of env text: what one edit in an editor inserts. */
export const envFragmentArbitrary = fc.array(fragment, { maxLength: 4 }).map((parts) => parts.join(''));

/** Values a user (or a migration) might write: anything, biased toward characters that need quoting. */
export const valueArbitrary = fc
  .array(
    fc.oneof(
      fc.constantFrom("'", '"', '`', '\\', '#', ' ', '\n', '\r', '\t', '\\n', '\\r', '=', '\u2028', '$'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Fragments where python-dotenv and docker compose part ways with dotenv (keys, whitespace, escapes, comments). */
const dialectFragment = fc.oneof(
  { weight: 5, arbitrary: fragment },
  { weight: 2, arbitrary: fc.constantFrom("'K'", "'a b'", "''", '$X', 'k:', 'K[0]', '日', 'x"') },
  { weight: 2, arbitrary: fc.constantFrom('\u001c', '\u0085', '\u3000', '\u000c', '\u2028', ' #', '\t#', '# ', '#') },
  { weight: 2, arbitrary: fc.constantFrom('\\a', '\\t', '\\\\', "\\'", '\\"', '\\$', '\\0123', '$$', '${A}', '${A:-b}', '${') },
);

export const pythonEnvFileArbitrary = fc.array(dialectFragment, { maxLength: 40 }).map((parts) => parts.join(''));
