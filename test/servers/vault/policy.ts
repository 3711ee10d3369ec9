/**
 * Vault's ACL policies: rules of a path pattern and capabilities. A pattern may end in `*` (any
 * rest) and have `+` segments (any one segment). The token's policies are merged (capabilities of
 * the same pattern joined; `deny` wins), then the one most specific pattern matching a request's
 * path decides, by the documented priority: a wildcard later in the pattern, no trailing `*`, fewer
 * `+` segments, a longer pattern, a lexically greater pattern. The `root` policy allows everything.
 */
export type Capability = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'sudo' | 'deny';

export interface PolicyRule {
  readonly path: string;
  readonly capabilities: readonly Capability[];
}

/** A subset of Vault's built-in `default` policy: what every token needs to know and renew itself. */
export const DEFAULT_POLICY: readonly PolicyRule[] = [
  { path: 'auth/token/lookup-self', capabilities: ['read'] },
  { path: 'auth/token/renew-self', capabilities: ['update'] },
  { path: 'auth/token/revoke-self', capabilities: ['update'] },
  { path: 'sys/capabilities-self', capabilities: ['update'] },
  { path: 'cubbyhole/*', capabilities: ['create', 'read', 'update', 'delete', 'list'] },
];

interface MergedRule {
  readonly pattern: string;
  readonly matcher: RegExp;
  readonly capabilities: ReadonlySet<Capability>;
}

export class Acl {
  private readonly rules: MergedRule[];

  constructor(policies: readonly (readonly PolicyRule[])[], readonly root = false) {
    const merged = new Map<string, Set<Capability>>();
    for (const rule of policies.flat()) {
      const caps = merged.get(rule.path) ?? new Set<Capability>();
      for (const cap of rule.capabilities) caps.add(cap);
      merged.set(rule.path, caps);
    }
    this.rules = [...merged].map(([pattern, caps]) => ({ pattern, matcher: matcherOf(pattern), capabilities: caps.has('deny') ? new Set<Capability>(['deny']) : caps }));
  }

  allows(path: string, capability: Capability): boolean {
    if (this.root) return true;
    const best = this.rules.filter((r) => r.matcher.test(path)).sort((a, b) => priority(b.pattern, a.pattern))[0];
    return best !== undefined && !best.capabilities.has('deny') && best.capabilities.has(capability);
  }

  /** Whether any rule grants something inside the mount (what sys/internal/ui/mounts requires). */
  hasMountAccess(mountPath: string): boolean {
    if (this.root) return true;
    return this.rules.some((r) => {
      if (r.capabilities.has('deny') || r.capabilities.size === 0) return false;
      const literal = literalPrefix(r.pattern);
      return literal.startsWith(mountPath) || (literal.length < r.pattern.length && mountPath.startsWith(literal));
    });
  }
}

function matcherOf(pattern: string): RegExp {
  const glob = pattern.endsWith('*');
  const body = glob ? pattern.slice(0, -1) : pattern;
  const segments = body.split('/').map((s) => (s === '+' ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}${glob ? '.*' : ''}$`, 's');
}

/** > 0 when `a` takes precedence over `b`. */
function priority(a: string, b: string): number {
  const wa = firstWildcard(a);
  const wb = firstWildcard(b);
  if (wa !== wb) return wa - wb;
  const ga = a.endsWith('*');
  const gb = b.endsWith('*');
  if (ga !== gb) return ga ? -1 : 1;
  const pa = plusSegments(a);
  const pb = plusSegments(b);
  if (pa !== pb) return pb - pa;
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstWildcard(pattern: string): number {
  const star = pattern.endsWith('*') ? pattern.length - 1 : Infinity;
  const segments = pattern.split('/');
  let offset = 0;
  for (const segment of segments) {
    if (segment === '+') return Math.min(offset, star);
    offset += segment.length + 1;
  }
  return star;
}

function plusSegments(pattern: string): number {
  return pattern.split('/').filter((s) => s === '+').length;
}

function literalPrefix(pattern: string): string {
  const at = firstWildcard(pattern);
  return at === Infinity ? pattern : pattern.slice(0, at);
}
