import { duplicateKeys, grammarOf, reparseWith, type DialectName, type DuplicateKey, type EnvDocument } from '../dotenv';
import { grammarFor, parseAs } from '../dotenv/dialects';
import { tableOf } from '../dotenv/parse';
import { DetectionMemo, detectSecrets, LOADERS_DISAGREE_RULE, type DetectionSettings } from '../detection';
import type { Finding } from '../findings';
import { disagreementsOf, readingsOf, type Disagreement, type Reading } from './readings';

export interface EnvAnalysis {
  /** The file as its first loader reads it (dotenv unless told otherwise). */
  readonly document: EnvDocument;
  /** The file as each of its loaders reads it, the first being `document`. */
  readonly readings: readonly Reading[];
  /** Keys its loaders read differently (each also a `loaders-disagree` finding). */
  readonly disagreements: readonly Disagreement[];
  readonly findings: Finding[];
  /** Value-free remarks about the file (duplicate keys…). */
  readonly warnings: string[];
}

/**
 * Parses and checks one env file's text: what the CLI, the migration and the launch code run.
 * `loaders`: the programs that read the file (core/project/loaders.ts), the first one's reading
 * being the one checked; when several read it, keys they read differently are findings too.
 */
export function analyzeEnvText(text: string, file: string, settings?: DetectionSettings, loaders: readonly DialectName[] = ['dotenv']): EnvAnalysis {
  return analysisOf(parseAs(loaders[0] ?? 'dotenv', text), file, settings, undefined, loaders);
}

/**
 * The analyses of one document an editor keeps open: each re-check after an edit re-parses only
 * around the edit (as the file's first loader reads it; the others, if any, read it whole) and
 * classifies only the entries that changed. One per open document, and a new one when the
 * detection settings change.
 */
export class DocumentAnalyzer {
  private readonly memo = new DetectionMemo();
  private last: EnvDocument | undefined;

  analyze(text: string, file: string, settings?: DetectionSettings, loaders: readonly DialectName[] = ['dotenv']): EnvAnalysis {
    const document = reparseWith(grammarFor(loaders[0] ?? 'dotenv'), text, this.last);
    this.last = document;
    return analysisOf(document, file, settings, this.memo, loaders);
  }
}

function analysisOf(document: EnvDocument, file: string, settings: DetectionSettings | undefined, memo: DetectionMemo | undefined, loaders: readonly DialectName[]): EnvAnalysis {
  const readings = readingsOf(document.text, loaders.length > 0 ? loaders : ['dotenv'], document);
  const disagreements = disagreementsOf(readings);
  const findings = detectSecrets(document, file, settings, memo);
  if (disagreements.length > 0) {
    findings.push(...disagreements.map((d) => disagreementFinding(d, file)));
    findings.sort((a, b) => a.line - b.line);
  }
  const warnings = duplicateWarnings(duplicateKeys(document), file, grammarOf(document).loaderName);
  for (const { dialect, document: read } of readings) warnings.push(...loaderWarnings(dialect, read, file));
  return { document, readings, disagreements, findings, warnings };
}

/** `DB_PASSWORD is read differently by dotenv and python-dotenv (…)`: names the key and the programs, never a value. */
export function disagreementMessage(d: Disagreement): string {
  const names = d.dialects.map((x) => grammarFor(x).loaderName).join(' and ');
  return `${d.key} is read differently by ${names} (${d.how}), so the value the app gets depends on which of them loads the file: quote the value, or say which one reads it in .envguard.json ("loader")`;
}

function disagreementFinding(d: Disagreement, file: string): Finding {
  const { entry } = d;
  return {
    file, line: entry.line, column: entry.column,
    valueLine: entry.valueLine, valueColumn: entry.valueColumn, valueEndLine: entry.valueEndLine, valueEndColumn: entry.valueEndColumn,
    key: d.key, rule: LOADERS_DISAGREE_RULE, message: disagreementMessage(d),
  };
}

/** What a loader makes of the file as a whole: compose refusing it, python-dotenv reading a byte order mark into the first key. */
function loaderWarnings(dialect: DialectName, document: EnvDocument, file: string): string[] {
  const failure = tableOf(document)?.failure;
  const warnings: string[] = [];
  if (failure) {
    const line = document.text.slice(0, failure.at).split(/\r\n|\r|\n/).length;
    warnings.push(`${file}: ${grammarFor(dialect).loaderName} cannot read this file (line ${line}: ${failure.reason}) and refuses to start with it`);
  }
  if (dialect === 'python-dotenv' && document.hasBom) {
    warnings.push(`${file} starts with a byte order mark, which python-dotenv reads as part of the first key: save it as UTF-8 without one`);
  }
  return warnings;
}

/** Warnings about one file are capped: a file with thousands of repeated keys gets a summary line. */
export const MAX_DUPLICATE_WARNINGS = 20;

/** One warning a repeated key, naming its first lines and the count; then one line for the rest. */
function duplicateWarnings(duplicates: readonly DuplicateKey[], file: string, loader: string): string[] {
  const warnings = duplicates.slice(0, MAX_DUPLICATE_WARNINGS).map(({ key, count, firstLines, lastLine }) => {
    const lines = count === firstLines.length
      ? firstLines.join(', ')
      : `${firstLines.join(', ')}, … ${count - firstLines.length - 1} more …, ${lastLine}`;
    return `${file}: ${key} is set ${count} times (lines ${lines}); ${loader} uses the last one (line ${lastLine})`;
  });
  const unlisted = duplicates.length - MAX_DUPLICATE_WARNINGS;
  if (unlisted > 0) warnings.push(`${file}: ${unlisted} more keys are set more than once; ${loader} uses the last value of each`);
  return warnings;
}
