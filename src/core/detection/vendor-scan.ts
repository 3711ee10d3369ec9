/**
 * Finds the first vendor rule matching a value, fast. The literals of all rules are indexed by their
 * first two characters; one pass over the value looks each character pair up, so only literals that
 * start there are compared, and only the rules whose literal occurs run their regex.
 */
import type { KeyAnalysis } from './key-hints';
import { VENDOR_RULES, type VendorRule } from './vendor-rules';

/** No keyed format is shorter than this (Sumo Logic access ids); the scan for literals needs MIN_LITERAL_LENGTH. */
export const MIN_TOKEN_LENGTH = 14;

interface LiteralEntry {
  readonly literal: string;
  /** Indexes into VENDOR_RULES of the rules this literal guards. */
  readonly rules: readonly number[];
}

const ASCII = 128;

/**
 * Literals by the code of their first two characters: `groupOfBigram` maps a bigram to an index in
 * `groups` (or -1). Literals that cannot be indexed so are searched for directly.
 */
const groupOfBigram = new Int16Array(ASCII * ASCII).fill(-1);
const groups: LiteralEntry[][] = [];
/**
 * Per group, the ASCII characters its literals have third (a bit set of four words). Common
 * bigrams of ordinary text (`ps` of `https`, `ap` of `api.`) start a literal far less often with
 * its third character too, and are let go without comparing literals.
 */
const THIRD_WORDS = ASCII / 32;
let thirdOfGroup = new Uint32Array(0);
/** 1 for a group with a literal that any third character may follow (two characters long, or a non-ASCII third). */
let anyThirdOfGroup = new Uint8Array(0);
const unindexed: LiteralEntry[] = [];
const alwaysRun: number[] = [];
const keyedRules: number[] = [];

(function buildIndex(): void {
  const byLiteral = new Map<string, number[]>();
  VENDOR_RULES.forEach((rule, index) => {
    if (rule.keyWords) keyedRules.push(index);
    else if (rule.literals.length === 0) alwaysRun.push(index);
    for (const literal of rule.literals) byLiteral.set(literal, [...(byLiteral.get(literal) ?? []), index]);
  });
  for (const [literal, rules] of byLiteral) {
    const entry = { literal, rules };
    const bigram = literal.length >= 2 ? bigramAt(literal, 0) : -1;
    if (bigram < 0) {
      unindexed.push(entry);
    } else {
      if (groupOfBigram[bigram] === -1) groupOfBigram[bigram] = groups.push([]) - 1;
      groups[groupOfBigram[bigram]!]!.push(entry);
    }
  }
  thirdOfGroup = new Uint32Array(groups.length * THIRD_WORDS);
  anyThirdOfGroup = new Uint8Array(groups.length);
  groups.forEach((entries, group) => {
    for (const { literal } of entries) {
      const third = literal.length > 2 ? literal.charCodeAt(2) : -1;
      if (third >= 0 && third < ASCII) thirdOfGroup[group * THIRD_WORDS + (third >> 5)]! |= 1 << (third & 31);
      else anyThirdOfGroup[group] = 1;
    }
  });
})();

/** Whether a literal of the group can have `code` third (the text's next character; -1 past its end). */
function mayContinue(group: number, code: number): boolean {
  if (anyThirdOfGroup[group] === 1) return true;
  return code >= 0 && code < ASCII && (thirdOfGroup[group * THIRD_WORDS + (code >> 5)]! & (1 << (code & 31))) !== 0;
}

function bigramAt(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  return a < ASCII && b < ASCII ? a * ASCII + b : -1;
}

/** The shortest text a rule found by its literal can match: shorter values skip the scan for literals. */
const MIN_LITERAL_LENGTH = Math.min(...VENDOR_RULES.filter((rule) => !rule.keyWords).map((rule) => rule.minLength));

/**
 * Reused between calls (the scan never re-enters itself): `marked[r] === stamp` when rule r's literal
 * occurs in the current text, so nothing is cleared between values; `hits` lists them.
 */
const marked = new Uint32Array(VENDOR_RULES.length);
let stamp = 0;
const hits: number[] = [];

function mark(rules: readonly number[]): void {
  for (const r of rules) {
    if (marked[r] === stamp) continue;
    marked[r] = stamp;
    hits.push(r);
  }
}

