/** Document-level detection: every entry of a parsed env file, honouring allow lists and comments. */
import type { EnvDocument, EnvEntry } from '../dotenv/model';
import type { Finding } from '../findings';
import { isIgnoredByComment, keyAllowList } from './allow';
import { classifyValue } from './classify';
import type { DetectionMemo } from './memo';
import type { DetectionSettings, SecretMatch } from './types';

/** The findings for one parsed env file, in file order. Messages name the key and rule, never the value. */
export function detectSecrets(doc: EnvDocument, file: string, settings?: DetectionSettings, memo?: DetectionMemo): Finding[] {
  const allowed = keyAllowList(settings?.allowKeys);
  const findings: Finding[] = [];
  memo?.nextGeneration();
  for (const entry of doc.entries) {
    if (allowed(entry.key)) continue;
    const match = memo ? memo.verdict(entry.key, entry.value, () => classifyValue(entry.key, entry.value, settings)) : classifyValue(entry.key, entry.value, settings);
    if (!match) continue;
    // Comments only matter for the few entries that are findings: look them up then.
    if (isIgnoredByComment(entry, lineAbove(doc.text, entry.span.start))) continue;
    findings.push(toFinding(entry, file, match));
  }
  memo?.forgetUnused();
  return findings;
}

/** The text of the line before the one holding `offset`, without its line break; undefined on the first line. */
function lineAbove(text: string, offset: number): string | undefined {
  const lineStart = startOfLine(text, offset);
  if (lineStart === 0) return undefined;
  // The previous line ends at the break before lineStart (CRLF is one break).
  const end = text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  return text.slice(startOfLine(text, end), end);
}

/** Walks back to the line's start: cost bounded by the line, not the file (LF, CRLF or CR breaks). */
function startOfLine(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** `STRIPE_KEY holds a plaintext Stripe secret key (rule stripe-secret-key)`. */
export function findingMessage(key: string, match: SecretMatch): string {
  return `${key} ${match.statement ?? `holds a plaintext ${match.description}`} (rule ${match.rule})`;
}

function toFinding(entry: EnvEntry, file: string, match: SecretMatch): Finding {
  return {
    file,
    line: entry.line,
    column: entry.column,
    valueLine: entry.valueLine,
    valueColumn: entry.valueColumn,
    valueEndLine: entry.valueEndLine,
    valueEndColumn: entry.valueEndColumn,
    key: entry.key,
    rule: match.rule,
    message: findingMessage(entry.key, match),
  };
}
