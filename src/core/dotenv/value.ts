import { isLineTerminator } from './scanner';

/**
 * The value dotenv 17 gives for a raw value group: trim, strip matching quotes with
 * `/^(['"`])([\s\S]*)\1$/mg`, then expand `\n` and `\r` when the trimmed text began with `"`.
 * The strip is emulated in linear time (the regex is quadratic on values with many lines).
 */
export function dotenvValue(raw: string): string {
  let value = raw.trim();
  const maybeQuote = value.charCodeAt(0);
  value = stripQuotes(value);
  if (maybeQuote === 0x22) value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value;
}

const QUOTES = [0x27, 0x22, 0x60];

function stripQuotes(value: string): string {
  const n = value.length;
  if (n < 2) return value;
  let hasLineTerminator = false;
  for (let i = 0; i < n; i++) {
    if (isLineTerminator(value.charCodeAt(i))) {
      hasLineTerminator = true;
      break;
    }
  }
  if (!hasLineTerminator) {
    const first = value.charCodeAt(0);
    return QUOTES.includes(first) && value.charCodeAt(n - 1) === first ? value.slice(1, -1) : value;
  }
  // With the m flag, ^ is any line start and $ any line end. At a line start holding quote c the
  // greedy body reaches the LAST c that ends a line; later line starts resume after it.
  const lastClosing = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const c = value.charCodeAt(k);
    if (QUOTES.includes(c) && (k + 1 === n || isLineTerminator(value.charCodeAt(k + 1)))) lastClosing.set(c, k);
  }
  let out = '';
  let copied = 0;
  let lineStart = 0;
  while (lineStart < n) {
    const c = value.charCodeAt(lineStart);
    const close = lastClosing.get(c);
    let next: number;
    if (QUOTES.includes(c) && close !== undefined && close > lineStart) {
      out += value.slice(copied, lineStart) + value.slice(lineStart + 1, close);
      copied = close + 1;
      next = close + 1;
    } else {
      next = lineStart;
    }
    // Advance to the next line start after `next`.
    let k = next;
    while (k < n && !isLineTerminator(value.charCodeAt(k))) k++;
    lineStart = k + 1;
  }
  return out + value.slice(copied);
}
