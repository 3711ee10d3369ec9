import { VAULT_KINDS } from '../vault/kinds';
import { FOREIGN_SYNTAXES } from './foreign';
import type { ReferenceSyntax } from './syntax';
import type { VaultReference } from './types';

export const MAX_REFERENCE_LENGTH = 4096;

interface Prefixed {
  readonly prefix: string;
  readonly syntax: ReferenceSyntax<VaultReference>;
}

/** Every prefix of every syntax, the longest first: `ref+azurekeyvault://` is Key Vault's before `ref+` is vals'. */
const PREFIXED: readonly Prefixed[] = [...VAULT_KINDS.flatMap((kind) => kind.syntaxes as readonly ReferenceSyntax<VaultReference>[]), ...FOREIGN_SYNTAXES]
  .flatMap((syntax) => syntax.prefixes.map((prefix) => ({ prefix, syntax })))
  .sort((a, b) => b.prefix.length - a.prefix.length);
const LONGEST_PREFIX = Math.max(...PREFIXED.map((p) => p.prefix.length));
/** The prefixes as one anchored test: every value of a file goes through it, so it must cost next to nothing. */
export const REFERENCE_START = new RegExp(`^(?:${[...new Set(PREFIXED.map((p) => p.prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))].join('|')})`, 'i');

/** The syntax a (trimmed) value is written in, by its prefix; undefined when it starts like no reference. */
export function syntaxOf(text: string): ReferenceSyntax<VaultReference> | undefined {
  if (!REFERENCE_START.test(text)) return undefined;
  const start = text.slice(0, LONGEST_PREFIX).toLowerCase();
  const syntax = PREFIXED.find((p) => start.startsWith(p.prefix))?.syntax;
  return syntax && (!syntax.claims || syntax.claims(text)) ? syntax : undefined;
}

/** Recognises a vault reference in a value as dotenv reads it; undefined for anything else. Never throws. */
export function parseReference(value: string): VaultReference | undefined {
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_REFERENCE_LENGTH) return undefined;
  return syntaxOf(text)?.parse(text);
}

export function isReference(value: string): boolean {
  return parseReference(value) !== undefined;
}
