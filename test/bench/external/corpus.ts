/**
 * The measurement corpus from other projects' published examples: gitleaks' rule files (true
 * positives and hand-written false positives) and secretlint's rule snapshots (`ng.*` findings and
 * `ok.*` inputs), each value written as an env line under a key that fits the rule and under a
 * neutral key. Read from snapshots fetched on this machine (bare git directories), built at
 * measurement time into test/bench/.work (gitignored): none of their files is committed here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseKey, tokeniseKey } from '../../../src/core/detection';
import { readRuleFile, type Example } from './go-rules';

export interface ExternalCase {
  readonly source: 'gitleaks' | 'secretlint';
  /**
   * A published positive that is itself a placeholder by the issue's own list (one character
   * repeated, `x` bodies, EXAMPLE, sample/dummy/fake, typed sequences such as `aBcDeF…`/`123456…`,
   * a unit repeated): counted with the placeholders, not with the secrets to find.
   */
  readonly placeholderShaped?: boolean;
  /** A published negative of one rule that is a published positive of another (another vendor's real secret). */
  readonly otherRulesSecret?: boolean;
  /** The other project's rule id (gitleaks) or rule and snapshot (secretlint). */
  readonly rule: string;
  readonly value: string;
  readonly secret: boolean;
  /** A key naming what the rule finds (`STRIPE_ACCESS_TOKEN`). */
  readonly fittingKey: string;
}

export const NEUTRAL_KEY = 'VALUE_1';

const MIRRORS = process.env.ENVGUARD_MIRRORS ?? '/work/.mirror';
export const GITLEAKS_GIT = process.env.ENVGUARD_GITLEAKS_GIT ?? path.join(MIRRORS, 'gitleaks+gitleaks/repo');
export const SECRETLINT_GIT = process.env.ENVGUARD_SECRETLINT_GIT ?? path.join(MIRRORS, 'secretlint+secretlint/repo');

/** Where the snapshots' files are unpacked for reading (gitignored). */
const WORK = path.resolve(__dirname, '../.work/external-corpus');

/** The files under `folder` at the snapshot's HEAD, unpacked once into WORK; their root. */
function unpacked(gitDir: string, name: string, folder: string): string {
  const root = path.join(WORK, name);
  const head = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const stamp = path.join(root, '.head');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === head) return root;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', 'HEAD', folder], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  writeFileSync(stamp, head);
  return root;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

export function snapshotsPresent(): { gitleaks: boolean; secretlint: boolean } {
  return { gitleaks: existsSync(GITLEAKS_GIT), secretlint: existsSync(SECRETLINT_GIT) };
}

/** `stripe-access-token` → `STRIPE_ACCESS_TOKEN`; `_TOKEN` is added when the words hint at nothing. */
export function fittingKey(name: string): string {
  const key = tokeniseKey(name.replace(/[^A-Za-z0-9]+/g, '_')).join('_').toUpperCase();
  return analyseKey(key).hint ? key : `${key}_TOKEN`;
}

/**
 * The value an example line assigns: an XML `value="…"` attribute or element text, else the
 * longest quoted string that is not a sentence, else an unquoted
 * URL, else what follows the last assignment, else the line. A multi-line example holding a PEM
 * block is one value; its comment lines assign nothing.
 */
