// Markdown for hovers, without `vscode`: names are shown as they are. A backslash escape inside a
// code span shows as a backslash, so names go into code spans and are never escaped.

/** Characters that can make Markdown of a word (emphasis, links, HTML, entities, theme icons, tables). */
const SPECIAL = /[\\`*_[\]<>!&~$|#]/;

/** A code span holding `text` exactly: a fence longer than any run of backticks inside it. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Prose that names things ("the local vault, secret shop/default/STRIPE_KEY"): each word holding a
 * Markdown special becomes a code span (its surrounding punctuation left outside), every other word
 * stays as it is. No backslash escapes, so nothing shows that the text did not hold.
 */
export function markdownProse(text: string): string {
  return text.replace(/\S+/g, (word) => {
    const [, lead = '', core = '', end = ''] = /^([("']*)(.*?)([)"',.:;]*)$/.exec(word) ?? [];
    // A closing parenthesis that an opening one inside the name pairs with is the name's: `$(icon)`.
    const open = core.split('(').length - core.split(')').length;
    const kept = Math.min(Math.max(open, 0), /^\)*/.exec(end)![0].length);
    const name = core + end.slice(0, kept);
    return SPECIAL.test(name) ? `${lead}${codeSpan(name)}${end.slice(kept)}` : word;
  });
}
