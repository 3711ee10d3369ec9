/**
 * Values that only stand in for a secret: placeholders from `.env.example` files, masks,
 * interpolations that pull the secret from elsewhere, and values already encrypted at rest.
 * None of these is a plaintext secret, whatever the key says.
 */
import * as crypto from 'node:crypto';
import { DOCUMENTATION_DIGESTS } from './documentation-values';

/** One-shot `crypto.hash` is several times faster on short values than a Hash object; Node before 20.12 lacks it. */
const sha256: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

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

/**
 * A mask or ellipsis: `xxxxx`, `*****`, `•••`, `...`. Runs of `_` are not masks: base64url
 * tokens hold them (a Heroku key may have five in a row).
 */
/** `AKIA…EXAMPLE`, `ops_DUMMY…`: capitals a random token practically never spells. */
const SHOUTED_PLACEHOLDER = /EXAMPLE|DUMMY|SAMPLE|PLACEHOLDER|REDACTED|CHANGEME/;

export const MASK = /x{5,}|X{5,}|\*{3,}|#{4,}|•{2,}|…|\.{3,}|0{12,}/;

/** True for a value that only stands in for a secret: empty, masked, a placeholder word or phrase. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  if (text.length === 0) return true;
  // isMaskedToken, with its phrase test made once below on the lower case needed anyway.
  if (isMaskedShape(text)) return true;
  if (/^<[^<>]{1,200}>$/.test(text) || /^\[[^[\]]{1,200}\]$/.test(text)) return true;
  // Placeholders are short phrases; long values are judged by masks alone.
  if (text.length > 160) return false;
  const lower = text.toLowerCase();
  // A short value is a placeholder by a phrase anywhere, even in a URL (isMaskedToken's test).
  const short = text.length <= MASKED_PHRASE_MAX;
  if (short && PLACEHOLDER_PHRASE.test(lower)) return true;
  const compact = lower.replace(/[\s<>[\]{}()'"`_.\-/]+/g, '');
  if (PLACEHOLDER_VALUES.has(compact) || isSequence(compact)) return true;
  // URLs are judged by their password part alone (url-credentials.ts): `db.example.com` is a fine host.
  if (lower.includes('://')) return false;
  if (!short && PLACEHOLDER_PHRASE.test(lower)) return true;
  return text.length <= 64 && consistsOfGenericWords(text);
}

/**
 * A token that only fills a format: masked (`sk_live_xxxxxxxx`, `****`), one repeated character,
 * or a documentation example (AWS's `AKIA…EXAMPLE`; capitals a random token never has).
 */
export function isMaskedToken(token: string): boolean {
  if (isMaskedShape(token)) return true;
  // Long random tokens with `-` and `_` would now and then spell a phrase by chance.
  return token.length <= MASKED_PHRASE_MAX && PLACEHOLDER_PHRASE.test(token.toLowerCase());
}

/** Tokens longer than this are not judged by a placeholder phrase in them (isMaskedToken). */
const MASKED_PHRASE_MAX = 48;

/** isMaskedToken without its phrase test: a mask, a shouted word, one repeated character, a documentation value. */
function isMaskedShape(token: string): boolean {
  if (MASK.test(token) || SHOUTED_PLACEHOLDER.test(token)) return true;
  if (token.length >= 2 && isOneRepeatedCharacter(token)) return true;
  return isDocumentationValue(token);
}

/**
 * The part of a vendor token after its prefix is a placeholder: `sk_live_` + `xxx`, `ghp_` +
 * `aaaa…`, `hf_` + `FakeFakeFake…`, `xoxe.xoxp-1-` + `RANDOMSTRINGHERE`. A body with a verified
 * checksum (GitHub, npm, Cloudflare) is a real token whatever it spells, so typed-filler tests are skipped.
 */
export function isPlaceholderBody(body: string, checksumVerified = false): boolean {
  if (body.length < 4) return true;
  if (MASK.test(body) || SHOUTED_PLACEHOLDER.test(body) || isOneRepeatedCharacter(body)) return true;
  if (body.length <= 48 && PLACEHOLDER_PHRASE.test(body.toLowerCase())) return true;
  if (hasPlaceholderSegment(withoutEnvironmentWord(body))) return true;
  return !checksumVerified && isTypedFiller(body);
}

