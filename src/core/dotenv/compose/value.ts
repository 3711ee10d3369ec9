import type { RawMatch } from '../grammar';

/**
 * The value compose reads for a match, before interpolation. Inside quotes a backslash before the
 * quote character escapes it and every other backslash stays; double quotes then expand the shell
 * escapes `\a \b \f \n \r \t \v \\ \"`, `\0` + up to three digits (octal when exactly three
 * follow), and `\$` (kept as `$$`, which interpolation reads as a literal `$`).
 */
export function composeValue(s: string, m: RawMatch): string {
  const written = s.slice(m.rawStart, m.rawEnd);
  if (m.quote === 'none') return written;
  const quote = written.charCodeAt(0);
  let body = '';
  let escaped = false;
  for (let i = 1; i < written.length - 1; i++) {
    const c = written.charCodeAt(i);
    if (c !== quote) {
      if (!escaped && c === 0x5c) {
        escaped = true;
        continue;
      }
      if (escaped) body += '\\';
      escaped = false;
      body += written[i];
    } else {
      escaped = false;
      body += written[i];
    }
  }
  return m.quote === 'double' ? expandEscapes(body) : body;
}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/** compose-go's expandEscapes: `\\(?:[abcfnrtv$"\\]|0\d{0,3})`, each decoded as Go's UnquoteChar would (or left as it was). */
function expandEscapes(body: string): string {
  return body.replace(/\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})/g, (match) => {
    const c = match[1]!;
    if (c === '$') return '$$';
    if (c !== '0') return SIMPLE[c] ?? match; // `\c` is no escape Go knows: it stays
    // `\0` + digits: the 0 is dropped; exactly three octal digits up to 0o377 make one character.
    const digits = match.slice(2);
    if (/^[0-7]{3}$/.test(digits)) {
      const code = parseInt(digits, 8);
      if (code <= 0xff) return String.fromCharCode(code);
    }
    return `\\${digits}`;
  });
}
