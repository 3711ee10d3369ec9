/** Document-level detection: every entry of a parsed env file, honouring allow lists and comments. */
import type { EnvDocument, EnvEntry } from '../dotenv/model';
import { LineIndex } from '../dotenv/line-index';
import type { Finding } from '../findings';
import { isIgnoredByComment, keyAllowList } from './allow';
import { classifyValue } from './classify';
import type { DetectionSettings, SecretMatch } from './types';

/** The findings for one parsed env file, in file order. Messages name the key and rule, never the value. */
export function detectSecrets(doc: EnvDocument, file: string, settings?: DetectionSettings): Finding[] {
  const allowed = keyAllowList(settings?.allowKeys);
  const findings: Finding[] = [];
  let index: LineIndex | undefined;
  for (const entry of doc.entries) {
    if (allowed(entry.key)) continue;
    const match = classifyValue(entry.key, entry.value, settings);
    if (!match) continue;
    // Comments only matter for the few entries that are findings: look them up then.
    index ??= new LineIndex(doc.text);
    if (isIgnoredByComment(entry, lineAbove(doc.text, index, entry.line))) continue;
    findings.push(toFinding(entry, file, match, index));
  }
  return findings;
}

/** The text of the line before a 1-based line, without its line break; undefined for the first line. */
function lineAbove(text: string, index: LineIndex, line: number): string | undefined {
  if (line <= 1) return undefined;
  return text.slice(index.lineStart(line - 1), index.lineStart(line)).replace(/\r?\n$|\r$/, '');
}

/** `STRIPE_KEY holds a plaintext Stripe secret key (rule stripe-secret-key)`. */
export function findingMessage(key: string, match: SecretMatch): string {
  return `${key} holds a plaintext ${match.description} (rule ${match.rule})`;
}

function toFinding(entry: EnvEntry, file: string, match: SecretMatch, index: LineIndex): Finding {
  const end = index.position(entry.valueSpan.end);
  // The end position is exclusive; a value ending a line ends on that line, one column past its last character.
  const valueEndColumn = end.line === entry.valueEndLine ? end.column : index.position(Math.max(entry.valueSpan.start, entry.valueSpan.end - 1)).column + 1;
  return {
    file,
    line: entry.line,
    column: entry.column,
    valueLine: entry.valueLine,
    valueColumn: entry.valueColumn,
    valueEndLine: entry.valueEndLine,
    valueEndColumn,
    key: entry.key,
    rule: match.rule,
    message: findingMessage(entry.key, match),
  };
}
