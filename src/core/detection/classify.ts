/**
 * The verdict for one key and value: is this a plaintext secret, and by which rule?
 *
 * Order matters. Values that cannot hold a plaintext secret (empty, vault references, encrypted,
 * interpolations) go first; then the user's own patterns; then vendor formats (a strong one wins
 * over whatever the key says); then credentials inside URLs and connection strings; then secrets
 * nested in JSON; and only then, for values that are not placeholders or public identifiers, what
 * the key name hints at.
 */
import { looksLikeReference, referenceProblem } from '../references';
import { analyseKey, mayHintAtSecret, tokeniseKey, type KeyAnalysis, type KeyHint } from './key-hints';
import { claimingPrefix, findVendorRule, type VendorMatchJudge } from './vendor-scan';
import type { VendorRule } from './vendor-rules';
import { findEmbeddedCredentials } from './url-credentials';
import { commandLineCredential } from './command-line';
import { isEncryptedValue, isInterpolation, isPlaceholder, isPlaceholderMatch, isTypedFiller, MASK } from './placeholders';
import { isPublicIdentifier } from './public-values';
import { isNumeric, isOrdinaryConfig } from './config-values';
import { isGuid, isHex, looksRandom } from './entropy';
import { isLocalDefaultPassword } from './local-defaults';
import { isIdentifierOrProse } from './not-credentials';
import { HIGH_ENTROPY_MATCH } from './generic';
import { compileCustomPatterns, matchCustomPatterns, type CompiledCustomPattern } from './custom-patterns';
import type { DetectionSettings, SecretMatch } from './types';

/** Longer values are judged on their first part, and reported as not fully checked when it holds nothing. */
export const MAX_SCANNED_LENGTH = 65536;
/** JSON inside JSON strings is followed this deep; JSON documents are checked up to this many strings. */
const MAX_JSON_DEPTH = 4;
const MAX_JSON_STRINGS = 500;

/** A value that starts like a vault reference and does not parse: a finding of its own, not a secret. */
export const MALFORMED_REFERENCE_RULE = 'malformed-reference';
/** A value a bound kept from being checked whole (its length, JSON nested too deep or too large). */
export const NOT_FULLY_CHECKED_RULE = 'not-fully-checked';

/** A key the programs reading its file read differently (core/scan/readings.ts): a finding, not a secret. */
export const LOADERS_DISAGREE_RULE = 'loaders-disagree';

/** Findings of these rules are problems to look at, not plaintext secrets. */
export function isPlaintextSecretRule(rule: string): boolean {
  return rule !== MALFORMED_REFERENCE_RULE && rule !== NOT_FULLY_CHECKED_RULE && rule !== LOADERS_DISAGREE_RULE;
}

/** Findings that are not plaintext secrets rank below one that is: a secret found later still wins. */
const RANK: Partial<Record<NonNullable<SecretMatch['source']>, number>> = { reference: 1, limit: 2 };

interface Context {
  readonly custom: readonly CompiledCustomPattern[];
  /** `detection.reportLocalDefaults`: report `postgres`/`guest:guest`-style development defaults too. */
  readonly reportLocalDefaults?: boolean;
  readonly depth: number;
  /** Set inside JSON held by a client-exposed variable (`NEXT_PUBLIC_CONFIG={…}`). */
  readonly inheritedPublic: boolean;
}

const DEFAULT_CONTEXT: Context = { custom: [], depth: 0, inheritedPublic: false };

/** Why `value` under `key` is a plaintext secret, or undefined when it is not one. */
export function classifyValue(key: string, value: string, settings?: DetectionSettings): SecretMatch | undefined {
  const custom = compileCustomPatterns(settings?.customPatterns);
  const reportLocalDefaults = settings?.reportLocalDefaults === true;
  if (custom.length === 0 && !reportLocalDefaults) return classify(key, value, DEFAULT_CONTEXT);
  return classify(key, value, { custom, depth: 0, inheritedPublic: false, reportLocalDefaults });
}

function classify(key: string, value: string, context: Context): SecretMatch | undefined {
  const whole = value.trim();
  if (whole.length === 0) return undefined;
  if (looksLikeReference(whole)) {
    const problem = referenceProblem(whole);
    return problem === undefined ? undefined : { rule: MALFORMED_REFERENCE_RULE, description: 'malformed vault reference', source: 'reference', statement: problem };
  }
  if (whole.length <= MAX_SCANNED_LENGTH) return classifyText(key, whole, context);
  return classifyText(key, whole.slice(0, MAX_SCANNED_LENGTH), context) ?? notFullyChecked(`is ${whole.length} characters long; only its first ${MAX_SCANNED_LENGTH} were checked for secrets`);
}

