/**
 * Reads gitleaks' rule files (cmd/generate/config/rules/*.go) and recovers, per rule, the examples
 * it validates against: the true positives and the hand-written false positives given to
 * `utils.Validate`. A small evaluator understands the expressions those files use (string literals,
 * `+`, `[]string{…}`, `append`, `fmt.Sprintf`, `secrets.NewSecret(regex)`, `utils.GenerateSampleSecrets`,
 * local variables); an expression it does not understand is counted as skipped, never guessed.
 */
import { RegexSampler } from './regex-sample';

/** One example: the secret itself (from GenerateSampleSecrets), or a line of text to find the value in. */
export type Example = { readonly value: string } | { readonly line: string };

export interface RuleExamples {
  readonly rule: string;
  readonly positives: Example[];
  readonly negatives: Example[];
  /** Expressions the evaluator could not read. */
  skipped: number;
}

type Token = { kind: 'string' | 'ident' | 'number' | 'punct'; text: string };

function tokenise(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) i++;
    else if (source.startsWith('//', i)) i = source.indexOf('\n', i) < 0 ? source.length : source.indexOf('\n', i);
    else if (source.startsWith('/*', i)) i = source.indexOf('*/', i + 2) + 2;
    else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      tokens.push({ kind: 'string', text: source.slice(i + 1, end).replace(/\r/g, '') });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\') {
          const e = source[j + 1]!;
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };
          if (e === 'x') {
            text += String.fromCharCode(parseInt(source.slice(j + 2, j + 4), 16));
            j += 4;
          } else if (e === 'u') {
            text += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16));
            j += 6;
          } else {
            text += simple[e] ?? e;
            j += 2;
          }
        } else text += source[j++];
      }
      tokens.push({ kind: 'string', text });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200))!;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else if (/\d/.test(c)) {
      const m = /^\d+/.exec(source.slice(i, i + 50))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else {
      const three = source.slice(i, i + 3);
      const two = source.slice(i, i + 2);
      const text = three === '...' ? three : [':=', '==', '!=', '&&', '||', '+=', '<-'].includes(two) ? two : c;
      tokens.push({ kind: 'punct', text });
      i += text.length;
    }
  }
  return tokens;
}

type Value = string | { sample: string } | Example[] | number;

class Unreadable extends Error {}