export function valueOfLine(line: string): string {
  if (line.includes('-----BEGIN') && line.includes('-----END')) return line.trim();
  const parts = line.split('\n');
  const code = parts.filter((part) => !/^\s*(?:#|\/\/)/.test(part));
  let best = '';
  for (const part of code.length > 0 ? code : parts) {
    const candidate = valueOfOneLine(part);
    if (candidate.length > best.length) best = candidate;
  }
  return best;
}

function valueOfOneLine(line: string): string {
  const attribute = /\bvalue\s*=\s*"([^"]{1,4000})"/i.exec(line)?.[1];
  if (attribute !== undefined && attribute.trim().length > 0) return attribute.trim();
  const element = /^\s*<[A-Za-z][^<>]*>([^<>]{8,4000})<\/[A-Za-z][^<>]*>\s*$/.exec(line)?.[1];
  if (element !== undefined) return element.trim();
  const quoted: string[] = [];
  const re = /(["'`])((?:(?!\1)[^\\]|\\.){0,4000})(?:\1|$)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    quoted.push(m[2]!);
    if (m[0].length === 0) re.lastIndex++;
  }
  const byLength = quoted.map((q) => q.trim()).filter((q) => q.length >= 8).sort((a, b) => b.length - a.length);
  // A help text in words beside the token (`help="Hugging Face token to access …"`) assigns nothing.
  const longest = byLength.find((q) => !/^[A-Za-z,.]+(?:\s+[A-Za-z,.]+){2,}$/.test(q)) ?? byLength[0];
  if (longest !== undefined) return longest;
  const url = /[a-z][a-z0-9+.-]{1,20}:\/\/\S+/i.exec(line)?.[0];
  if (url !== undefined) return url;
  const assignment = /(?::=|=>|=|:)\s*([^=:]*)$/.exec(line);
  const after = assignment?.[1]?.trim().replace(/[;,]+$/, '').replace(/\)+$/, (closing, at: number, text: string) => (text.slice(0, at).includes('(') ? closing : ''));
  if (after && after.length >= 4) return after;
  return line.trim();
}

/** Rules whose examples are command lines: the whole command is the value (`HEALTHCHECK="curl …"`). */
const COMMAND_RULES = /^curl-/;

function exampleValue(example: Example, rule: string): string {
  if ('value' in example) return example.value;
  return COMMAND_RULES.test(rule) ? example.line.trim() : valueOfLine(example.line);
}

export function gitleaksCases(seed = 1): { cases: ExternalCase[]; rules: number; skipped: number } {
  const folder = path.join(unpacked(GITLEAKS_GIT, 'gitleaks', 'cmd/generate/config/rules'), 'cmd/generate/config/rules');
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .sort();
  const cases: ExternalCase[] = [];
  const rules = new Set<string>();
  let skipped = 0;
  files.forEach((file, index) => {
    for (const found of readRuleFile(readFileSync(path.join(folder, file), 'utf8'), seed * 1000 + index)) {
      skipped += found.skipped;
      if (!found.rule) continue;
      rules.add(found.rule);
      const key = fittingKey(found.rule);
      for (const [examples, secret] of [[found.positives, true], [found.negatives, false]] as const) {
        for (const example of examples) {
          const value = exampleValue(example, found.rule);
          if (value.length === 0) continue;
          cases.push({ source: 'gitleaks', rule: found.rule, value, secret, fittingKey: key, ...(secret && placeholderShaped(value) ? { placeholderShaped: true } : {}) });
        }
      }
    }
  });
  return { cases, rules: rules.size, skipped };
}

/** Snapshots that test options, filters or other files than text are not examples of a format. */
const SECRETLINT_SKIP = /secretlint-rule-(?:filter-comments|no-dotenv|no-homedir|pattern|internal-test|preset-|example|no-k8s-kind-secret)/;

