import type { ScanReport } from '../../core/scan';

/** `{"files": [...], "findings": [{file, line, column, key, rule, message}]}`, paths already relative. */
export function formatScanJson(report: ScanReport, files: string[]): string {
  const findings = report.findings.map(({ file, line, column, key, rule, message }) => ({ file, line, column, key, rule, message }));
  return `${JSON.stringify({ files, findings }, null, 2)}\n`;
}
