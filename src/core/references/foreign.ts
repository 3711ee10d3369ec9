import type { ReferenceSyntax } from './syntax';

/**
 * References of tools EnvGuard recognises but cannot resolve: they are never secrets, and a
 * malformed one is said to be malformed, but `run` says no vault of that kind is available.
 */

/** 1Password's secret reference: `op://vault/item[/section]/field[?attribute=…]`. */
export interface OnePasswordReference {
  readonly kind: 'onepassword';
  readonly vault: string;
  readonly item: string;
  readonly section?: string;
  readonly field: string;
  readonly query?: string;
}

/** Any other helmfile/vals backend (`ref+gcpsecrets://…`, `ref+sops://…`): recognised, not resolvable. */
export interface ValsReference {
  readonly kind: 'vals';
  readonly backend: string;
  readonly path: string;
}

const OP = /^op:\/\/([^/?]+)\/([^/?]+)(?:\/([^/?]+))?(?:\/([^/?]+))?(?:\?(.*))?$/;
const VALS = /^ref\+([a-z0-9]+):\/\/(.+)$/i;

function parseOnePassword(text: string): OnePasswordReference | undefined {
  const op = OP.exec(text);
  if (!op) return undefined;
  const [, vault, item, third, fourth, query] = op;
  if (!vault || !item || !third) return undefined;
  return fourth
    ? { kind: 'onepassword', vault, item, section: third, field: fourth, ...(query ? { query } : {}) }
    : { kind: 'onepassword', vault, item, field: third, ...(query ? { query } : {}) };
}

function parseVals(text: string): ValsReference | undefined {
  const vals = VALS.exec(text);
  return vals ? { kind: 'vals', backend: (vals[1] ?? '').toLowerCase(), path: vals[2] ?? '' } : undefined;
}

export const FOREIGN_SYNTAXES: readonly ReferenceSyntax<OnePasswordReference | ValsReference>[] = [
  { prefixes: ['op://'], name: '1Password', expected: 'op://VAULT/ITEM[/SECTION]/FIELD', parse: parseOnePassword },
  { prefixes: ['ref+'], name: 'vals', expected: 'ref+BACKEND://PATH', parse: parseVals },
];

export function describeForeignReference(ref: OnePasswordReference | ValsReference): string {
  if (ref.kind === 'vals') return `a vals ${ref.backend} reference (${ref.path})`;
  return `1Password vault ${ref.vault}, item ${ref.item}, field ${ref.field}`;
}

export const FOREIGN_TITLES: Record<(OnePasswordReference | ValsReference)['kind'], string> = { onepassword: '1Password', vals: 'vals' };
