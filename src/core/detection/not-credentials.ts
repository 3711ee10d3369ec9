/**
 * Values a secret-sounding key does not make secret because they are plainly something else:
 * identifiers (`s.AcceptanceTimeoutSeconds`, `var.db_password`, `ReplicationController`,
 * `registry-auth-data`), prose and code (`Overriding bean definition for bean`, `(id)arg1`).
 * Passphrases stay secrets: `apple-river-stone-maple` is words, but words that name nothing technical.
 */

/** Words that make a joined name an identifier of a thing (`kubernetes-dashboard-csrf`), not a passphrase. */
const TECHNICAL_WORDS = new Set([
  'auth', 'data', 'key', 'keys', 'secret', 'secrets', 'token', 'tokens', 'config', 'conf', 'dashboard', 'registry', 'client',
  'server', 'api', 'csrf', 'holder', 'status', 'service', 'controller', 'manager', 'handler', 'provider', 'name', 'id',
  'type', 'mode', 'sample', 'prod', 'dev', 'staging', 'default', 'admin', 'user', 'app', 'web', 'db', 'cache', 'queue',
  'bucket', 'cluster', 'namespace', 'kubernetes', 'docker', 'helm', 'value', 'values', 'env', 'file', 'path', 'url',
  'host', 'port', 'alert', 'level', 'log', 'job', 'task', 'worker', 'bot', 'account', 'region', 'zone', 'project', 'org',
  'team', 'group', 'role', 'policy', 'access', 'session', 'cookie', 'header', 'request', 'response', 'timeout',
  'seconds', 'version', 'plugin', 'module', 'io', 'com', 'net', 'org', 'internal', 'local', 'sa', 'ns', 'svc', 'pod',
  'deployment', 'ingress', 'store', 'vault', 'password', 'credentials', 'cert', 'tls', 'ssl', 'http', 'https', 'v1',
  'v2', 'v1beta1', 'v1alpha1', 'v1alpha3', 'beta', 'alpha', 'get', 'set', 'list', 'create', 'update', 'delete', 'search',
]);

/** Words of running text: a value holding one of them with spaces around is a sentence. */
const STOP_WORDS = new Set(['for', 'the', 'a', 'an', 'of', 'to', 'is', 'in', 'on', 'and', 'with', 'this', 'that', 'it', 'be', 'are', 'run', 'use', 'by', 'from', 'at', 'as', 'or', 'not', 'only', 'if', 'then', 'you', 'your']);

/**
 * True when the value is an identifier, prose or code. In `password` mode only what no password
 * looks like counts (dotted references, code, sentences): a typed password may be any words.
 */
export function isIdentifierOrProse(text: string, mode: 'token' | 'password' = 'token'): boolean {
  if (text.length > 400) return false;
  if (/\s/.test(text)) return isProseOrCode(text);
  if (isCodeLike(text)) return true;
  if (isDottedIdentifier(text)) return true;
  if (mode === 'password') return false;
  // `getPages,searchSpaces`: a list of names (a trailing comma ends a line of code).
  if (text.includes(',')) return text.replace(/[,;]$/, '').split(',').every((part) => part.length > 0 && isIdentifierOrProse(part, mode));
  const joined = /[-_./:]/.test(text);
  // One camelCase or PascalCase name has no digit and both cases: most random tokens stop here, before being split.
  if (!joined && (/\d/.test(text) || !/[a-z]/.test(text) || !/[A-Z]/.test(text))) return false;
  const pieces = wordPieces(text);
  if (pieces === undefined || pieces.length < 2) return false;
  // One camelCase or PascalCase name (`ReplicationController`, `sumOfExposures`): words of a few letters, no digits.
  if (!joined) return isCamelCaseName(pieces);
  // `alert_status`, `registry-auth-data`: two words, or words naming technical things.
  return pieces.length === 2 || pieces.some((p) => TECHNICAL_WORDS.has(p.toLowerCase()));
}

function isCamelCaseName(pieces: readonly string[]): boolean {
  const letters = pieces.reduce((n, p) => n + p.length, 0);
  // One short acronym without a vowel (`Cql`, `Sql`, `Xml`) is allowed in a name of three words or more.
  let acronyms = pieces.length >= 3 ? 1 : 0;
  return letters / pieces.length >= 4 && pieces.every((p) => p.length >= 2 && (p.length < 3 || /[aeiouy]/i.test(p) || (p.length <= 4 && acronyms-- > 0)));
}

