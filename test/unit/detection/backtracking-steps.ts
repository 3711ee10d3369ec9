/**
 * Counts the work a backtracking engine does to run a regular expression on a text: a small
 * interpreter of the ECMAScript regex AST (parsed by @eslint-community/regexpp) that tries
 * alternatives and repetitions in the order JavaScript's engine does, and counts one step per node
 * tried and per character compared. It is a measure, not a matcher for production: it exists so
 * that a test can bound a regex's work by a number of steps rather than by a clock.
 *
 * Its count is an upper bound of V8's in kind (V8 skips work with its optimisations, never adds
 * any in the worst case), so a regex whose count grows linearly here is linear there too.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

export class StepLimitExceeded extends Error {
  constructor() {
    super('step limit exceeded');
  }
}

type Continuation = (pos: number) => boolean;
type Matcher = (pos: number, k: Continuation) => boolean;

interface Run {
  readonly text: string;
  steps: number;
  readonly limit: number;
}

const LINE_TERMINATORS = new Set(['\n', '\r', '\u2028', '\u2029']);
const isWord = (c: string): boolean => /\w/.test(c);

/**
 * The characters a regex mentions (literals, the ends of its ranges, a member of each class
 * escape), those of its classes apart (what a run after a literal is made of), and its literals.
 */
export function charactersOf(source: string, flags: string): { chars: Set<string>; classChars: Set<string>; literals: string[] } {
  const ast = new RegExpParser().parseLiteral(`/${source}/${flags}`);
  const chars = new Set<string>();
  const classChars = new Set<string>();
  const literals: string[] = [];
  const add = (inClass: boolean, ...found: string[]): void => {
    for (const c of found) {
      chars.add(c);
      if (inClass) classChars.add(c);
    }
  };
  const visit = (node: AST.Node, inClass: boolean): void => {
    switch (node.type) {
      case 'Character': add(inClass, String.fromCodePoint(node.value)); return;
      case 'CharacterClassRange': add(true, String.fromCodePoint(node.min.value), String.fromCodePoint(node.max.value)); return;
      case 'CharacterSet':
        if (node.kind === 'digit') add(true, '7');
        else if (node.kind === 'space') add(true, ' ', '\t', '\n');
        else if (node.kind === 'word') add(true, 'a', 'Z', '_');
        else if (node.kind === 'any') add(true, 'a');
        return;
      case 'Alternative': {
        // Runs of literal characters (`sk_live_`, `-----BEGIN`) pump well as a whole.
        let run = '';
        for (const element of node.elements) {
          if (element.type === 'Character') run += String.fromCodePoint(element.value);
          else { if (run.length >= 2) literals.push(run); run = ''; }
        }
        if (run.length >= 2) literals.push(run);
        break;
      }
      default: break;
    }
    for (const child of childrenOf(node)) visit(child, inClass || node.type === 'CharacterClass');
  };
  visit(ast.pattern, false);
  return { chars, classChars, literals };
}

function childrenOf(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern': case 'Group': case 'CapturingGroup': return node.alternatives;
    case 'Assertion': return node.kind === 'lookahead' || node.kind === 'lookbehind' ? node.alternatives : [];
    case 'Alternative': return node.elements;
    case 'Quantifier': return [node.element];
    case 'CharacterClass': return node.elements as AST.Node[];
    default: return [];
  }
}

/**
 * The steps a backtracking engine takes for `regex` on `text`: the first match (`exec`, `test`),
 * or every match for a global regex (`replace`). Throws StepLimitExceeded past `limit`.
 */