const PATTERNS: Record<string, (size: string) => string> = {
  'utils.Numeric': (n) => `[0-9]{${n}}`,
  'utils.Hex': (n) => `[a-f0-9]{${n}}`,
  'utils.AlphaNumeric': (n) => `[a-z0-9]{${n}}`,
  'utils.AlphaNumericExtendedShort': (n) => `[a-z0-9_-]{${n}}`,
  'utils.AlphaNumericExtended': (n) => `[a-z0-9=_\\-]{${n}}`,
  'utils.AlphaNumericExtendedLong': (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
};

class Evaluator {
  private at = 0;
  private readonly scopes: Map<string, Value>[] = [new Map<string, Value>()];

  constructor(
    private readonly tokens: Token[],
    private readonly sampler: RegexSampler,
  ) {}

  /** Walks the file: remembers variables, and records each Validate call under the rule id before it. */
  run(): RuleExamples[] {
    const results: RuleExamples[] = [];
    let rule = '';
    let depth = 0;
    const t = this.tokens;
    while (this.at < t.length) {
      const token = t[this.at]!;
      if (token.text === '{') depth++;
      if (token.text === '}') {
        depth--;
        if (depth === 0) this.scopes.length = 1;
      }
      if (token.text === 'func' && depth === 0) this.scopes.push(new Map<string, Value>());
      if (token.text === 'RuleID' && t[this.at + 1]?.text === ':' && t[this.at + 2]?.kind === 'string') rule = t[this.at + 2]!.text;
      if (token.kind === 'ident' && token.text === 'utils' && t[this.at + 1]?.text === '.' && (t[this.at + 2]?.text === 'Validate' || t[this.at + 2]?.text === 'ValidateWithPaths') && t[this.at + 3]?.text === '(') {
        const start = this.at;
        this.at += 4;
        const result: RuleExamples = { rule, positives: [], negatives: [], skipped: 0 };
        try {
          // The rule itself (`r`): skipped, not evaluated.
          while (this.at < t.length && t[this.at]!.text !== ',') this.at++;
          this.expect(',');
          result.positives.push(...this.examples(result));
          this.expect(',');
          result.negatives.push(...this.examples(result));
        } catch (error) {
          if (!(error instanceof Unreadable)) throw error;
          result.skipped++;
          this.at = start + 1;
        }
        results.push(result);
        continue;
      }
      if (token.kind === 'ident' && (t[this.at + 1]?.text === ':=' || (t[this.at + 1]?.text === '=' && t[this.at - 1]?.text !== '.'))) {
        const start = this.at;
        this.at += 2;
        try {
          this.scopes[this.scopes.length - 1]!.set(token.text, this.expression());
          continue;
        } catch (error) {
          if (!(error instanceof Unreadable)) throw error;
          this.scopes[this.scopes.length - 1]!.delete(token.text);
          this.at = start + 1;
          continue;
        }
      }
      this.at++;
    }
    return results;
  }

  private examples(result: RuleExamples): Example[] {
    const start = this.at;
    try {
      return toExamples(this.expression());
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      result.skipped++;
      // Skip to the next top-level comma or the closing parenthesis.
      this.at = start;
      let depth = 0;
      while (this.at < this.tokens.length) {
        const text = this.tokens[this.at]!.text;
        if (depth === 0 && (text === ',' || text === ')')) break;
        if ('([{'.includes(text)) depth++;
        if (')]}'.includes(text)) depth--;
        this.at++;
      }
      return [];
    }
  }

  private expect(text: string): void {
    if (this.tokens[this.at]?.text !== text) throw new Unreadable(`expected ${text}`);
    this.at++;
  }

  private expression(): Value {
    let value = this.primary();
    while (this.tokens[this.at]?.text === '+') {
      this.at++;
      const right = this.primary();
      if (typeof value !== 'string' || typeof right !== 'string') throw new Unreadable('+ on non-strings');
      value = value + right;
    }
    return value;
  }

  private primary(): Value {
    const token = this.tokens[this.at];
    if (!token) throw new Unreadable('end');
    if (token.kind === 'string') {
      this.at++;
      return token.text;
    }
    if (token.kind === 'number') {
      this.at++;
      return Number(token.text);
    }
    if (token.text === 'nil') {
      this.at++;
      return [];
    }
    if (token.text === '(') {
      this.at++;
      const value = this.expression();
      this.expect(')');
      return value;
    }
    if (token.text === '[' || token.text === 'map') return this.composite();
    if (token.kind === 'ident') {
      let name = token.text;
      this.at++;
      while (this.tokens[this.at]?.text === '.' && this.tokens[this.at + 1]?.kind === 'ident') {
        name += `.${this.tokens[this.at + 1]!.text}`;
        this.at += 2;
      }
      if (this.tokens[this.at]?.text === '(') return this.call(name, this.arguments());
      for (let s = this.scopes.length - 1; s >= 0; s--) if (this.scopes[s]!.has(name)) return this.scopes[s]!.get(name)!;
      throw new Unreadable(`unknown name ${name}`);
    }
    throw new Unreadable(`unexpected ${token.text}`);
  }

  private arguments(): Value[] {
    this.expect('(');
    const args: Value[] = [];
    while (this.tokens[this.at]?.text !== ')') {
      args.push(this.expression());
      if (this.tokens[this.at]?.text === '...') this.at++;
      if (this.tokens[this.at]?.text === ',') this.at++;
      else if (this.tokens[this.at]?.text !== ')') throw new Unreadable('argument list');
    }
    this.at++;
    return args;
  }

  private call(name: string, args: Value[]): Value {
    const text = (v: Value | undefined): string => {
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
      throw new Unreadable(`${name}: not a string`);
    };
    if (PATTERNS[name]) return PATTERNS[name](text(args[0]));
    switch (name) {
      case 'utils.Hex8_4_4_4_12':
        return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
      case 'secrets.NewSecret':
        try {
          return this.sampler.sample(text(args[0]));
        } catch {
          throw new Unreadable('regex');
        }
      case 'fmt.Sprintf': {
        let i = 1;
        return text(args[0]).replace(/%[sdvq]/g, () => text(args[i++]));
      }
      case 'strings.Repeat':
        return text(args[0]).repeat(Number(text(args[1])));
      case 'utils.GenerateSampleSecrets':
        return [{ value: text(args[1]) }];
      case 'utils.GenerateSampleSecret':
        return { sample: text(args[1]) };
      case 'append':
        return args.flatMap(toExamples);
      default:
        throw new Unreadable(`unknown function ${name}`);
    }
  }

  /** `[]string{…}`, `map[string]string{…}`: the element (or map value) list. */
  private composite(): Value {
    // Skip the type up to `{`.
    while (this.at < this.tokens.length && this.tokens[this.at]!.text !== '{') this.at++;
    this.expect('{');
    const items: Example[] = [];
    while (this.tokens[this.at]?.text !== '}') {
      let value = this.expression();
      if (this.tokens[this.at]?.text === ':') {
        this.at++;
        value = this.expression();
      }
      items.push(...toExamples(value));
      if (this.tokens[this.at]?.text === ',') this.at++;
      else if (this.tokens[this.at]?.text !== '}') throw new Unreadable('composite');
    }
    this.at++;
    return items;
  }
}

function toExamples(value: Value): Example[] {
  if (typeof value === 'string') return [{ line: value }];
  if (typeof value === 'number') throw new Unreadable('number as example');
  if (Array.isArray(value)) return value;
  return [{ value: value.sample }];
}

/** The examples of every rule validated in one rule file. */
export function readRuleFile(source: string, seed: number): RuleExamples[] {
  return new Evaluator(tokenise(source), new RegexSampler(seed)).run();
}
