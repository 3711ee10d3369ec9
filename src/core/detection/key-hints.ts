/**
 * What a variable's name says about its value. `DB_PASSWORD` announces a secret, `APP_KEY` hints at
 * one, `TOKEN_TTL` and `GOOGLE_CLIENT_ID` talk *about* secrets without holding one.
 */

/** How much a hint word is worth: a password key flags almost anything, a weak one needs a random value. */
export type HintStrength = 'password' | 'strong' | 'weak';

export interface KeyHint {
  readonly rule: string;
  readonly description: string;
  readonly strength: HintStrength;
}

export interface KeyAnalysis {
  /** Lower-case words of the key, split on `_ - .`, spaces and camelCase. */
  readonly words: readonly string[];
  /** The strongest hint word in the key, if any. */
  readonly hint?: KeyHint;
  /** A modifier after the last hint (`…_ID`, `…_URL`, `…_TTL`) or a public marker anywhere. */
  readonly negated: boolean;
  /** A client-exposed variable by framework convention (`NEXT_PUBLIC_`, `VITE_`, …). */
  readonly publicVariable: boolean;
}

const HINTS = {
  password: { rule: 'key-hint-password', description: 'password', strength: 'password' },
  secret: { rule: 'key-hint-secret', description: 'secret', strength: 'strong' },
  token: { rule: 'key-hint-token', description: 'token', strength: 'strong' },
  apiKey: { rule: 'key-hint-api-key', description: 'API key', strength: 'strong' },
  privateKey: { rule: 'key-hint-private-key', description: 'private key', strength: 'strong' },
  accessKey: { rule: 'key-hint-access-key', description: 'access key', strength: 'strong' },
  credential: { rule: 'key-hint-credential', description: 'credential', strength: 'strong' },
  keyMaterial: { rule: 'key-hint-key-material', description: 'signing or encryption key', strength: 'strong' },
  auth: { rule: 'key-hint-auth', description: 'authentication value', strength: 'weak' },
  key: { rule: 'key-hint-key', description: 'key', strength: 'weak' },
} as const satisfies Record<string, KeyHint>;

const STRENGTH_ORDER: Record<HintStrength, number> = { weak: 0, strong: 1, password: 2 };

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'pw', 'pswd', 'passcode', 'passw', 'passwords', 'pin', 'pincode']);
/** Words ending in `pass` that are not passwords. */
const NOT_PASSWORDS = new Set(['bypass', 'compass', 'surpass', 'trespass', 'overpass', 'underpass', 'encompass', 'impass']);
/** `X_KEY` where X makes the key a secret by itself. */
const SECRET_KEY_QUALIFIERS = new Set([
  'signing', 'sign', 'encryption', 'encrypt', 'enc', 'decryption', 'decrypt', 'crypt', 'crypto', 'cipher', 'aes', 'hmac', 'master',
  'session', 'cookie', 'jwt', 'shared', 'admin', 'root', 'webhook', 'account', 'storage', 'deploy', 'management',
  'subscription', 'service', 'role', 'server', 'secure', 'auth', 'authentication', 'verification', 'totp', 'otp', 'wrapping',
]);
/** `X_KEY` where X makes the key public by design (reCAPTCHA site keys, Algolia search keys, JWT public keys). */
const PUBLIC_KEY_QUALIFIERS = new Set(['public', 'publishable', 'pub', 'anon', 'site', 'browser', 'search', 'searchonly', 'frontend', 'client', 'cache']);
const WEAK_WORDS = new Set(['auth', 'authorization', 'authorisation', 'bearer', 'sig', 'signature', 'hmac', 'salt', 'pepper', 'seed', 'jwt', 'nonce', 'license', 'licence']);

