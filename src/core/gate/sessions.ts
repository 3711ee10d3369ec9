/**
 * Approvals granted "for this session": each for one scope (a terminal's session, or a VS Code
 * window's terminal, always with the AI agent it runs under, if any) and one project and
 * environment. An approval expires after `idleMs` without use and `maxMs` after it was given
 * (1Password's defaults: 10 minutes and 12 hours); `revokeAll` ends every one. Denials are
 * remembered for a cool-down, so a request repeated in a loop does not put a prompt in front of the
 * human again and again.
 */
export interface SessionLimits {
  readonly idleMs: number;
  readonly maxMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 10 * 60_000, maxMs: 12 * 3_600_000 };
/** After a denial, the same scope is refused without asking for this long. */
export const DENIAL_COOL_DOWN_MS = 30_000;

interface Grant {
  readonly grantedAt: number;
  lastUsed: number;
}

export class SessionTable {
  private readonly grants = new Map<string, Grant>();
  private readonly denials = new Map<string, number>();

  constructor(private readonly limits: SessionLimits, private readonly now: () => number = Date.now) {}

  /** True when every (project, environment) pair is approved for `scope`; refreshes their idle time. */
  covers(scope: string, pairs: readonly string[]): boolean {
    const now = this.now();
    const grants = pairs.map((pair) => this.live(`${scope}\n${pair}`, now));
    if (grants.some((g) => g === undefined)) return false;
    for (const grant of grants) grant!.lastUsed = now;
    return true;
  }

  grant(scope: string, pairs: readonly string[]): void {
    const now = this.now();
    for (const pair of pairs) this.grants.set(`${scope}\n${pair}`, { grantedAt: now, lastUsed: now });
    this.denials.delete(scope);
  }

  deny(scope: string): void {
    this.denials.set(scope, this.now());
  }

  /** Milliseconds left of a denial's cool-down for `scope`, or 0. */
  coolingDown(scope: string): number {
    const at = this.denials.get(scope);
    if (at === undefined) return 0;
    const left = at + DENIAL_COOL_DOWN_MS - this.now();
    if (left <= 0) this.denials.delete(scope);
    return Math.max(0, left);
  }

  revokeAll(): number {
    const count = this.grants.size;
    this.grants.clear();
    this.denials.clear();
    return count;
  }

  /** How many approvals are live now (expired ones are dropped on the way). */
  get size(): number {
    const now = this.now();
    for (const key of [...this.grants.keys()]) this.live(key, now);
    return this.grants.size;
  }

  private live(key: string, now: number): Grant | undefined {
    const grant = this.grants.get(key);
    if (!grant) return undefined;
    if (now - grant.lastUsed > this.limits.idleMs || now - grant.grantedAt > this.limits.maxMs) {
      this.grants.delete(key);
      return undefined;
    }
    return grant;
  }
}

/** "10m", "90s", "12h", "500ms" or a number of milliseconds; undefined when unreadable. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  const value = Number(match[1]) * unit;
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}
