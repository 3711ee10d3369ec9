import { duplicateKeys, parseEnv, type EnvDocument } from '../dotenv';
import { detectSecrets, type DetectionMemo, type DetectionSettings } from '../detection';
import type { Finding } from '../findings';

export interface EnvAnalysis {
  readonly document: EnvDocument;
  readonly findings: Finding[];
  /** Value-free remarks about the file (duplicate keys…). */
  readonly warnings: string[];
}

/**
 * Parses and checks one env file's text: what the CLI and the extension's diagnostics both run.
 * An editor passes the document's memo so that a re-check classifies only changed entries.
 */
export function analyzeEnvText(text: string, file: string, settings?: DetectionSettings, memo?: DetectionMemo): EnvAnalysis {
  const document = parseEnv(text);
  const findings = detectSecrets(document, file, settings, memo);
  const warnings = duplicateKeys(document).map(
    ({ key, lines }) => `${file}: ${key} is set ${lines.length} times (lines ${lines.join(', ')}); dotenv uses the last one (line ${lines[lines.length - 1]})`,
  );
  return { document, findings, warnings };
}
