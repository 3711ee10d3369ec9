/** Document-level detection: every entry of a parsed env file, honouring allow lists and comments. */
import type { EnvDocument, EnvEntry } from '../dotenv/model';
import type { Finding } from '../findings';
import { isIgnoredByComment, keyAllowList } from './allow';
import { classifyValue } from './classify';
import type { DetectionMemo } from './memo';
import { ruleDoc, type Severity } from './rule-docs';
import type { DetectionSettings, SecretMatch } from './types';

/** The findings for one parsed env file, in file order. Messages name the key and rule, never the value. */
export function detectSecrets(doc: EnvDocument, file: string, settings?: DetectionSettings, memo?: DetectionMemo): Finding[] {
  const allowed = keyAllowList(settings?.allowKeys);
  const findings: Finding[] = [];
  memo?.nextGeneration();
  // Entries one at a time: a file of a million lines never needs them all as objects at once.
  // A line repeated as it stands gets the verdict of the line before it (a file of one key set
  // millions of times is classified once).
  let previousKey: string | undefined;
  let previousValue: string | undefined;
  let previousMatch: SecretMatch | undefined;
  for (let i = 0; i < doc.entryCount; i++) {
    const entry = doc.entryAt(i);
    const key = entry.key;
    if (allowed(key)) continue;
    const value = entry.value;
    let match: SecretMatch | undefined;
    if (key === previousKey && value === previousValue) match = previousMatch;
    else {
      match = memo ? memo.verdict(key, value, () => classifyValue(key, value, settings)) : classifyValue(key, value, settings);
      previousKey = key;
      previousValue = value;
      previousMatch = match;
    }
    if (!match) continue;
    const severity = severityOf(match.rule, settings);
    if (severity === 'off') continue;
    // Comments only matter for the few entries that are findings: look them up then.
    if (isIgnoredByComment(entry, lineAbove(doc.text, entry.span.start))) continue;
    findings.push(toFinding(entry, key, file, match, severity));
  }
  memo?.forgetUnused();
  return findings;
}

/** The text of the line before the one holding `offset`, without its line break; undefined on the first line. */
export function lineAbove(text: string, offset: number): string | undefined {
  const lineStart = startOfLine(text, offset);
  if (lineStart === 0) return undefined;
  // The previous line ends at the break before lineStart (CRLF is one break).
  const end = text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  return text.slice(startOfLine(text, end), end);
}

/** Walks back to the line's start: cost bounded by the line, not the file (LF, CRLF or CR breaks). */
export function startOfLine(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/**
 * `STRIPE_KEY holds a plaintext Stripe secret key`. The rule id is not repeated: every output shows
 * it beside the message (the Problems panel's code column, SARIF's ruleId, the text report).
 */
export function findingMessage(key: string, match: SecretMatch): string {
  return `${key} ${match.statement ?? `holds a plaintext ${match.description}`}`;
}

/** The rule's severity: `ruleSeverity` from settings or `.envguard.json`, else the rule's own (rule-docs.ts). */
export function severityOf(rule: string, settings?: DetectionSettings): Severity | 'off' {
  return settings?.ruleSeverity?.[rule] ?? ruleDoc(rule).severity;
}

/** `key` is the entry's key, already read (an entry reads its key from the text each time it is asked). */
function toFinding(entry: EnvEntry, key: string, file: string, match: SecretMatch, severity: Severity): Finding {
  return {
    file,
    line: entry.line,
    column: entry.column,
    valueLine: entry.valueLine,
    valueColumn: entry.valueColumn,
    valueEndLine: entry.valueEndLine,
    valueEndColumn: entry.valueEndColumn,
    key,
    rule: match.rule,
    severity,
    message: findingMessage(key, match),
  };
}
