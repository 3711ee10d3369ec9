import type { Log, ReportingDescriptor, Result } from 'sarif';
import { findingFingerprint, ruleDoc, ruleHelpUri, type Severity } from '../../core/detection';
import type { Finding } from '../../core/findings';
import type { ScanReport } from '../../core/scan';
import { VERSION } from '../version';
import { jsonDocument } from './json';

/** SARIF's levels for EnvGuard's severities. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for code-scanning tools. Each rule carries its documentation (what the credential is,
 * how to revoke it) and a link to its entry on the rules page. Fingerprints hash file, key and rule
 * only: a hash of a low-entropy password would let anyone test guesses against it.
 */
export function formatScanSarif(report: ScanReport): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const doc = ruleDoc(id);
    return {
      id,
      name: id.replace(/(^|[-:])([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase()),
      shortDescription: { text: doc.title },
      fullDescription: { text: doc.description },
      help: { text: doc.description },
      helpUri: ruleHelpUri(id),
      defaultConfiguration: { level: LEVEL[doc.severity] },
      properties: { tags: ['security', 'secret', doc.family] },
    };
  });
  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: LEVEL[severityOf(f)],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line, startColumn: f.column, endLine: f.valueEndLine, endColumn: f.valueEndColumn },
      },
    }],
    partialFingerprints: { 'envguardFinding/v1': findingFingerprint(f) },
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
  return jsonDocument(log);
}

function severityOf(finding: Finding): Severity {
  return finding.severity ?? ruleDoc(finding.rule).severity;
}