function isProseOrCode(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2) return false;
  if (/^(?:#|\/\/|--|\/\*)/.test(text.trim())) return true;
  if (words.some((w) => STOP_WORDS.has(w.toLowerCase()))) return true;
  // Sentences and lists (`Neque porro quisquam.`, `24, 20120323`), commands (`etcdctl get /path`), code (`x = ""`).
  if (/[.,;:!?]\s/.test(text) || /[a-z]\.$/.test(text)) return true;
  if (words.some((w) => /^(?:\/[\w.-]|--?[a-z])/.test(w))) return true;
  return /[(){};<>=]/.test(text) || words.some((w) => isCodeLike(w));
}

/** `GLC_Upload(int x)`, `(id)arg1`, `translate3d(0,0,0)}`, `{SumoAccessKey}`. */
function isCodeLike(text: string): boolean {
  // A template around a reference (`KEY=${KEY:=$2}`) is code, whatever else it holds.
  if (/\$\{[^}]{1,100}\}/.test(text) && /[=:]/.test(text.replace(/\$\{[^}]{1,100}\}/g, ''))) return true;
  return /^[A-Za-z_$][\w$.]{0,80}\([^()]{0,200}\)[;,}]{0,2}$/.test(text) || /^\([A-Za-z_][\w *]{0,40}\)[A-Za-z_]\w{0,60}$/.test(text) || /^\{[A-Za-z_]\w{0,60}\}$/.test(text);
}

/**
 * `s.AcceptanceTimeoutSeconds`, `var.db_password`, `external-secrets.io/v1beta1`: names joined by
 * dots whose pieces are words; a short first name or a technical word marks it as a reference.
 */
function isDottedIdentifier(text: string): boolean {
  if (!/^[A-Za-z_][\w-]{0,60}(?:\.[A-Za-z_][\w-]{0,60}){1,8}(?:\/[\w.-]{1,60}){0,4}$/.test(text)) return false;
  const parts = text.split(/[./]/);
  const pieces = wordPieces(text);
  if (pieces === undefined) return false;
  return parts[0]!.length <= 3 || text.includes('/') || /[A-Z]/.test(text.slice(1)) || text.includes('_') || pieces.some((p) => TECHNICAL_WORDS.has(p.toLowerCase()));
}

/**
 * The words of an identifier (split on `- _ . / :` and camelCase), or undefined when a piece is not
 * word-like: digits inside, no vowel, or a long run of consonants (random letters).
 */
function wordPieces(text: string): string[] | undefined {
  const pieces = text.split(/[-_./:]+/).flatMap((part) => part.match(/[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+\d{0,3}|[A-Z]\d{0,3}|\d+/g) ?? []);
  if (pieces.length === 0 || pieces.join('').length < text.replace(/[-_./:]/g, '').length) return undefined;
  // `Zq8Wm2Kv9Xp4`: a random run splits into letter pairs with digits, which no name is made of.
  let digitTailedScraps = 0;
  for (const piece of pieces) {
    if (/^\d+$/.test(piece)) {
      if (piece.length > 3) return undefined;
      continue;
    }
    const letters = withoutTrailingDigits(piece);
    if (/\d/.test(letters)) return undefined;
    if (TECHNICAL_WORDS.has(letters.toLowerCase())) continue;
    if (letters.length <= 2 && letters.length < piece.length && ++digitTailedScraps >= 2) return undefined;
    if (letters.length >= 4 && !/[aeiouy]/i.test(letters)) return undefined;
    if (/[^aeiouy]{5,}/i.test(letters) && letters.length >= 6) return undefined;
  }
  return pieces;
}

/** `v1beta1` → `v1beta`: a loop, not `/\d+$/` (which backtracks over long digit runs). */
function withoutTrailingDigits(piece: string): string {
  let end = piece.length;
  while (end > 0 && piece.charCodeAt(end - 1) >= 48 && piece.charCodeAt(end - 1) <= 57) end--;
  return piece.slice(0, end);
}