/**
 * A vendor match that only fills its format: its body (the part after the vendor's prefix) is a
 * placeholder (isPlaceholderBody), or, without a verified checksum, the whole match is masked, a
 * documentation value or typed filler (isMaskedToken, isTypedFiller). The same answer as those
 * tests one after the other, with each test made once: the body is the end of the match, so a mask,
 * a shouted word or one repeated character found in one of them need not be looked for in the other,
 * and both are lower-cased at once.
 */
export function isPlaceholderMatch(found: string, body: string, checksumVerified: boolean): boolean {
  if (checksumVerified) return isPlaceholderBody(body, true);
  if (body.length < 4) return true;
  // A mask or a shouted word in the body is in the match; one character repeated in the match is repeated in its body.
  if (MASK.test(found) || SHOUTED_PLACEHOLDER.test(found) || isOneRepeatedCharacter(body)) return true;
  if (isDocumentationValue(found)) return true;
  if (body.length <= 48) {
    // ASCII lower-cases character by character, so the body's lower case is the end of the match's.
    const shared = found.length <= 48 && isAscii(found);
    const lowerFound = shared ? found.toLowerCase() : undefined;
    if (PLACEHOLDER_PHRASE.test(lowerFound ? lowerFound.slice(found.length - body.length) : body.toLowerCase())) return true;
    if (found.length <= 48 && PLACEHOLDER_PHRASE.test(lowerFound ?? found.toLowerCase())) return true;
  }
  if (hasPlaceholderSegment(withoutEnvironmentWord(body))) return true;
  // An ascending run in the body is one in the match (it ends the match, and the run can only be
  // longer there): of the body, only the repetition test is left to make.
  return isTypedFiller(found) || (body.length < found.length && isRepeatedUnit(body));
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `shippo_test_…`, `sk_live_…` (a keyed rule's whole match): an environment word near the start belongs to the format. */
const ENVIRONMENT_WORD = /^[_.-]{0,2}(?:[A-Za-z0-9]{1,8}[_-])?(?:test|live|prod|sandbox|dev)(?:[_-]|$)/i;

function withoutEnvironmentWord(body: string): string {
  return body.replace(ENVIRONMENT_WORD, '');
}

/** Words that, as a whole segment of a token (`ghp_your-token-here`, `sk_live_test`), make it a placeholder. */
const PLACEHOLDER_SEGMENTS = new Set([
  'example', 'examples', 'sample', 'dummy', 'fake', 'placeholder', 'test', 'testing', 'xxx', 'xxxx', 'your', 'yours',
  'here', 'changeme', 'redacted', 'todo', 'fixme', 'mock', 'notreal', 'replaceme', 'foo', 'bar', 'foobar', 'demo', 'invalid',
]);
/** Words that only make a placeholder when every segment is one (`my_secret_key`, `abc_token`). */
const FILLER_SEGMENTS = new Set(['my', 'secret', 'token', 'key', 'apikey', 'api', 'value', 'none', 'null', 'empty', 'abc', 'abcd', 'asdf', 'qwerty', 'access', 'auth', 'new', 'real']);

/**
 * A placeholder word that is a whole segment of the value (segments split on `- _ . : / + =`):
 * `my-token-here`, `live_test`. A word inside a random run (`…9testQ…`) does not count, nor do the
 * words of a multi-line format (a PEM block's `PRIVATE KEY`).
 */
function hasPlaceholderSegment(text: string): boolean {
  if (text.length > 100 || /\s/.test(text)) return false;
  // A text with no segment as long as a word of the lists (a random token, digits between dashes)
  // holds none of them: only its ending can make it a placeholder.
  if (!hasSegmentOfWordLength(text)) return endsWithHere(text);
  const segments = text.toLowerCase().split(/[-_.:/+=]+/).filter((segment) => segment.length > 0);
  if (segments.some((segment) => PLACEHOLDER_SEGMENTS.has(segment)) || endsWithHere(text)) return true;
  return segments.length > 0 && segments.every((segment) => PLACEHOLDER_SEGMENTS.has(segment) || FILLER_SEGMENTS.has(segment));
}

const SEGMENT_WORD_LENGTHS = [...PLACEHOLDER_SEGMENTS, ...FILLER_SEGMENTS].map((word) => word.length);
const SEGMENT_WORD_MIN = Math.min(...SEGMENT_WORD_LENGTHS);
const SEGMENT_WORD_MAX = Math.max(...SEGMENT_WORD_LENGTHS);

/**
 * Whether a segment (a run between `- _ . : / + =`) is as long as some word of the two lists.
 * Lower-casing does not move the separators, and a segment that lower-cases to one of the (ASCII)
 * words is as long as that word.
 */
function hasSegmentOfWordLength(text: string): boolean {
  let length = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2d;
    // - _ . : / + =
    if (c === 0x2d || c === 0x5f || c === 0x2e || c === 0x3a || c === 0x2f || c === 0x2b || c === 0x3d) {
      if (length >= SEGMENT_WORD_MIN && length <= SEGMENT_WORD_MAX) return true;
      length = 0;
    } else length++;
  }
  return false;
}

/** `SlackAppConfigurationAccessTokenHere`, `RANDOMSTRINGHERE`: letters ending in "here" are an instruction. */
function endsWithHere(text: string): boolean {
  return /here$/i.test(text) && /^[A-Za-z_.-]{8,}$/.test(text);
}

/**
 * Filler a person typed to fill a token's length: an ascending run of six or more (`abcdefgh`,
 * `123456`, `aBcDeF`), or mostly the same few characters over again (`FakeFakeFake…`,
 * `123123123…`, `glc_1111…=`). Random tokens practically never do either (an ascending run of six
 * has a chance near 1 in 60 million per position in base62).
 */
export function isTypedFiller(text: string): boolean {
  if (text.length < 12) return false;
  let run = 1;
  let previous = lowerAlnumCode(text.charCodeAt(0));
  for (let i = 1; i < text.length; i++) {
    const current = lowerAlnumCode(text.charCodeAt(i));
    // `aAbBcC`: the same letter in the other case continues the run without extending it.
    if (current === previous && current >= 100 && text.charCodeAt(i) !== text.charCodeAt(i - 1)) continue;
    if (previous >= 0 && current === previous + 1) {
      if (++run >= 6) return true;
    } else run = 1;
    previous = current;
  }
  return isRepeatedUnit(text);
}

/** Mostly the same few characters over again (12 or more of them). */
function isRepeatedUnit(text: string): boolean {
  // Repetition needs few distinct characters; a random token has many (and skips the trigram count).
  return text.length >= 12 && fewDistinctCharacters(text) && fewDistinctTrigrams(text);
}

const seen = new Uint32Array(65536);
let seenStamp = 0;

/** At most a third of the (first 256) characters distinct: what a repeated short unit gives. */
function fewDistinctCharacters(text: string): boolean {
  seenStamp = (seenStamp + 1) >>> 0 || 1;
  const limit = Math.min(text.length, 256);
  let distinct = 0;
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (seen[c] === seenStamp) continue;
    seen[c] = seenStamp;
    if (++distinct * 3 > limit) return false;
  }
  return true;
}