/** Words after the last hint that turn the name into metadata about a secret. */
const NEGATIVE_AFTER_HINT = new Set([
  'id', 'ids', 'uid', 'uuid', 'guid', 'sid', 'arn', 'alias', 'kid', 'name', 'names', 'label', 'user', 'username', 'usr',
  'email', 'host', 'hostname', 'domain', 'port', 'url', 'uri', 'urls', 'endpoint', 'address', 'addr', 'path', 'paths',
  'file', 'filename', 'filepath', 'dir', 'directory', 'folder', 'location', 'region', 'zone', 'ttl', 'expiry', 'expires',
  'expire', 'expiration', 'exp', 'timeout', 'lifetime', 'duration', 'interval', 'age', 'delay', 'retries', 'retry',
  'attempts', 'length', 'len', 'size', 'bits', 'count', 'rounds', 'iterations', 'cost', 'algorithm', 'algo', 'alg',
  'type', 'kind', 'format', 'encoding', 'mode', 'strategy', 'provider', 'method', 'scheme', 'header', 'headers', 'field',
  'param', 'prefix', 'suffix', 'issuer', 'iss', 'audience', 'aud', 'scope', 'scopes', 'version', 'ver', 'enabled',
  'enable', 'disabled', 'disable', 'required', 'optional', 'flag', 'env', 'environment', 'policy', 'rotation', 'regex',
  'pattern', 'complexity', 'strength', 'store', 'storage', 'cache', 'manager', 'backend', 'service', 'server', 'realm',
  'tenant', 'org', 'project', 'namespace', 'bucket', 'table', 'queue', 'topic', 'index', 'callback', 'redirect',
  'fingerprint', 'thumbprint', 'hint', 'description', 'desc', 'days', 'hours', 'minutes', 'seconds', 'secs', 'ms', 'sec',
  'level', 'source', 'owner', 'role', 'group', 'public', 'publishable', 'anon', 'placeholder', 'template', 'refresh',
  'reset', 'validation', 'validity', 'window', 'generator', 'threshold', 'percent', 'rate', 'timestamp', 'date', 'time',
  'at', 'in', 'on', 'by', 'per', 'mins', 'hrs', 'lang', 'locale', 'charset', 'sent', 'enforced', 'hasher', 'hashing',
  'encoder', 'validator', 'checker', 'encryption', 'permission', 'chars', 'characters', 'symbol', 'digit', 'rule',
  'requirement', 'option', 'setting', 'config', 'samesite', 'httponly', 'secure', 'class', 'module', 'plugin', 'library',
]);
/**
 * Without any hint word, these still mark the key as naming an identifier or a setting, which
 * matters for keyed vendor rules: `DISCORD_CLIENT_ID` holds 32 characters that are not a secret.
 */
const NEGATIVE_WITHOUT_HINT = new Set([
  'id', 'ids', 'uid', 'uuid', 'guid', 'sid', 'arn', 'name', 'user', 'username', 'email', 'host', 'hostname', 'domain',
  'port', 'url', 'uri', 'endpoint', 'path', 'file', 'dir', 'region', 'zone', 'version', 'ttl', 'timeout', 'expiry',
  'length', 'type', 'format', 'mode', 'level', 'count', 'size', 'header', 'issuer', 'audience', 'scope', 'enabled',
  'digest', 'sha', 'commit', 'revision', 'checksum', 'fingerprint', 'thumbprint', 'hash',
]);
/** Words that make any hint moot wherever they stand (`MAX_TOKENS`, `NEXT_PUBLIC_…`, `SUPABASE_ANON_KEY`). */
const NEGATIVE_ANYWHERE = new Set(['public', 'publishable', 'anon', 'max', 'min', 'num', 'limit', 'limits', 'count', 'total']);

const PUBLIC_VARIABLE_PREFIXES = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'PUBLIC_', 'GATSBY_', 'NUXT_PUBLIC_', 'VUE_APP_', 'NG_APP_', 'STORYBOOK_', 'PLASMO_PUBLIC_', 'SNOWPACK_PUBLIC_'];

/**
 * Splits a variable name into lower-case words on `_ - .`, other punctuation and camelCase:
 * `stripeSecretKey` → stripe, secret, key; `XMLHttpToken` → xml, http, token.
 */