function notFullyChecked(statement: string): SecretMatch {
  return { rule: NOT_FULLY_CHECKED_RULE, description: 'value not fully checked', source: 'limit', statement };
}

function classifyText(key: string, text: string, context: Context): SecretMatch | undefined {
  if (isEncryptedValue(text) || isInterpolation(text)) return undefined;

  // Most settings have no custom patterns: no call at all then (this runs once per entry).
  const custom = context.custom.length > 0 ? matchCustomPatterns(context.custom, key, text) : undefined;
  if (custom) return custom;

  // The key is analysed only when something needs it: most keys of a big file hint at nothing and
  // name no vendor, and their values match no vendor format.
  const view = new KeyView(key, context.inheritedPublic);
  const vendor = matchVendorRule(text, view);
  if (vendor) return vendor;

  const credentials = findEmbeddedCredentials(text, context.reportLocalDefaults === true) ?? commandLineCredential(text);
  if (credentials) return credentials;

  const json = parseJson(text);
  if (json !== undefined) {
    // Children inherit a client-exposed parent, not its modifiers: `TOKEN_CONFIG` may hold a real `password`.
    const inheritedPublic = context.inheritedPublic || view.analysis().publicVariable;
    if (context.depth >= MAX_JSON_DEPTH) return notFullyChecked(`holds JSON nested in JSON strings more than ${MAX_JSON_DEPTH} deep; the inner levels were not checked for secrets`);
    return classifyJson(json, key, { ...context, depth: context.depth + 1, inheritedPublic });
  }

  // `Authorization: Bearer …`, `apikey: …`: a header or YAML line pasted as the value is judged under its own name.
  const line = mayBeNamedLine(text) ? NAMED_LINE.exec(text) : null;
  if (line && context.depth < MAX_JSON_DEPTH) {
    const inner = classify(line[1]!, unquoted(line[2]!), { ...context, depth: context.depth + 1 });
    if (inner) return inner;
  }

  // A value starting with a vendor's prefix that its format refused is a near-miss or a placeholder of that vendor.
  const hinted = mayHintAtSecret(key) ? view.analysis().hint : undefined;
  // Most values of a big file have no hint and are too short or spaced to be a token: they stop here.
  if (!hinted && !mayBeToken(text)) return undefined;
  if (claimingPrefix(text) !== undefined || TELEGRAM_SHAPE.test(text)) {
    // A vendor's prefix that its format refused, under a key that says secret or token, with a random
    // body (a key cut short, or of a shape the table does not know yet) is still a credential; with
    // a placeholder body, or under no such key, it is a near-miss.
    if (!hinted || hinted.strength !== 'strong' || isPlaceholder(text) || !highEntropyToken(text, view)) return undefined;
    return { rule: hinted.rule, description: hinted.description, source: 'key-hint' };
  }
  if (hinted) {
    if (view.publicContext()) return undefined;
    if (isPlaceholder(text) || isPublicIdentifier(text)) return undefined;
    if (!context.reportLocalDefaults && hinted.strength === 'password' && isLocalDefaultPassword(text)) return undefined;
    if (valueFitsHint(hinted, text) && !isTypedFiller(text)) return { rule: hinted.rule, description: hinted.description, source: 'key-hint' };
    // A weak hint that the value does not fit leaves it to the generic test below.
    if (hinted.strength !== 'weak') return undefined;
  }
  // A pasted `name: value` line whose value is no secret under its name is no random token either.
  if (line && WORD_NAME.test(line[1]!)) return undefined;
  return highEntropyToken(text, view);
}

/** The name of a header or YAML line made of words (`token`, `Content-Type`), not a random run. */
const WORD_NAME = /^[A-Za-z][a-z]{1,20}(?:[-_][A-Za-z][a-z]{1,20}){0,3}$/;

/**
 * A bot id, a colon and `A…`: Telegram's shape. A value of that shape the Telegram rule refused (a
 * bot id of four digits, a secret part of the wrong length) is a near-miss of it, like a vendor prefix.
 */
const TELEGRAM_SHAPE = /^\d{1,20}:A[A-Za-z0-9_-]{20,60}$/;

/** `"value"` → `value`: a header or YAML line quotes its value. */
function unquoted(text: string): string {
  const first = text[0];
  return text.length >= 2 && (first === '"' || first === "'") && text[text.length - 1] === first ? text.slice(1, -1) : text;
}

function mayBeToken(text: string): boolean {
  return text.length >= GENERIC_MIN_LENGTH && text.length <= 1024 && !/\s/.test(text);
}