/** Lists (in `hits`) the rules whose literal occurs in the text: one pass, a table lookup or two per position. */
function markCandidates(text: string): void {
  stamp = (stamp + 1) >>> 0 || 1;
  hits.length = 0;
  let previous = text.charCodeAt(0);
  for (let i = 1; i < text.length; i++) {
    const current = text.charCodeAt(i);
    const group = previous < ASCII && current < ASCII ? groupOfBigram[previous * ASCII + current]! : -1;
    previous = current;
    if (group < 0 || !mayContinue(group, i + 1 < text.length ? text.charCodeAt(i + 1) : -1)) continue;
    for (const entry of groups[group]!) if (text.startsWith(entry.literal, i - 1)) mark(entry.rules);
  }
  for (const entry of unindexed) if (text.includes(entry.literal)) mark(entry.rules);
  mark(alwaysRun);
}

/** Keyed rules by vendor word; words of five letters or more also match inside a key word (`TWILIOAUTH`). */
const keyedByWord = new Map<string, number[]>();
const longVendorWords: string[] = [];

for (const r of keyedRules) {
  for (const word of VENDOR_RULES[r]!.keyWords!) {
    if (!keyedByWord.has(word)) {
      keyedByWord.set(word, []);
      if (word.length >= 5) longVendorWords.push(word);
    }
    keyedByWord.get(word)!.push(r);
  }
}

/** The keyed rules a key names, split by strength (strong ones are tried before any other rule). */
interface KeyedRules {
  readonly strong: readonly number[];
  readonly medium: readonly number[];
}

/**
 * Keyed rules by the vendor words a key holds (`stripe`, `sumo access`), remembered per set of words:
 * keys are many and often unique, the vendor words in them few.
 */
const keyedByVendorWords = new Map<string, KeyedRules>();

function keyedCandidates(words: readonly string[]): KeyedRules {
  // Most keys name no vendor: nothing is allocated or remembered for them (a file may hold a million keys).
  if (!words.some(namesVendor)) return NO_KEYED;
  const named = words.filter(namesVendor);
  const signature = named.join(' ');
  let found = keyedByVendorWords.get(signature);
  if (!found) {
    const rules = new Set<number>();
    for (const word of named) {
      for (const r of keyedByWord.get(word) ?? []) rules.add(r);
      if (word.length > 5) for (const vendor of longVendorWords) if (word.includes(vendor)) for (const r of keyedByWord.get(vendor)!) rules.add(r);
    }
    const sorted = [...rules].sort((a, b) => a - b);
    found = { strong: sorted.filter((r) => VENDOR_RULES[r]!.strength === 'strong'), medium: sorted.filter((r) => VENDOR_RULES[r]!.strength !== 'strong') };
    if (keyedByVendorWords.size < 4096) keyedByVendorWords.set(signature, found);
  }
  return found;
}

const NO_KEYED: KeyedRules = { strong: [], medium: [] };
/** Literals too common at a value's start to say whose format it is. */
const NOT_CLAIMING = new Set(['sk-', 'sk_', 're_', 'pat', 'key-', 'api-', 'sdk-', 'API-', 'eyJ', 'ewog', 'ew0K', 'live_', 'secret_', 'EAAA', 'AAAAAAAAAA', 'ZXlK', 'sl.', 'dp.', 's.', 't1.', 'YC', 'ABSK', '4b1d', 'pat.', 'sat.']);

/**
 * Whether the key can name a vendor of a keyed rule: a key word equal to, or containing, a vendor
 * word is a piece of the key (lower-cased), so the key contains the vendor word. Keys that do not
 * are never analysed for keyed rules.
 */
export const VENDOR_WORD = new RegExp([...keyedByWord.keys()].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)', 'i');

/** Whether each key word names a vendor, remembered up to a bound (words repeat far more than keys). */
const namesVendorCache = new Map<string, boolean>();

function namesVendor(word: string): boolean {
  if (keyedByWord.has(word)) return true;
  // VENDOR_WORD holds every vendor word: a word it does not match contains none (most words of a big file).
  if (word.length <= 5 || !VENDOR_WORD.test(word)) return false;
  let names = namesVendorCache.get(word);
  if (names === undefined) {
    names = longVendorWords.some((vendor) => word.includes(vendor));
    if (namesVendorCache.size < 8192) namesVendorCache.set(word, names);
  }
  return names;
}

/** Keyed rules match a whole value made of token characters; anything else cannot be one. */
const KEYED_SHAPE = /^[A-Za-z0-9_~.+/=:-]{14,100}$/;