export function tokeniseKey(key: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const kind = i < key.length ? charKind(key.charCodeAt(i)) : 0;
    if (kind === 0) {
      if (start >= 0) words.push(key.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    const previous = charKind(key.charCodeAt(i - 1));
    const next = i + 1 < key.length ? charKind(key.charCodeAt(i + 1)) : 0;
    // A new word starts at `aB`, `9B`, or at the last capital of a run followed by lower case (`HTTPToken`).
    const boundary = kind === UPPER && (previous === LOWER || previous === DIGIT || (previous === UPPER && next === LOWER));
    if (boundary) {
      words.push(key.slice(start, i).toLowerCase());
      start = i;
    }
  }
  return words;
}

const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function charKind(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return 0;
}

// Exported for the regex safety test, which runs every built-in regex.
export const PUBLIC_VARIABLE = new RegExp(`^(?:${PUBLIC_VARIABLE_PREFIXES.join('|')})`, 'i');

export function isPublicVariable(key: string): boolean {
  return PUBLIC_VARIABLE.test(key);
}

/** The hint carried by one word, given the word before it (`API` + `KEY`, `PRIVATE` + `KEY`). */
function hintOfWord(word: string, previous: string | undefined): KeyHint | 'public' | undefined {
  if (isPasswordWord(word)) return HINTS.password;
  if (word.includes('secret') && !word.startsWith('secretar')) return HINTS.secret;
  if (word.includes('credential') || word === 'creds' || word === 'cred') return HINTS.credential;
  if (word.includes('apikey') || word === 'apitoken') return HINTS.apiKey;
  if ((word.includes('token') && !word.includes('tokeniz')) || word === 'pat') return HINTS.token;
  if (word === 'mnemonic' || word === 'seedphrase' || (word === 'phrase' && previous === 'seed')) return HINTS.secret;
  if (word === 'key' || word === 'keys') return hintOfKey(previous);
  if (word.endsWith('key') && word.length > 3 && !word.startsWith('keyboard') && word !== 'turkey' && word !== 'monkey' && word !== 'hockey' && word !== 'jockey' && word !== 'whiskey') {
    return hintOfKey(word.slice(0, -3));
  }
  if (WEAK_WORDS.has(word) || word.startsWith('auth')) return word.startsWith('auth') || word === 'bearer' ? HINTS.auth : HINTS.key;
  return undefined;
}

function isPasswordWord(word: string): boolean {
  if (PASSWORD_WORDS.has(word)) return true;
  if (word.startsWith('passwordless')) return false;
  if (word.includes('password') || word.includes('passwd') || word.includes('passphrase')) return true;
  return (word.endsWith('pass') || word.endsWith('pwd')) && word.length <= 10 && !NOT_PASSWORDS.has(word);
}

function hintOfKey(qualifier: string | undefined): KeyHint | 'public' {
  if (qualifier === undefined) return HINTS.key;
  if (qualifier === 'api' || qualifier === 'x' || qualifier.endsWith('api')) return HINTS.apiKey;
  if (qualifier === 'private' || qualifier.endsWith('private')) return HINTS.privateKey;
  if (qualifier === 'access') return HINTS.accessKey;
  if (qualifier === 'secret') return HINTS.secret;
  if (SECRET_KEY_QUALIFIERS.has(qualifier)) return HINTS.keyMaterial;
  if (PUBLIC_KEY_QUALIFIERS.has(qualifier)) return 'public';
  return HINTS.key;
}

/**
 * False when no word of the key can carry a hint: every hint word (hintOfWord) contains one of
 * these, and the words of a key are pieces of it, lower-cased. A cheap test that spares the
 * analysis of most keys of a big file (`SERVICE_0042_TIMEOUT`).
 */
const HINT_FRAGMENTS = /pass|pw|pswd|pin|secret|cred|token|pat|mnemonic|phrase|key|auth|bearer|sig|hmac|salt|pepper|seed|jwt|nonce|licen/i;

export function mayHintAtSecret(key: string): boolean {
  return HINT_FRAGMENTS.test(key);
}

/**
 * Env files repeat the same keys (across `.env`, `.env.local`, nested JSON): remember analyses, up
 * to a bound. Once full, new keys are analysed without being remembered: a file of a million
 * distinct keys would otherwise fill and clear the cache over and over, and every analysis would
 * outlive the young generation for nothing.
 */
const analysisCache = new Map<string, KeyAnalysis>();
const ANALYSIS_CACHE_SIZE = 4096;

/** `words`, when given, are the key's words (tokeniseKey), already split by the caller. */
export function analyseKey(key: string, words?: readonly string[]): KeyAnalysis {
  const cached = analysisCache.get(key);
  if (cached) return cached;
  const analysis = computeAnalysis(key, words ?? tokeniseKey(key));
  if (analysisCache.size < ANALYSIS_CACHE_SIZE) analysisCache.set(key, analysis);
  return analysis;
}

/** What one word says, independent of its neighbours; words repeat far more than keys do. */
interface WordInfo {
  /** The hint of the word alone (`KEY`-like words are refined by the word before them). */
  readonly hint: KeyHint | 'public' | undefined;
  readonly keyLike: boolean;
  readonly negativeAfterHint: boolean;
  readonly negativeWithoutHint: boolean;
  readonly negativeAnywhere: boolean;
}

const wordCache = new Map<string, WordInfo>();
const WORD_CACHE_SIZE = 8192;

/** A word of digits says nothing (`SERVICE_000123_URL`); there can be as many of them as keys. */
const DIGITS_INFO: WordInfo = { hint: undefined, keyLike: false, negativeAfterHint: false, negativeWithoutHint: false, negativeAnywhere: false };

function wordInfo(word: string): WordInfo {
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57 && /^\d+$/.test(word)) return DIGITS_INFO;
  let info = wordCache.get(word);
  if (!info) {
    info = {
      hint: hintOfWord(word, undefined),
      keyLike: word === 'key' || word === 'keys' || word === 'phrase',
      negativeAfterHint: isNegativeAfterHint(word),
      negativeWithoutHint: NEGATIVE_WITHOUT_HINT.has(word),
      negativeAnywhere: NEGATIVE_ANYWHERE.has(word) || word.startsWith('public') || word.startsWith('publishable'),
    };
    if (wordCache.size < WORD_CACHE_SIZE) wordCache.set(word, info);
  }
  return info;
}