export function secretlintCases(): { cases: ExternalCase[]; rules: number } {
  const root = unpacked(SECRETLINT_GIT, 'secretlint', 'packages/@secretlint');
  const files = walk(path.join(root, 'packages/@secretlint')).map((f) => path.relative(root, f).split(path.sep).join('/'));
  const snapshots = new Map<string, string[]>();
  for (const file of files) {
    const m = /^(packages\/@secretlint\/(secretlint-rule-[^/]+)\/test\/snapshots\/((?:ng|ok)\.[^/]+))\/([^/]+)$/.exec(file);
    if (!m || SECRETLINT_SKIP.test(m[2]!)) continue;
    snapshots.set(m[1]!, [...(snapshots.get(m[1]!) ?? []), m[4]!]);
  }
  const cases: ExternalCase[] = [];
  const rules = new Set<string>();
  for (const [dir, names] of snapshots) {
    // Options change what the rule reports: such snapshots are not plain examples.
    if (names.includes('.secretlintrc.json') || names.includes('options.ts')) continue;
    const input = names.find((n) => /^input(?:\.(?:txt|md|json|ya?ml|config|env))?$/.test(n));
    if (!input) continue;
    const rule = /secretlint-rule-([^/]+)/.exec(dir)![1]!;
    const snapshot = path.basename(dir);
    const text = readFileSync(path.join(root, dir, input)).toString('utf8');
    if (text.includes('\u0000')) continue;
    rules.add(rule);
    if (snapshot.startsWith('ng.')) {
      if (!names.includes('output.json')) continue;
      const output = JSON.parse(readFileSync(path.join(root, dir, 'output.json'), 'utf8')) as { messages: { range: [number, number]; messageId?: string; data?: Record<string, unknown> }[] };
      for (const message of output.messages) {
        const data = Object.values(message.data ?? {}).filter((v): v is string => typeof v === 'string');
        const fromData = data.sort((a, b) => b.length - a.length)[0];
        const value = fromData && text.includes(fromData) ? fromData : text.slice(message.range[0], message.range[1]);
        if (value.trim().length === 0) continue;
        cases.push({ source: 'secretlint', rule: `${rule}/${snapshot}`, value: value.trim(), secret: true, fittingKey: fittingKey(message.messageId ?? rule), ...(placeholderShaped(value) ? { placeholderShaped: true } : {}) });
      }
    } else {
      for (const line of text.split('\n')) {
        if (line.trim().length === 0 || /^\s*(?:#|\/\/)/.test(line)) continue;
        const value = valueOfLine(line);
        if (value.length < 8) continue;
        cases.push({ source: 'secretlint', rule: `${rule}/${snapshot}`, value, secret: false, fittingKey: fittingKey(rule) });
      }
    }
  }
  return { cases, rules: rules.size };
}

/**
 * The placeholder list, written independently of the detector: used only to label the
 * published positives that are themselves placeholders.
 */
export function placeholderShaped(value: string): boolean {
  // Documentation host names (`api.example.com`) say nothing about the secret beside them.
  const text = value.replace(/\b(?:[a-z0-9-]+\.)*example\.(?:com|net|org)\b/gi, '');
  if (/example|sample|dummy|fake|placeholder|your.{0,20}here|<[^>]{1,80}>|\$\{[^}]{1,80}\}|deadbeef|cafebabe/i.test(text)) return true;
  if (/x{4,}|X{4,}|\*{3,}|\.{3,}|#{4,}/.test(text)) return true;
  // One character, or a short unit, repeated over a good part of the value (formats' own `AAAA…` runs are shorter).
  const repeated = /(.{1,8}?)(?:[-_]?\1){3,}/.exec(text);
  if (repeated && repeated[0].length * 10 >= text.length * 4) return true;
  const runs = (text.match(/(.)\1{5,}/g) ?? []).join('').length;
  if (runs * 10 >= text.length * 4) return true;
  // `user:pass@host`: the documentation's own stand-in for a password.
  if (/\/\/(?:user|username|admin):(?:pass|password)@/i.test(text)) return true;
  let run = 1;
  const order = (c: string): number => '0123456789abcdefghijklmnopqrstuvwxyz'.indexOf(c.toLowerCase());
  for (let i = 1; i < text.length; i++) {
    if (text[i]!.toLowerCase() === text[i - 1]!.toLowerCase() && text[i] !== text[i - 1]) continue;
    const a = order(text[i - 1]!);
    run = a >= 0 && order(text[i]!) === a + 1 ? run + 1 : 1;
    if (run >= 6) return true;
  }
  return false;
}

/** Marks the negatives that another rule publishes as a positive: they are secrets, of another vendor. */
export function markOtherRulesSecrets(cases: ExternalCase[]): ExternalCase[] {
  const positives = new Set(cases.filter((c) => c.secret).map((c) => c.value));
  return cases.map((c) => (!c.secret && positives.has(c.value) ? { ...c, otherRulesSecret: true } : c));
}
