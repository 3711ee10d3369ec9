/**
 * docker compose's interpolation of unquoted and double-quoted values (documented in "Interpolation
 * syntax"): `$$` is a literal `$`; `$VAR` and `${VAR}`; `${VAR:-default}` and `${VAR-default}`;
 * `${VAR:?error}` and `${VAR?error}` (an error when unset, or empty with `:`); `${VAR:+replacement}`
 * and `${VAR+replacement}`. A name is `[_a-zA-Z][_a-zA-Z0-9]*`; defaults are interpolated in turn and
 * nest by braces; an unset variable gives an empty string. `${` followed by anything else is an
 * error, and compose refuses the file.
 */

/** Why compose would refuse to interpolate a value: names the variable, never a value. */
export class ComposeInterpolationError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ComposeInterpolationError';
  }
}

const NAME_START = /[_a-zA-Z]/;
const NAME_PART = /[_a-zA-Z0-9]/;
/** Defaults nested deeper are refused (each level reads its default again: the bound keeps a hostile value cheap). */
const MAX_DEPTH = 10;

/** True when compose changes this value (unquoted or double-quoted) as it loads it. */
export function composeExpands(value: string): boolean {
  for (let i = value.indexOf('$'); i >= 0; i = value.indexOf('$', i + 1)) {
    const next = value[i + 1];
    if (next !== undefined && (next === '$' || next === '{' || NAME_START.test(next))) return true;
  }
  return false;
}

/** The value compose loads, each variable looked up (undefined: unset). Throws ComposeInterpolationError. */
export function expandCompose(value: string, lookup: (name: string) => string | undefined, depth = 0): string {
  if (depth > MAX_DEPTH) throw new ComposeInterpolationError(`defaults nested more than ${MAX_DEPTH} deep`);
  let out = '';
  let i = 0;
  for (let d = value.indexOf('$'); d >= 0; d = value.indexOf('$', i)) {
    out += value.slice(i, d);
    const next = value[d + 1];
    if (next === '$') {
      out += '$';
      i = d + 2;
    } else if (next !== undefined && NAME_START.test(next)) {
      let j = d + 2;
      while (j < value.length && NAME_PART.test(value[j]!)) j++;
      out += lookup(value.slice(d + 1, j)) ?? '';
      i = j;
    } else if (next === '{') {
      const { text, end } = braced(value, d, lookup, depth);
      out += text;
      i = end;
    } else {
      out += '$';
      i = d + 1;
    }
  }
  return out + value.slice(i);
}

/** `${…}` at d: its replacement and where it ends. */
function braced(value: string, d: number, lookup: (name: string) => string | undefined, depth: number): { text: string; end: number } {
  let j = d + 2;
  if (j >= value.length || !NAME_START.test(value[j]!)) throw new ComposeInterpolationError('an invalid ${…} (a variable name must follow "${")');
  while (j < value.length && NAME_PART.test(value[j]!)) j++;
  const name = value.slice(d + 2, j);
  if (value[j] === '}') return { text: lookup(name) ?? '', end: j + 1 };
  const colon = value[j] === ':';
  const op = value[colon ? j + 1 : j];
  if (op !== '-' && op !== '+' && op !== '?') throw new ComposeInterpolationError(`an invalid \${${name}…} (expected }, :-, -, :?, ?, :+ or +)`);
  const argStart = j + (colon ? 2 : 1);
  const close = closingBrace(value, d);
  if (close < 0) throw new ComposeInterpolationError(`\${${name}… has no closing brace`);
  const arg = value.slice(argStart, close);
  const found = lookup(name);
  // Set, and with `:` not empty either.
  const present = found !== undefined && (!colon || found !== '') ? found : undefined;
  let text: string;
  if (op === '-') text = present ?? expandCompose(arg, lookup, depth + 1);
  else if (op === '+') text = present !== undefined ? expandCompose(arg, lookup, depth + 1) : found ?? '';
  else if (present !== undefined) text = present;
  else throw new ComposeInterpolationError(`required variable ${name} is ${found === undefined ? 'not set' : 'empty'}`);
  return { text, end: close + 1 };
}

/**
 * The brace closing the `${` at d, counting nested braces as compose does (the character after each
 * `{` is skipped); when the count never closes, the last `}` of the line (compose's greedy match).
 */
function closingBrace(value: string, d: number): number {
  let open = 0;
  let lineEnd = value.indexOf('\n', d);
  if (lineEnd < 0) lineEnd = value.length;
  for (let i = d; i < lineEnd; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x7d && --open === 0) return i;
    if (c === 0x7b) {
      open++;
      i++;
    }
  }
  return value.lastIndexOf('}', lineEnd - 1) > d ? value.lastIndexOf('}', lineEnd - 1) : -1;
}
