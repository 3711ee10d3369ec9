/**
 * A small gitignore matcher: enough to ask "does this .gitignore already ignore `.env`?" for one
 * file's rules (no nested .gitignore files, no core.excludesFile). Globbing is minimatch's; what
 * differs from a plain glob is gitignore's: comments, `!`, trailing `/`, where a pattern is anchored,
 * last match wins, and nothing inside an ignored folder can be re-included.
 */
import { Minimatch } from 'minimatch';

interface Rule {
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  readonly glob: Minimatch;
}

const GLOB_OPTIONS = {
  dot: true, // `*` matches names that start with a dot, as in gitignore
  nobrace: true, // `{a,b}` and `+(a)` are literal characters in gitignore
  noext: true,
  nonegate: true, // `!` is handled here, per rule
  nocomment: true,
  platform: 'linux', // case-sensitive, `/`-separated, whatever the host
} as const;

function parseRule(line: string): Rule | undefined {
  // Trailing spaces are ignored unless escaped with a backslash.
  let pattern = line.replace(/\r$/, '').replace(/(?<!\\)[ \t]+$/, '');
  if (pattern === '' || pattern.startsWith('#')) return undefined;
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  else if (pattern.startsWith('\\!') || pattern.startsWith('\\#')) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/');
  if (directoryOnly) pattern = pattern.replace(/\/+$/, '');
  if (pattern === '') return undefined;
  // A `/` at the start or in the middle anchors the pattern to the .gitignore's folder;
  // otherwise it matches a name at any depth.
  const anchored = pattern.includes('/');
  const glob = anchored ? pattern.replace(/^\//, '') : `**/${pattern}`;
  return { negated, directoryOnly, glob: new Minimatch(glob, GLOB_OPTIONS) };
}

export class GitignoreMatcher {
  private readonly rules: readonly Rule[];

  constructor(gitignoreText: string) {
    this.rules = gitignoreText.split('\n').flatMap((line) => parseRule(line) ?? []);
  }

  /** Whether git would ignore `path` (relative to the .gitignore's folder, `/`-separated). */
  ignores(path: string, isDirectory = false): boolean {
    const parts = path.split('/').filter((part) => part !== '');
    for (let depth = 1; depth < parts.length; depth++) {
      if (this.lastMatch(parts.slice(0, depth).join('/'), true)) return true;
    }
    return this.lastMatch(parts.join('/'), isDirectory);
  }

  private lastMatch(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.glob.match(path)) ignored = !rule.negated;
    }
    return ignored;
  }
}
