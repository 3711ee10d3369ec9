/**
 * `/secret/` → `secret`, `https://h/` → `https://h`, without a regex: `/\/+$/` backtracks on a long run
 * of slashes (quadratic), and these run on settings, references and addresses alike.
 */
export function trimSlashes(text: string, ends: 'both' | 'end' = 'both'): string {
  let start = 0;
  let end = text.length;
  while (ends === 'both' && start < end && text[start] === '/') start++;
  while (end > start && text[end - 1] === '/') end--;
  return text.slice(start, end);
}
