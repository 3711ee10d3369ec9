/**
 * Builds one string that a regular expression matches, for the subset of Go's syntax that gitleaks'
 * rule files hand to `secrets.NewSecret`: literals, escapes, classes with ranges, groups with
 * alternatives, `? * + {n} {n,m}`. Unbounded repeats are kept short. Deterministic for a seed.
 * Used only to rebuild gitleaks' generated examples at measurement time (never committed data).
 */
export class RegexSampler {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** A string matching `source`, or throws on syntax it does not know. */
  sample(source: string): string {
    let text = source;
    let ignoreCase = false;
    const flags = /^\(\?([a-z]+)\)/.exec(text);
    if (flags) {
      ignoreCase = flags[1]!.includes('i');
      text = text.slice(flags[0].length);
    }
    const parser = new Parser(text, ignoreCase);
    const node = parser.alternatives();
    if (parser.at < text.length) throw new Error(`regex-sample: unexpected ${text[parser.at]} at ${parser.at} in ${source}`);
    return this.generate(node);
  }

  private generate(node: Node): string {
    switch (node.kind) {
      case 'chars':
        return node.chars[this.int(0, node.chars.length - 1)]!;
      case 'sequence':
        return node.items.map((item) => this.generate(item)).join('');
      case 'alternatives':
        return this.generate(node.options[this.int(0, node.options.length - 1)]!);
      case 'repeat': {
        const count = this.int(node.min, node.max);
        let out = '';
        for (let i = 0; i < count; i++) out += this.generate(node.item);
        return out;
      }
      case 'empty':
        return '';
    }
  }
}

type Node =
  | { kind: 'chars'; chars: string[] }
  | { kind: 'sequence'; items: Node[] }
  | { kind: 'alternatives'; options: Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number }
  | { kind: 'empty' };

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const WORD = LOWER + UPPER + DIGITS + '_';
const SPACE = ' ';
const PRINTABLE = WORD + '-.';

class Parser {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly ignoreCase: boolean,
  ) {}

  alternatives(): Node {
    const options = [this.sequence()];
    while (this.text[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alternatives', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.text.length && this.text[this.at] !== '|' && this.text[this.at] !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { kind: 'sequence', items };
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.text[this.at];
      let min: number;
      let max: number;
      if (c === '?') [min, max] = [0, 1];
      else if (c === '*') [min, max] = [0, 3];
      else if (c === '+') [min, max] = [1, 4];
      else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(this.text.slice(this.at))) {
        const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.text.slice(this.at))!;
        min = Number(match[1]);
        max = match[2] ? (match[3] ? Number(match[3]) : min + 3) : min;
        this.at += match[0].length - 1;
      } else return node;
      this.at++;
      if (this.text[this.at] === '?') this.at++; // lazy: same strings
      node = { kind: 'repeat', item: node, min, max };
    }
  }

  private atom(): Node {
    const c = this.text[this.at]!;
    if (c === '(') {
      this.at++;
      if (this.text.startsWith('?:', this.at)) this.at += 2;
      else if (this.text.startsWith('?i:', this.at)) this.at += 3;
      else if (/^\?P?<[A-Za-z_]+>/.test(this.text.slice(this.at))) this.at = this.text.indexOf('>', this.at) + 1;
      const inner = this.alternatives();
      if (this.text[this.at] !== ')') throw new Error('regex-sample: unclosed group');
      this.at++;
      return inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false);
    if (c === '.') {
      this.at++;
      return { kind: 'chars', chars: [...PRINTABLE] };
    }
    if (c === '^' || c === '$') {
      this.at++;
      return { kind: 'empty' };
    }
    this.at++;
    return { kind: 'chars', chars: [c] };
  }

  private escape(inClass: boolean): Node {
    const c = this.text[this.at + 1]!;
    this.at += 2;
    if (c === 'd') return { kind: 'chars', chars: [...DIGITS] };
    if (c === 'w') return { kind: 'chars', chars: [...WORD] };
    if (c === 's') return { kind: 'chars', chars: [SPACE] };
    if (c === 'b' && !inClass) return { kind: 'empty' };
    if (c === 'n') return { kind: 'chars', chars: ['\n'] };
    if (c === 't') return { kind: 'chars', chars: ['\t'] };
    if (c === 'x') {
      const hex = this.text.slice(this.at, this.at + 2);
      this.at += 2;
      return { kind: 'chars', chars: [String.fromCharCode(parseInt(hex, 16))] };
    }
    return { kind: 'chars', chars: [c] };
  }

  private charClass(): Node {
    this.at++;
    const negated = this.text[this.at] === '^';
    if (negated) this.at++;
    const chars = new Set<string>();
    let first = true;
    while (this.at < this.text.length && (this.text[this.at] !== ']' || first)) {
      first = false;
      let from: string;
      if (this.text[this.at] === '\\') {
        const node = this.escape(true) as { chars: string[] };
        if (node.chars.length > 1) {
          for (const ch of node.chars) chars.add(ch);
          continue;
        }
        from = node.chars[0]!;
      } else from = this.text[this.at++]!;
      if (this.text[this.at] === '-' && this.text[this.at + 1] !== ']' && this.at + 1 < this.text.length) {
        this.at++;
        const to = this.text[this.at] === '\\' ? (this.escape(true) as { chars: string[] }).chars[0]! : this.text[this.at++]!;
        for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) chars.add(String.fromCharCode(code));
      } else chars.add(from);
    }
    this.at++;
    if (this.ignoreCase) for (const ch of [...chars]) chars.add(ch.toLowerCase()).add(ch.toUpperCase());
    const set = negated ? [...PRINTABLE].filter((ch) => !chars.has(ch)) : [...chars];
    return { kind: 'chars', chars: set };
  }
}
