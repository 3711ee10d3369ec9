/**
 * Ways a user allows a key: `settings.allowKeys` (exact names or minimatch globs), an inline
 * `# envguard-ignore` comment on the entry, or `# envguard-ignore-next-line` on the line above it.
 */
import { Minimatch } from 'minimatch';
import type { EnvEntry } from '../dotenv/model';

export const IGNORE_MARKER = 'envguard-ignore';
export const IGNORE_NEXT_LINE_MARKER = 'envguard-ignore-next-line';

const GLOB_CHARS = /[*?[\]{}!]/;
const cache = new WeakMap<readonly string[], (key: string) => boolean>();

/** A predicate telling whether a key is allowed by name. */
export function keyAllowList(allowKeys: readonly string[] | undefined): (key: string) => boolean {
  if (!allowKeys || allowKeys.length === 0) return () => false;
  const cached = cache.get(allowKeys);
  if (cached) return cached;
  const exact = new Set<string>();
  const globs: Minimatch[] = [];
  for (const entry of allowKeys) {
    if (GLOB_CHARS.test(entry)) globs.push(new Minimatch(entry, { dot: true, nonegate: true, nocomment: true }));
    else exact.add(entry);
  }
  const allowed = (key: string): boolean => exact.has(key) || globs.some((glob) => glob.match(key));
  cache.set(allowKeys, allowed);
  return allowed;
}

/** True when the entry carries an inline ignore comment or sits right under an ignore-next-line comment. */
export function isIgnoredByComment(entry: EnvEntry, lineAbove: string | undefined): boolean {
  if (entry.comment?.text.includes(IGNORE_MARKER)) return true;
  if (lineAbove === undefined) return false;
  const trimmed = lineAbove.trim();
  return trimmed.startsWith('#') && trimmed.includes(IGNORE_NEXT_LINE_MARKER);
}
