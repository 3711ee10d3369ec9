import type { Log, ReportingDescriptor, Result } from 'sarif';
import { MALFORMED_REFERENCE_RULE, NOT_FULLY_CHECKED_RULE } from '../../core/detection';
import type { ScanReport } from '../../core/scan';
import { VERSION } from '../version';

/**
 * SARIF 2.1.0 for code-scanning tools. Fingerprints hash file, key and rule only: a hash of a
 * low-entropy password would let anyone test guesses against it.
 */
export function formatScanSarif(report: ScanReport): string {
  // Loaded here, not at startup: only SARIF output needs hashing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const sample = report.findings.find((f) => f.rule === id)!;
    return {
      id,
      name: id.replace(/(^|[-:])([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase()),
      shortDescription: { text: OTHER_RULES[id]?.short ?? describeRule(sample.message) },
      fullDescription: { text: OTHER_RULES[id]?.full ?? 'A plaintext secret in an env file: move it into a vault and keep a reference (envguard migrate).' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret'] },
    };
  });
  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: 'error',
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line, startColumn: f.column, endLine: f.valueEndLine, endColumn: f.valueEndColumn },
      },
    }],
    partialFingerprints: { 'envguardFinding/v1': createHash('sha256').update(`${f.file}\0${f.key}\0${f.rule}`).digest('hex') },
  }));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'EnvGuard', version: VERSION, semanticVersion: VERSION, informationUri: 'https://github.com/envguard/envguard', rules } },
      columnKind: 'utf16CodeUnits',
      originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory of the scan.' } } },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Rules whose findings are not plaintext secrets: their own descriptions. */
const OTHER_RULES: Record<string, { short: string; full: string }> = {
  [MALFORMED_REFERENCE_RULE]: { short: 'Malformed vault reference', full: 'A value that starts like a vault reference but does not parse: correct it, or nothing can resolve it.' },
  [NOT_FULLY_CHECKED_RULE]: { short: 'Value not fully checked', full: 'A value too long or too deeply nested to be checked whole: its unchecked part may hold a secret.' },
};

/** "KEY holds a plaintext X (rule r)" → "Plaintext X". */
function describeRule(message: string): string {
  const match = /holds an? (.+?) \(rule/.exec(message);
  const what = match?.[1] ?? 'plaintext secret';
  return what.charAt(0).toUpperCase() + what.slice(1);
}
