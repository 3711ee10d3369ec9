/**
 * Values that only stand in for a secret: placeholders from `.env.example` files, masks,
 * interpolations that pull the secret from elsewhere, and values already encrypted at rest.
 * None of these is a plaintext secret, whatever the key says.
 */

/** Whole values that are placeholders once lower-cased and stripped of separators and brackets. */
const PLACEHOLDER_VALUES = new Set([
  'changeme', 'changeit', 'change', 'replaceme', 'replace', 'todo', 'tbd', 'fixme', 'none', 'null', 'nil', 'undefined',
  'empty', 'na', 'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'token', 'apikey', 'key', 'value', 'example',
  'sample', 'dummy', 'test', 'testing', 'fake', 'placeholder', 'redacted', 'hidden', 'notset', 'unset', 'default', 'foo',
  'bar', 'foobar', 'baz', 'demo', 'mock', 'string', 'secretkey', 'mysecret', 'mypassword', 'yourpassword', 'yoursecret',
  'yourtoken', 'yourkey', 'yourapikey', 'notapplicable', 'missing', 'required', 'optional', 'tobefilled', 'fillme', 'setme',
  'masked', 'removed', 'omitted', 'private', 'confidential', 'sensitive', 'inserthere', 'xxx', 'blank',
]);

/**
 * Placeholder phrases wherever they appear in a value, as whole words (bounded by non-letters, so a
 * random token that happens to contain `todo` is not mistaken for one).
 */
// Exported for the regex safety test (test/unit/detection/regex-safety.test.ts), which runs every built-in regex.
export const PLACEHOLDER_PHRASE = new RegExp(
  [
    /(?:^|[^a-z])(?:example|examples|placeholder|changeme|changeit|replaceme|redacted|todo|fixme|notreal|notset)(?:[^a-z]|$)/,
    /(?:^|[^a-z])your[-_ .]?(?:own[-_ .]?)?[a-z0-9]/,
    /[a-z][-_ .]here(?:[^a-z]|$)/,
    /(?:^|[^a-z])(?:insert|put|enter|paste|add|set)[-_ .](?:your|the|a|an|key|token|secret|password|api|value|real|new|it|me)(?:[^a-z]|$)/,
    /(?:^|[^a-z])change[-_ .]?(?:me|this|it|in[-_ .]prod(?:uction)?)(?:[^a-z]|$)/,
    /(?:^|[^a-z])replace[-_ .]?(?:me|this|with|it)(?:[^a-z]|$)/,
    /(?:^|[^a-z])(?:not[-_ .]?a[-_ .]?real|fake|dummy|sample|mock)[-_ .]/,
  ]
    .map((phrase) => phrase.source)
    .join('|'),
);

/** Words that, alone or combined, only name the kind of value (`my-secret-key`, `test_token`, `dummy password`). */
const GENERIC_WORDS = new Set([
  'my', 'the', 'a', 'an', 'your', 'our', 'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'key', 'keys', 'token',
  'tokens', 'api', 'apikey', 'value', 'here', 'test', 'testing', 'dummy', 'fake', 'sample', 'example', 'demo', 'mock',
  'string', 'default', 'change', 'me', 'this', 'please', 'put', 'insert', 'enter', 'new', 'some', 'dev', 'development',
  'local', 'localhost', 'access', 'auth', 'private', 'client', 'app', 'service', 'webhook', 'jwt', 'session', 'signing',
  'encryption', 'db', 'database', 'goes', 'to', 'be', 'set', 'of', 'for', 'in', 'and', 'or', 'it', 'with',
  'replace', 'real', 'not', 'generated', 'random', 'long', 'super', 'very', 'strong', 'secure', 'placeholder', 'xxx',
]);

/** A mask or ellipsis: `xxxxx`, `*****`, `•••`, `...`. */
const MASK = /x{5,}|X{5,}|\*{3,}|#{4,}|•{2,}|…|\.{3,}|_{5,}|0{12,}/;

