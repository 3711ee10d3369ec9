/**
 * docs/rules.md, rendered from the rule table and its documentation (rule-docs.ts): one section per
 * rule, anchored by its id, which diagnostics (`codeDescription`) and SARIF (`helpUri`) link to.
 * `npm run docs:rules` writes it; test/unit/detection/rules-page.test.ts keeps it current.
 */
import { allRuleDocs, type RuleDoc } from './rule-docs';
import { VENDOR_RULES } from './vendor-rules';

const FAMILIES: readonly [RuleDoc['family'], string][] = [
  ['vendor', 'Vendor formats'],
  ['credentials', 'Credentials in URLs, connection strings, headers and commands'],
  ['key-hint', 'Secrets named by their key'],
  ['generic', 'Random-looking values'],
  ['problem', 'Problems that are not secrets'],
];

export function renderRulesPage(): string {
  const docs = allRuleDocs();
  const vendors = new Set(VENDOR_RULES.map((r) => r.vendor)).size;
  const lines = [
    '# EnvGuard rules',
    '',
    '<!-- Generated from src/core/detection/rule-docs.ts and vendor-rules.ts by `npm run docs:rules`; do not edit by hand. -->',
    '',
    `${docs.length} rules, ${VENDOR_RULES.length} of them vendor formats of ${vendors} vendors. Each finding names its rule; the`,
    'Problems panel links its code here, and SARIF output carries the same text (`rules[].fullDescription`, `helpUri`).',
    '',
    'Severity is the rule\'s default: set another, or `off`, per rule with `ruleSeverity` in `.envguard.json` or',
    '`envguard.detection.ruleSeverity` in VS Code. Placeholders (`x…` bodies, one character repeated, typed sequences,',
    '`EXAMPLE`, `your-…-here`, `<…>`, `${…}`) and vendors\' published documentation values are never reported.',
    '',
  ];
  for (const [family, heading] of FAMILIES) {
    const members = docs.filter((d) => d.family === family);
    lines.push(`## ${heading}`, '');
    for (const doc of members) lines.push(`### ${doc.id}`, '', `**${doc.title}** — severity \`${doc.severity}\``, '', doc.description, '');
  }
  lines.push('## custom-patterns', '', 'Findings of your own patterns (`custom:ID`, from `envguard.detection.customPatterns` or `.envguard.json` `customPatterns`) take the severity `error` unless `ruleSeverity` says otherwise.', '');
  return lines.join('\n');
}
