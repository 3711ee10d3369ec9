import { duplicateKeys, parseEnv, reparseEnv, type EnvDocument } from '../dotenv';
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
  const warnings = duplicateKeys(document).map(
    ({ key, lines }) => `${file}: ${key} is set ${lines.length} times (lines ${lines.join(', ')}); dotenv uses the last one (line ${lines[lines.length - 1]})`,
  );
  return { document, findings, warnings };
}