/** The key a value is under, and what decides about a match (placeholders, public context). */
export interface VendorMatchJudge {
  readonly key: string;
  analysis(): KeyAnalysis;
  /** The key's words (KeyAnalysis.words), without the rest of its analysis when nothing else needs it. */
  words(): readonly string[];
  /** A refused match lets later rules try. */
  accept(rule: VendorRule, text: string, match: string, body: string, checksumVerified: boolean): boolean;
}

/**
 * The first vendor rule (in table order) whose pattern occurs in the text and passes its checks.
 */
export function findVendorRule(text: string, judge: VendorMatchJudge): VendorRule | undefined {
  if (text.length < MIN_TOKEN_LENGTH) return undefined;
  if (text.length >= MIN_LITERAL_LENGTH) markCandidates(text);
  else hits.length = 0;
  const keyed = KEYED_SHAPE.test(text) && VENDOR_WORD.test(judge.key) ? keyedCandidates(judge.words()) : NO_KEYED;
  if (hits.length === 0 && keyed === NO_KEYED) return undefined;
  // Strong rules first (the key's vendor's own before any other); then the rules of the vendor the key names, before
  // formats that are only secret-shaped (a Kraken private key has the shape of an Azure storage key).
  if (hits.length > 1) hits.sort(ascending);
  return (
    tryRules(keyed.strong, ALL, text, judge) ??
    tryRules(hits, STRONG, text, judge) ??
    tryRules(keyed.medium, ALL, text, judge) ??
    tryRules(hits, NOT_STRONG, text, judge)
  );
}

const ascending = (a: number, b: number): number => a - b;
const ALL = 0;
const STRONG = 1;
const NOT_STRONG = 2;

/** The first of `rules` (of the given strength) whose pattern matches and whose match is accepted; no array is built. */
function tryRules(rules: readonly number[], strength: number, text: string, judge: VendorMatchJudge): VendorRule | undefined {
  for (let i = 0; i < rules.length; i++) {
    const rule = VENDOR_RULES[rules[i]!]!;
    if (strength !== ALL && (rule.strength === 'strong') !== (strength === STRONG)) continue;
    if (text.length < rule.minLength) continue;
    const found = rule.pattern.exec(text)?.[0];
    if (found === undefined) continue;
    if (rule.verify && !rule.verify(found, text)) continue;
    if (judge.accept(rule, text, found, bodyOf(rule, found), rule.checksum?.(found) === true)) return rule;
  }
  return undefined;
}

/** The token after the rule's literal when it starts with one (`sk_live_` + body); else the whole token. */
function bodyOf(rule: VendorRule, found: string): string {
  let longest = 0;
  for (const literal of rule.literals) if (literal.length > longest && found.startsWith(literal)) longest = literal.length;
  return found.slice(longest);
}

/**
 * Prefixes that name one vendor's format: a value starting with one is that vendor's token or a
 * near-miss of it (`sntryu_` + 63 hex, `ntn_12345678901`, `AkCp…` of the wrong length), never a
 * secret of unknown shape. Compared case-insensitively; short or common literals (`sk-`, `pat`,
 * `eyJ`) do not count. Indexed by first character, lower-cased.
 */
/** Claiming prefixes (lower case, three characters or more) by their first two characters, case folded. */
const CLAIMING_PREFIXES = new Map<number, string[]>();
for (const literal of new Set(VENDOR_RULES.filter((rule) => !rule.keyWords).flatMap((rule) => rule.literals))) {
  if (!/^[A-Za-z0-9]/.test(literal) || NOT_CLAIMING.has(literal)) continue;
  if (literal.length < 4 && !/^[A-Za-z0-9]{2}[_.-]$/.test(literal) && literal !== 'xox') continue;
  const lower = literal.toLowerCase();
  const start = leadingPair(lower);
  CLAIMING_PREFIXES.set(start, [...(CLAIMING_PREFIXES.get(start) ?? []), lower]);
}

/** The first two characters as one number, ASCII letters folded to lower case (-1 for a shorter text). */
function leadingPair(text: string): number {
  if (text.length < 2) return -1;
  return foldedCode(text.charCodeAt(0)) * 65536 + foldedCode(text.charCodeAt(1));
}

function foldedCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** The vendor prefix the value starts with, if one claims it. */
export function claimingPrefix(text: string): string | undefined {
  const candidates = CLAIMING_PREFIXES.get(leadingPair(text));
  if (!candidates) return undefined;
  for (const prefix of candidates) if (startsWithIgnoringCase(text, prefix)) return prefix;
  return undefined;
}

/** `prefix` is lower case ASCII; compared without building a lower-cased copy of the value. */
function startsWithIgnoringCase(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (foldedCode(text.charCodeAt(i)) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}