/** Shorter random strings under a neutral key are too often ids and build hashes to call secrets. */
const GENERIC_MIN_LENGTH = 20;

/** `Name: value` with one word before the colon: an HTTP header or a YAML line. */
const NAMED_LINE = /^([A-Za-z][A-Za-z0-9_.-]{0,40}):[ \t]{0,4}([^\s:/][^\r\n]{7,4000})$/;

/**
 * Whether NAMED_LINE can match: the name holds no colon, so its colon is the first one, and a `/`
 * right after it (`https://…`, most values with a colon) cannot start the value.
 */
function mayBeNamedLine(text: string): boolean {
  const colon = text.indexOf(':');
  return colon > 0 && text.charCodeAt(colon + 1) !== 0x2f;
}

/**
 * A machine-generated token under a key that says nothing (`VALUE_1`, `TRELLO`): long, random by
 * its character statistics, not hex (digests and commit ids are hex), not a GUID, not an
 * identifier, and under no key that names an identifier, a hash or a public value.
 */
function highEntropyToken(text: string, view: KeyView): SecretMatch | undefined {
  if (text.length < GENERIC_MIN_LENGTH || text.length > 1024) return undefined;
  // URLs and paths (`//cdn…/a1B2…`, `jdbc:mysql://…`) have their own rules; their segments are names, not secrets.
  if (text.includes('://') || /^(?:\/|#!)/.test(text)) return undefined;
  if (!looksRandom(text) || isHex(text) || isGuid(text) || isMostlyHex(text)) return undefined;
  // Joined pieces (`claude-3-opus-20240229`) need one random piece: letters and digits over 12 characters or more.
  if (/[-_.:=~]/.test(text) && !text.split(/[-_.:=~]+/).some((piece) => piece.length >= 12 && /\d/.test(piece) && /[A-Za-z]/.test(piece))) return undefined;
  if (isOrdinaryConfig(text) || isPlaceholder(text) || isTypedFiller(text) || isPublicIdentifier(text) || isIdentifierOrProse(text)) return undefined;
  // Short ones must mix letters and digits: `Kubernetes2Clusters` is a name, `a5csws89gmpe32mk` is not.
  if (text.length < 20 && !(/\d/.test(text) && /[A-Za-z]/.test(text))) return undefined;
  if (view.publicContext() || view.analysis().negated) return undefined;
  return HIGH_ENTROPY_MATCH;
}

/**
 * The key of one value, analysed on first use; also the judge of a vendor match for that value. A
 * class rather than closures: classification runs once per entry of files of a million lines, and
 * closures made per entry cost more than the checks they guard.
 */
class KeyView implements VendorMatchJudge {
  private analysed: KeyAnalysis | undefined;
  private tokenised: readonly string[] | undefined;

  constructor(
    readonly key: string,
    private readonly inheritedPublic: boolean,
  ) {}

  analysis(): KeyAnalysis {
    return (this.analysed ??= analyseKey(this.key, this.tokenised));
  }

  /** The keyed vendor rules only need the words: a key naming a vendor (`AWS_REGION`) is not analysed for them alone. */
  words(): readonly string[] {
    return this.analysed?.words ?? (this.tokenised ??= tokeniseKey(this.key));
  }

  /** A client-exposed variable, a negated key, or JSON held by one: public by design. */
  publicContext(): boolean {
    if (this.inheritedPublic) return true;
    const analysis = this.analysis();
    return analysis.publicVariable || analysis.negated;
  }

  accept(rule: VendorRule, text: string, found: string, body: string, checksumVerified: boolean): boolean {
    if (isPlaceholderMatch(found, body, checksumVerified) || isMaskedAfter(text, found)) return false;
    return rule.strength === 'strong' || !(this.publicContext() || isPublicIdentifier(text));
  }
}

function matchVendorRule(text: string, view: KeyView): SecretMatch | undefined {
  const rule = findVendorRule(text, view);
  return rule ? vendorMatch(rule) : undefined;
}

/** One verdict per vendor rule, made on its first match: a file of many tokens does not build one per entry. */
const vendorMatches = new Map<VendorRule, SecretMatch>();

function vendorMatch(rule: VendorRule): SecretMatch {
  let match = vendorMatches.get(rule);
  if (!match) {
    match = { rule: rule.id, description: rule.description, source: 'vendor' };
    vendorMatches.set(rule, match);
  }
  return match;
}

/** `xoxp-123…-####`: a mask right after the token means the token was cut and masked. */
function isMaskedAfter(text: string, found: string): boolean {
  const at = text.indexOf(found) + found.length;
  return at < text.length && MASK.test(text.slice(at, at + 8));
}

/**
 * A digest with a short affix or joined to numbers (`x` + 63 hex, 64 hex + `R21`, `965f1453~47~…`):
 * a hex run of 32 or more making most of the value. A random base62 token never holds such a run.
 */
function isMostlyHex(text: string): boolean {
  let longest = 0;
  let hex = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) {
      hex++;
      if (++run > longest) longest = run;
    } else run = 0;
  }
  return longest >= 32 && hex * 10 >= text.length * 9;
}

