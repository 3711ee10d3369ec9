/**
 * python-dotenv's interpolation (`dotenv_values`, `load_dotenv`: interpolate=True by default):
 * every value, in every quote style, has each `${NAME}` and `${NAME:-default}` replaced, matching
 * `\$\{(?P<name>[^\}:]*)(?::-(?P<default>[^\}]*))?\}` from left to right. `$NAME` is left as it is.
 * A name that is set (even to an empty value, or to None by a `KEY` line) gives its value (None:
 * empty); only an absent name gives the default. Found in linear time.
 */

/** Calls `onVariable` for each `${…}` python-dotenv expands in `value`, in order. */
export function forEachPythonVariable(value: string, onVariable: (start: number, end: number, name: string, fallback: string | undefined) => void): void {
  const nextBrace = nextOf(value, '}');
  const nextColon = nextOf(value, ':');
  for (let i = value.indexOf('${'); i >= 0; ) {
    const b = nextBrace(i + 2);
    const c = nextColon(i + 2);
    if (b < 0 && c < 0) return;
    let end = -1;
    let fallback: string | undefined;
    if (b >= 0 && (c < 0 || b < c)) end = b;
    else if (value.charCodeAt(c + 1) === 0x2d) {
      const close = nextBrace(c + 2);
      if (close >= 0) {
        end = close;
        fallback = value.slice(c + 2, close);
      }
    }
    if (end < 0) {
      i = value.indexOf('${', i + 1);
      continue;
    }
    onVariable(i, end + 1, value.slice(i + 2, fallback === undefined ? end : c), fallback);
    i = value.indexOf('${', end + 1);
  }
}

/**
 * The next `char` at or after a position, for positions asked in increasing order: the answer is
 * kept until a position passes it, so all the asks together read the value once.
 */
function nextOf(value: string, char: string): (from: number) => number {
  let at = -2;
  return (from) => {
    if (at === -2 || (at >= 0 && at < from)) at = value.indexOf(char, from);
    return at;
  };
}

/** True when python-dotenv changes this value as it loads it. */
export function pythonExpands(value: string): boolean {
  let found = false;
  forEachPythonVariable(value, () => {
    found = true;
  });
  return found;
}

/** The value python-dotenv loads: each variable looked up (undefined: absent; null: set to None). */
export function expandPython(value: string, lookup: (name: string) => string | null | undefined): string {
  let out = '';
  let copied = 0;
  forEachPythonVariable(value, (start, end, name, fallback) => {
    const found = lookup(name);
    out += value.slice(copied, start) + (found === undefined ? fallback ?? '' : found ?? '');
    copied = end;
  });
  return copied === 0 ? value : out + value.slice(copied);
}
