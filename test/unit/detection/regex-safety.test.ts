/**
 * Every built-in regular expression that runs on what an env file holds (keys, values, references)
 * is shown to do linear work on adversarial text: long runs of each character it mentions and of
 * each literal it contains, with and without a character that breaks a match at the end. The work
 * is counted in backtracking steps (backtracking-steps.ts), never timed: a regex passes when its
 * steps grow no faster than the text (at 4 times the length, at most 6 times the steps) and stay
 * under a fixed number of steps per character.
 *
 * Built-in rules are run by JavaScript's own engine (fast), which is why they must be proven
 * safe here; patterns from users and workspaces run on RE2 (custom-patterns.ts) instead.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { PUBLIC_VARIABLE } from '../../../src/core/detection/key-hints';
import { REFERENCE_START } from '../../../src/core/references/parse';
import { PLACEHOLDER_PHRASE } from '../../../src/core/detection/placeholders';
import { VENDOR_RULES } from '../../../src/core/detection/vendor-rules';
import { VENDOR_WORD } from '../../../src/core/detection/vendor-scan';
import { charactersOf, countSteps, StepLimitExceeded } from './backtracking-steps';

const ROOT = path.resolve(__dirname, '../../..');
/** Where the code that reads env file contents lives. */
const FOLDERS = ['src/core/detection', 'src/core/references', 'src/core/dotenv', 'src/core/dotenv/python-dotenv', 'src/core/dotenv/compose', 'src/core/scan', 'src/core/project'];
/** Each vault's reference syntaxes (its kind.ts, and a reference.ts where it keeps the parsing apart) parse values too. */
const VAULT_SYNTAX_FILES = readdirSync(path.join(ROOT, 'src/core/vault'), { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => ['kind.ts', 'reference.ts'].map((f) => `src/core/vault/${d.name}/${f}`)).filter((f) => existsSync(path.join(ROOT, f)));
/**
 * Files there that never see a file's content: format.ts writes references from a vault's own URL;
 * environment.ts makes names of file and folder names (255 characters at most).
 */
const NOT_ON_CONTENT = new Set(['src/core/references/format.ts', 'src/core/project/environment.ts']);
/** Regexes built at run time, per file: each is collected below from what the module exports. */
const DYNAMIC: Record<string, number> = { 'parse.ts': 1, 'vendor-rules.ts': 2, 'placeholders.ts': 1, 'key-hints.ts': 1, 'custom-patterns.ts': 1, 'vendor-scan.ts': 1, 'scanner.ts': 1 };

const SHORT = 128;
const LONG = SHORT * 4;
const MAX_GROWTH = 6;
const MAX_STEPS_PER_CHAR = 1000;
/** Characters that occur in values but in few patterns: one of them ends most runs. */
const OUTSIDERS = ['!', ' ', '\u00e9', '\n'];

interface BuiltIn {
  readonly where: string;
  readonly regex: RegExp;
}

function builtInRegexes(): BuiltIn[] {
  const found: BuiltIn[] = [];
  const dynamic: Record<string, number> = {};
  const files = [...FOLDERS.flatMap((folder) => readdirSync(path.join(ROOT, folder)).filter((f) => f.endsWith('.ts')).map((f) => `${folder}/${f}`)), ...VAULT_SYNTAX_FILES];
  {
    for (const file of files) {
      const name = path.basename(file);
      if (NOT_ON_CONTENT.has(file)) continue;
      const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText();
          const slash = text.lastIndexOf('/');
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          found.push({ where: `${file}:${line + 1}`, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
        } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp') {
          dynamic[name] = (dynamic[name] ?? 0) + 1;
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  // A new `new RegExp(...)` must be added here (and its regex collected), or the test cannot see it.
  assert.deepEqual(dynamic, DYNAMIC, 'regexes built at run time: collect each new one in this test');
  for (const rule of VENDOR_RULES) found.push({ where: `vendor rule ${rule.id}`, regex: rule.pattern });
  // compose/scanner.ts LETTER_OR_NUMBER (`^[\p{L}\p{N}]$`, one character tested) is not collected: the step counter reads no \p{…}, and a single class cannot backtrack.
  found.push({ where: 'references/parse.ts REFERENCE_START', regex: REFERENCE_START }, { where: 'placeholders.ts PLACEHOLDER_PHRASE', regex: PLACEHOLDER_PHRASE }, { where: 'key-hints.ts PUBLIC_VARIABLE', regex: PUBLIC_VARIABLE }, { where: 'vendor-scan.ts VENDOR_WORD', regex: VENDOR_WORD });
  return found;
}

/** Texts of `length` characters: runs of one character or literal, and literals followed by runs of a class's characters. */
function adversarialTexts(regex: RegExp, length: number): string[] {
  const { chars, classChars, literals } = charactersOf(regex.source, regex.flags);
  const pumps = [...chars, ...OUTSIDERS, ...literals, ...literals.flatMap((literal) => [...classChars].map((c) => literal + c))];
  const texts: string[] = [];
  for (const pump of pumps) {
    const run = pump.repeat(Math.ceil(length / pump.length)).slice(0, length);
    texts.push(run, `${run.slice(0, -1)}\u0000`);
  }
  for (const literal of literals) for (const c of classChars) texts.push(literal + c.repeat(length - literal.length));
  return texts;
}

/** The most steps over the adversarial texts of one length; the text that took them. */
function worstCase(regex: RegExp, length: number): { steps: number; text: string } {
  let worst = { steps: 0, text: '' };
  for (const text of adversarialTexts(regex, length)) {
    let steps: number;
    try {
      steps = countSteps(regex, text, MAX_STEPS_PER_CHAR * LONG);
    } catch (error) {
      if (!(error instanceof StepLimitExceeded)) throw error;
      steps = Infinity;
    }
    if (steps > worst.steps) worst = { steps, text };
    if (steps === Infinity) break;
  }
  return worst;
}

/** A text for a message: its pump and length, not 1,024 characters. */
function describeText(text: string): string {
  return `${JSON.stringify(text.slice(0, 24))}… (${text.length} characters)`;
}

describe('built-in regular expressions do linear work on adversarial text (steps counted, not timed)', () => {
  const regexes = builtInRegexes();

  it('finds the built-in regexes (literals in the source and the vendor table)', () => {
    assert.ok(regexes.length > 200, `only ${regexes.length} regexes found`);
  });

  it('every one grows linearly and stays under the per-character bound', function () {
    this.timeout(240_000);
    const failures: string[] = [];
    for (const { where, regex } of regexes) {
      const short = worstCase(regex, SHORT);
      const long = worstCase(regex, LONG);
      if (long.steps > MAX_STEPS_PER_CHAR * LONG) failures.push(`${where} /${regex.source}/: more than ${MAX_STEPS_PER_CHAR} steps per character on ${describeText(long.text)}`);
      else if (long.steps > MAX_GROWTH * short.steps + LONG) failures.push(`${where} /${regex.source}/: ${short.steps} steps at ${SHORT} characters, ${long.steps} at ${LONG} on ${describeText(long.text)}: super-linear`);
    }
    assert.deepEqual(failures, []);
  });

  it('the step counter itself sees exponential, quadratic and bounded-but-long backtracking', () => {
    assert.throws(() => countSteps(/^(a+)+$/, `${'a'.repeat(30)}!`, 1_000_000), StepLimitExceeded);
    const quadratic = (n: number) => countSteps(/[a-z]+@/, 'a'.repeat(n), Infinity);
    assert.ok(quadratic(LONG) > 12 * quadratic(SHORT));
    // A run bounded by 40,000 is quadratic at the lengths values have, unless an edge before it keeps it from starting inside a run.
    const bounded = (n: number) => countSteps(/[a-z]{1,40000}@/, 'a'.repeat(n), Infinity);
    assert.ok(bounded(LONG) > 12 * bounded(SHORT));
    const linear = (n: number) => countSteps(/(?<![a-z])[a-z]{1,40000}@/, 'a'.repeat(n), Infinity);
    assert.ok(linear(LONG) < 5 * linear(SHORT));
  });
});
