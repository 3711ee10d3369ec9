import { isPlaintextSecretRule } from '../../core/detection';
import type { ScanReport } from '../../core/scan';

/**
 * For people: one line per finding (`file:line:column  secret|problem  message (rule)`), then a
 * summary; `baselined` findings matched the baseline and are only counted.
 */
export function formatScanText(report: ScanReport, files: string[], color: boolean, baselined = 0): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const red = (s: string) => (color ? `\x1b[31m${s}\x1b[39m` : s);
  const lines = report.findings.map((f) => `${bold(`${f.file}:${f.line}:${f.column}`)}  ${red(isPlaintextSecretRule(f.rule) ? 'secret' : 'problem')}  ${f.message} (${f.rule})`);
  const withFindings = new Set(report.findings.map((f) => f.file)).size;
  const secrets = report.findings.filter((f) => isPlaintextSecretRule(f.rule)).length;
  const problems = report.findings.length - secrets;
  if (files.length === 0) {
    lines.push('No env files found.');
  } else if (report.findings.length === 0) {
    lines.push(`No plaintext secrets in ${plural(files.length, 'env file')}.`);
  } else {
    const what = [...(secrets > 0 ? [plural(secrets, 'plaintext secret')] : []), ...(problems > 0 ? [plural(problems, 'other problem')] : [])].join(' and ');
    lines.push('', `${what} in ${withFindings} of ${plural(files.length, 'env file')}.`);
  }
  if (baselined > 0) lines.push(`${plural(baselined, 'finding')} in the baseline not shown.`);
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