/** True for a value that only stands in for a secret: empty, masked, a placeholder word or phrase. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text.length === 0) return true;
  if (isMaskedToken(text)) return true;
  if (/^<[^<>]{1,200}>$/.test(text) || /^\[[^[\]]{1,200}\]$/.test(text)) return true;
  // Placeholders are short phrases; long values are judged by masks alone.
  if (text.length > 160) return false;
  const lower = text.toLowerCase();
  const compact = lower.replace(/[\s<>[\]{}()'"`_.\-/]+/g, '');
  if (PLACEHOLDER_VALUES.has(compact) || isSequence(compact)) return true;
  // URLs are judged by their password part alone (url-credentials.ts): `db.example.com` is a fine host.
  if (lower.includes('://')) return false;
  if (PLACEHOLDER_PHRASE.test(lower)) return true;
  return text.length <= 64 && consistsOfGenericWords(text);
}

/**
 * A token that only fills a format: masked (`sk_live_xxxxxxxx`, `****`), one repeated character,
 * or a documentation example (AWS's `AKIA…EXAMPLE`; capitals a random token never has).
 */
export function isMaskedToken(token: string): boolean {
  if (MASK.test(token) || token.includes('EXAMPLE')) return true;
  if (token.length >= 2 && isOneRepeatedCharacter(token)) return true;
  // Long random tokens with `-` and `_` would now and then spell a phrase by chance.
  return token.length <= 48 && PLACEHOLDER_PHRASE.test(token.toLowerCase());
}

function isOneRepeatedCharacter(text: string): boolean {
  const first = text.charCodeAt(0);
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) !== first) return false;
  return true;
}

/** `1234567890`, `abcdefghijkl`, `0123456789abcdef`: sequences typed to fill a field. */
function isSequence(compact: string): boolean {
  if (compact.length < 10) return false;
  for (let i = 1; i < compact.length; i++) {
    const previous = compact.charCodeAt(i - 1);
    const current = compact.charCodeAt(i);
    const next = previous === 57 ? (i < 10 ? 48 : 97) : previous + 1; // after 9: 0 in a digit run, else a
    if (current !== next && !(previous === 57 && (current === 48 || current === 97))) return false;
  }
  return true;
}

function consistsOfGenericWords(text: string): boolean {
  // Generic words are letters; a digit anywhere (`test123`) means a real value.
  if (/\d/.test(text)) return false;
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return true;
  if (words.length > 8) return false;
  return words.every((w) => GENERIC_WORDS.has(w) || isRunOfGenericWords(w));
}

/** `mysupersecretkey` = my + super + secret + key: a word break over the generic words (no one-letter words). */
function isRunOfGenericWords(word: string): boolean {
  if (word.length > 48 || !/^[a-z]+$/.test(word)) return false;
  const reachable: boolean[] = [true];
  for (let end = 1; end <= word.length; end++) {
    reachable[end] = false;
    for (let start = Math.max(0, end - 12); start <= end - 2; start++) {
      if (reachable[start] && GENERIC_WORDS.has(word.slice(start, end))) {
        reachable[end] = true;
        break;
      }
    }
  }
  return reachable[word.length] === true;
}

// Interpolation syntaxes: dotenv-expand and shells (`${VAR}`, `${VAR:-default}`, `$VAR`, `$(cmd)`),
// templating (`{{ .Values.x }}`, `{{secrets.X}}`), Windows (`%VAR%`), Octopus (`#{Var}`).
const INTERPOLATIONS = [
  /\$\{[^{}]{1,200}\}/g,
  /\$\([^()]{1,200}\)/g,
  /\{\{[^{}]{1,200}\}\}/g,
  /\$[A-Za-z_][A-Za-z0-9_]{0,100}/g,
  /%[A-Za-z_][A-Za-z0-9_]{0,100}%/g,
  /#\{[^{}]{1,200}\}/g,
];

/** True when the value is made only of interpolations (and punctuation between them). */
export function isInterpolation(value: string): boolean {
  const text = value.trim();
  if (!/[$%{#]/.test(text)) return false;
  let rest = text;
  for (const pattern of INTERPOLATIONS) rest = rest.replace(pattern, ' ');
  return rest !== text && !/[A-Za-z0-9]/.test(rest);
}

/** Values encrypted at rest by a tool: dotenvx (`encrypted:…`), sops (`ENC[…]`), Ansible Vault. */
export function isEncryptedValue(value: string): boolean {
  const text = value.trim();
  return /^encrypted:[A-Za-z0-9+/=]{16,}/.test(text) || /^ENC\[[A-Za-z0-9_]+,data:/.test(text) || text.startsWith('$ANSIBLE_VAULT;');
}
