import { duplicateKeys, parseEnv, reparseEnv, type DuplicateKey, type EnvDocument } from '../dotenv';
import { DetectionMemo, detectSecrets, type DetectionSettings } from '../detection';
import type { Finding } from '../findings';

export interface EnvAnalysis {
  readonly document: EnvDocument;
  readonly findings: Finding[];
  /** Value-free remarks about the file (duplicate keys…). */
  readonly warnings: string[];
}

/** Parses and checks one env file's text: what the CLI, the migration and the launch code run. */
export function analyzeEnvText(text: string, file: string, settings?: DetectionSettings): EnvAnalysis {
  return analysisOf(parseEnv(text), file, settings);
}

/**
 * The analyses of one document an editor keeps open: each re-check after an edit re-parses only
 * around the edit and classifies only the entries that changed. One per open document, and a
 * new one when the detection settings change.
 */
export class DocumentAnalyzer {
  private readonly memo = new DetectionMemo();
  private last: EnvDocument | undefined;

  analyze(text: string, file: string, settings?: DetectionSettings): EnvAnalysis {
    const document = reparseEnv(text, this.last);
    this.last = document;
    return analysisOf(document, file, settings, this.memo);
  }
}

function analysisOf(document: EnvDocument, file: string, settings?: DetectionSettings, memo?: DetectionMemo): EnvAnalysis {
  const findings = detectSecrets(document, file, settings, memo);
  return { document, findings, warnings: duplicateWarnings(duplicateKeys(document), file) };
}

/** Warnings about one file are capped: a file with thousands of repeated keys gets a summary line. */
export const MAX_DUPLICATE_WARNINGS = 20;

/** One warning a repeated key, naming its first lines and the count; then one line for the rest. */
function duplicateWarnings(duplicates: readonly DuplicateKey[], file: string): string[] {
  const warnings = duplicates.slice(0, MAX_DUPLICATE_WARNINGS).map(({ key, count, firstLines, lastLine }) => {
    const lines = count === firstLines.length
      ? firstLines.join(', ')
      : `${firstLines.join(', ')}, … ${count - firstLines.length - 1} more …, ${lastLine}`;
    return `${file}: ${key} is set ${count} times (lines ${lines}); dotenv uses the last one (line ${lastLine})`;
  });
  const unlisted = duplicates.length - MAX_DUPLICATE_WARNINGS;
  if (unlisted > 0) warnings.push(`${file}: ${unlisted} more keys are set more than once; dotenv uses the last value of each`);
  return warnings;
}
