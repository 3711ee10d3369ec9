import { VaultError } from '../vault/types';

/** How many "same value?" checks one secret gets per window: a migration takes about three. */
export const MATCH_CHECKS_PER_SECRET = 16;
export const MATCH_WINDOW_MS = 10 * 60_000;

/**
 * The key agent's `match` answers whether a value equals a secret's, without approval, because a
 * migration checks what it wrote. Unlimited answers would be an oracle for guessing a short secret,
 * so each secret gets a few checks per window; past that the request is refused, naming the secret.
 */
export class MatchBudget {
  private readonly spent = new Map<string, number[]>();

  constructor(private readonly perSecret = MATCH_CHECKS_PER_SECRET, private readonly windowMs = MATCH_WINDOW_MS, private readonly now: () => number = Date.now) {}

  /** Counts the checks of one request, or refuses the whole request when a secret has none left. */
  spend(names: readonly string[]): void {
    const now = this.now();
    const wanted = new Map<string, number>();
    for (const name of names) wanted.set(name, (wanted.get(name) ?? 0) + 1);
    for (const [name, count] of wanted) {
      const recent = (this.spent.get(name) ?? []).filter((at) => now - at < this.windowMs);
      this.spent.set(name, recent);
      if (recent.length + count > this.perSecret) {
        throw new VaultError('forbidden', `secret ${name} was compared with a given value ${recent.length} times in the last ${Math.round(this.windowMs / 60_000)} minutes: EnvGuard answers no more comparisons for it until then (a guard against guessing)`);
      }
    }
    for (const [name, count] of wanted) this.spent.get(name)!.push(...Array<number>(count).fill(now));
  }
}