export function countSteps(regex: RegExp, text: string, limit: number): number {
  const flags = regex.flags;
  const ast = new RegExpParser().parseLiteral(`/${regex.source}/${flags}`);
  const run: Run = { text, steps: 0, limit };
  const ignoreCase = flags.includes('i');
  const multiline = flags.includes('m');
  const dotAll = flags.includes('s');

  const step = (n = 1): void => {
    run.steps += n;
    if (run.steps > run.limit) throw new StepLimitExceeded();
  };

  const charTest = (node: AST.Node): ((c: string) => boolean) | undefined => {
    const fold = (test: (c: string) => boolean) => (ignoreCase ? (c: string) => test(c) || test(c.toLowerCase()) || test(c.toUpperCase()) : test);
    switch (node.type) {
      case 'Character': {
        const own = String.fromCodePoint(node.value);
        return fold((c) => c === own || (ignoreCase && c.toLowerCase() === own.toLowerCase()));
      }
      case 'CharacterSet': {
        if (node.kind === 'any') return (c) => dotAll || !LINE_TERMINATORS.has(c);
        if (node.kind === 'property') throw new Error(`unsupported in the step counter: ${node.raw}`);
        const base = node.kind === 'digit' ? (c: string) => c >= '0' && c <= '9' : node.kind === 'space' ? (c: string) => /\s/.test(c) : isWord;
        return node.negate ? (c) => !base(c) : base;
      }
      case 'CharacterClass': {
        if (node.unicodeSets) throw new Error(`unsupported in the step counter: ${node.raw}`);
        const members = node.elements.map((e) => (e.type === 'CharacterClassRange'
          ? fold((c: string) => c.codePointAt(0)! >= e.min.value && c.codePointAt(0)! <= e.max.value)
          : charTest(e)!));
        return node.negate ? (c) => !members.some((m) => m(c)) : (c) => members.some((m) => m(c));
      }
      default: return undefined;
    }
  };

  /** `backward`: inside a lookbehind, where JavaScript matches right to left. */
  const compile = (node: AST.Node, backward: boolean): Matcher => {
    const single = charTest(node);
    if (single) {
      return backward
        ? (pos, k) => { step(); return pos > 0 && single(text[pos - 1]!) && k(pos - 1); }
        : (pos, k) => { step(); return pos < text.length && single(text[pos]!) && k(pos + 1); };
    }
    switch (node.type) {
      case 'Pattern': case 'Group': case 'CapturingGroup': return alternation(node.alternatives, backward);
      case 'Alternative': {
        const elements = node.elements.map((e) => compile(e, backward));
        if (backward) elements.reverse();
        const from = (i: number, pos: number, k: Continuation): boolean => (i === elements.length ? k(pos) : elements[i]!(pos, (next) => from(i + 1, next, k)));
        return (pos, k) => from(0, pos, k);
      }
      case 'Quantifier': return quantifier(node, backward);
      case 'Assertion': return assertion(node);
      case 'Backreference': throw new Error(`unsupported in the step counter: ${node.raw}`);
      default: throw new Error(`unexpected regex node ${node.type}`);
    }
  };

  const alternation = (alternatives: AST.Alternative[], backward: boolean): Matcher => {
    const options = alternatives.map((a) => compile(a, backward));
    return (pos, k) => {
      for (const option of options) {
        step();
        if (option(pos, k)) return true;
      }
      return false;
    };
  };

  const quantifier = (node: AST.Quantifier, backward: boolean): Matcher => {
    const { min, max, greedy } = node;
    const single = charTest(node.element);
    if (single) {
      // What V8 does for a repeated character class: consume, then give back one at a time.
      const direction = backward ? -1 : 1;
      return (pos, k) => {
        let count = 0;
        while (count < max) {
          const at = backward ? pos - count - 1 : pos + count;
          step();
          if (at < 0 || at >= text.length || !single(text[at]!)) break;
          count++;
        }
        if (count < min) return false;
        if (greedy) {
          for (let n = count; n >= min; n--) { step(); if (k(pos + direction * n)) return true; }
        } else {
          for (let n = min; n <= count; n++) { step(); if (k(pos + direction * n)) return true; }
        }
        return false;
      };
    }
    const element = compile(node.element, backward);
    const repeat = (count: number, pos: number, k: Continuation): boolean => {
      step();
      // An iteration that matched nothing once the minimum is reached ends the loop (ECMAScript's rule).
      const more = (): boolean => count < max && element(pos, (next) => (next === pos && count >= min ? false : repeat(count + 1, next, k)));
      if (count < min) return more();
      return greedy ? more() || k(pos) : k(pos) || more();
    };
    return (pos, k) => repeat(0, pos, k);
  };

  const assertion = (node: AST.Assertion): Matcher => {
    switch (node.kind) {
      case 'start': return (pos, k) => { step(); return (pos === 0 || (multiline && LINE_TERMINATORS.has(text[pos - 1]!))) && k(pos); };
      case 'end': return (pos, k) => { step(); return (pos === text.length || (multiline && LINE_TERMINATORS.has(text[pos]!))) && k(pos); };
      case 'word': return (pos, k) => {
        step();
        const boundary = (pos > 0 && isWord(text[pos - 1]!)) !== (pos < text.length && isWord(text[pos]!));
        return boundary !== node.negate && k(pos);
      };
      case 'lookahead': case 'lookbehind': {
        const inner = alternation(node.alternatives, node.kind === 'lookbehind');
        return (pos, k) => inner(pos, () => true) !== node.negate && k(pos);
      }
    }
  };

  const pattern = compile(ast.pattern, false);
  const global = flags.includes('g');
  let start = 0;
  while (start <= text.length) {
    let end = -1;
    step();
    if (pattern(start, (pos) => { end = pos; return true; })) {
      if (!global) break;
      start = end > start ? end : start + 1;
    } else {
      start++;
    }
  }
  return run.steps;
}
