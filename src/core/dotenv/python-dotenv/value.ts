import type { RawMatch } from '../grammar';

/** `\\[\\']` in single quotes and `\\[\\'"abfnrtv]` in double quotes, decoded as Python's `unicode-escape` does. */
const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** The value python-dotenv's parser gives (before `${…}` interpolation): escapes decoded inside quotes, unquoted as written. */
export function pythonDotenvValue(s: string, m: RawMatch): string {
  if (m.unset) return '';
  const written = s.slice(m.rawStart, m.rawEnd);
  if (m.quote === 'single') return written.slice(1, -1).replace(/\\[\\']/g, (e) => ESCAPES[e[1]!]!);
  if (m.quote === 'double') return written.slice(1, -1).replace(/\\[\\'"abfnrtv]/g, (e) => ESCAPES[e[1]!]!);
  return written;
}