/** The words' infos of the analysis under way, reused (computeAnalysis never re-enters itself). */
const infos: WordInfo[] = [];

function computeAnalysis(key: string, words: readonly string[]): KeyAnalysis {
  for (let i = 0; i < words.length; i++) infos[i] = wordInfo(words[i]!);
  let hint: KeyHint | undefined;
  let lastHint = -1;
  let publicKey = false;
  let negatedAnywhere = false;
  for (let i = 0; i < words.length; i++) {
    const info = infos[i]!;
    if (info.negativeAnywhere) negatedAnywhere = true;
    // Only `KEY`, `KEYS` and `PHRASE` depend on the word before them (`API_KEY`, `SEED_PHRASE`).
    const found = info.keyLike ? hintOfWord(words[i]!, words[i - 1]) : info.hint;
    if (found === undefined) continue;
    lastHint = i;
    if (found === 'public') {
      publicKey = true;
      continue;
    }
    if (!hint || STRENGTH_ORDER[found.strength] > STRENGTH_ORDER[hint.strength]) hint = found;
  }
  let negatedAfter = false;
  for (let i = lastHint + 1; i < words.length; i++) {
    const info = infos[i]!;
    if (lastHint >= 0 ? info.negativeAfterHint && info.hint === undefined : info.negativeWithoutHint) negatedAfter = true;
  }
  // Algolia's search-only key is meant for browsers.
  if (words.includes('search') && (words.includes('only') || words.includes('algolia'))) negatedAnywhere = true;
  // A public qualifier only cancels a weak hint: `SITE_KEY` is public, `SITE_PASSWORD` is not.
  const publicOnly = publicKey && (!hint || hint.strength === 'weak');
  const negated = negatedAfter || negatedAnywhere || publicOnly;
  const publicVariable = isPublicVariable(key);
  // No `hint` property at all when there is none (two literals: no object spread per key).
  return hint ? { words, hint, negated, publicVariable } : { words, negated, publicVariable };
}

/** Plurals count too: `AUTH_PROVIDERS`, `TOKEN_SCOPES`, `API_KEY_HEADERS`. */
function isNegativeAfterHint(word: string): boolean {
  return NEGATIVE_AFTER_HINT.has(word) || (word.length > 3 && word.endsWith('s') && NEGATIVE_AFTER_HINT.has(word.slice(0, -1)));
}