/** Digits and letters in one order (`0`–`9`, then `a`–`z`, case folded); -1 for anything else. */
function lowerAlnumCode(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 100;
  if (code >= 65 && code <= 90) return code - 65 + 100;
  return -1;
}

/** Fewer than half of the trigrams distinct: a short pattern repeated (`abcabcabc`, `FakeFake…`). */
function fewDistinctTrigrams(text: string): boolean {
  const limit = Math.min(text.length, 256);
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= limit; i++) trigrams.add(text.slice(i, i + 3));
  return trigrams.size * 2 < limit - 2;
}

/** A value vendors publish in their documentation (documentation-values.ts). */
export function isDocumentationValue(text: string): boolean {
  // Only values of a length some documentation value has are hashed.
  const digests = DOCUMENTATION_DIGESTS.get(text.length);
  return digests !== undefined && digests.has(sha256(text));
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
  // Each form starts with `e`, `E` or `$`: most values are let go on their first character.
  const first = text.charCodeAt(0);
  if (first !== 0x65 && first !== 0x45 && first !== 0x24) return false;
  return /^encrypted:[A-Za-z0-9+/=]{16,}/.test(text) || /^ENC\[[A-Za-z0-9_]+,data:/.test(text) || text.startsWith('$ANSIBLE_VAULT;');
}