/**
 * A URL, a protocol-relative link (`//docs.google.com/…`) or a path (`/srv/…`, `#!/registries/…`):
 * under a token key its credentials are judged by the URL rules, and the rest is an address.
 */
const ADDRESS = /^(?:[A-Za-z][A-Za-z0-9+.-]{0,20}:){1,2}\/\/|^(?:\/|#!\/)/;

/**
 * Text with spaces under a token key is one secret only when it is a passphrase (words of letters)
 * or a scheme and its credential; words mixed with codes (`partOf… gYnkg…`, a YAML document, a
 * listing) are text about or around a token, which a vendor rule finds if it is one.
 */
function isSpacedSecret(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.every((w) => /^[A-Za-z]*$/.test(w))) return true;
  // `Bearer …`, and `name: …` (a YAML or header line pasted whole).
  return words.length === 2 && (/^(?:Bearer|Basic|Token|Bot|Digest)$/i.test(words[0]!) || words[0]!.endsWith(':'));
}

/**
 * Does the value look like what the key announces? A password can be anything a person typed; a
 * secret or token is at least a few characters that are not configuration; a weak hint (`KEY`,
 * `AUTH`) needs a machine-generated value.
 */
function valueFitsHint(hint: KeyHint, text: string): boolean {
  if (isOrdinaryConfig(text)) return false;
  if (hint.strength === 'password') {
    if (isNumeric(text)) return /^\d{4,}$/.test(text);
    return text.length >= 3 && !isIdentifierOrProse(text, 'password');
  }
  if (hint.strength === 'strong') {
    if (isNumeric(text)) return text.replace(/\D/g, '').length >= 16;
    // A short lone word under a token key is an enum (`strict`, `header`, `redis`), not a secret.
    if (/^[a-z]{1,10}$/.test(text) || /^[A-Z][a-z]{1,9}$/.test(text)) return false;
    if (ADDRESS.test(text) || (/\s/.test(text) && !isSpacedSecret(text))) return false;
    return text.length >= 6 && !isIdentifierOrProse(text);
  }
  if (hint.rule === 'key-hint-auth' && isUserAndPassword(text)) return true;
  return looksRandom(text) && !isGuid(text);
}

/** `user:s3cret!` under an AUTH key: the password half must look typed, not like a `scope:name` pair. */
function isUserAndPassword(text: string): boolean {
  const match = /^([^\s:/@]{1,64}):(\S{4,200})$/.exec(text);
  const password = match?.[2];
  if (!password || /^\d+$/.test(password)) return false;
  return password.length >= 12 || /[\d\W_]/.test(password) || /[A-Z]/.test(password);
}

/** Objects and arrays only: `123` and `"text"` are JSON too, but not structured config. */
function parseJson(text: string): unknown {
  const first = text[0];
  const last = text[text.length - 1];
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Classifies each string in a JSON document under its property name (an array inherits its
 * parent's). The first plaintext secret wins; a malformed reference or a part not checked is kept
 * in case none follows.
 */
function classifyJson(root: unknown, rootKey: string, context: Context): SecretMatch | undefined {
  const stack: { key: string; node: unknown }[] = [{ key: rootKey, node: root }];
  let strings = 0;
  let remark: SecretMatch | undefined;
  while (stack.length > 0) {
    const { key, node } = stack.pop()!;
    if (typeof node === 'string') {
      if (++strings > MAX_JSON_STRINGS) return remark ?? notFullyChecked(`holds JSON with more than ${MAX_JSON_STRINGS} strings; the rest were not checked for secrets`);
      const found = classify(key, node, context);
      const rank = found?.source ? RANK[found.source] : undefined;
      if (found && rank === undefined) return found;
      if (found && (remark === undefined || rank! < RANK[remark.source!]!)) remark = found;
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push({ key, node: item });
    } else if (node !== null && typeof node === 'object') {
      for (const [childKey, child] of Object.entries(node)) stack.push({ key: childKey, node: child });
    }
  }
  return remark;
}
