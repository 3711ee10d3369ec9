import { ruleDoc } from '../../core/detection';
import type { ScanReport } from '../../core/scan';
import { jsonDocument } from './json';

/**
 * `{"files": [...], "findings": [{file, line, column, key, rule, severity, message}]}`, paths already
 * relative; `baselined` (when a baseline was given) counts the findings it hid.
 */
export function formatScanJson(report: ScanReport, files: string[], baselined?: number): string {
  const findings = report.findings.map(({ file, line, column, key, rule, severity, message }) => ({ file, line, column, key, rule, severity: severity ?? ruleDoc(rule).severity, message }));
  return jsonDocument({ files, findings, ...(baselined !== undefined ? { baselined } : {}) });
}
