/**
 * Detection quality on examples nobody here wrote: gitleaks' rule files and secretlint's rule
 * snapshots (external/corpus.ts), each value as an env line under a fitting key and under `VALUE_1`.
 * EnvGuard in-process; secretlint (preset-recommend) as a process over the same lines, for comparison.
 * Skips visibly when the snapshots are absent (CI does not fetch them).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { externalCases, measure } from '../external/measure';
import { NEUTRAL_KEY, type ExternalCase } from '../external/corpus';
import { ensureSecretlint } from '../lib/secretlint';
import type { BenchContext, Row, Section } from '../types';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export const externalCorpusSection: Section = {
  name: 'Detection quality on gitleaks and secretlint examples (external corpus)',
  run(context: BenchContext): Promise<Row[]> {
    const found = externalCases();
    if (!found) return Promise.resolve([{ measure: 'external corpus', value: 'SKIPPED', notes: 'no gitleaks/secretlint snapshot on this machine (fetch them; see test/bench/external/corpus.ts)' }]);
    const m = measure(found.cases);
    const rows: Row[] = [
      { measure: 'examples', value: `${m.positives} secrets, ${m.negatives} negatives`, notes: found.note },
      { measure: 'recall from the value alone', value: pct(m.recallValueOnly), goal: { text: '>= 75%', met: m.recallValueOnly >= 0.75 } },
      { measure: 'recall under a fitting key', value: pct(m.recallFittingKey), goal: { text: '>= 99%', met: m.recallFittingKey >= 0.99 } },
      { measure: 'negatives flagged, value alone', value: pct(m.negativesFlaggedValueOnly), goal: { text: '<= 5%', met: m.negativesFlaggedValueOnly <= 0.05 } },
      { measure: 'negatives flagged, fitting key', value: pct(m.negativesFlaggedFittingKey), goal: { text: '<= 15%', met: m.negativesFlaggedFittingKey <= 0.15 } },
      { measure: 'published positives that are placeholders', value: `${m.placeholderPositives}`, notes: `flagged ${pct(m.placeholderFlaggedValueOnly)} alone, ${pct(m.placeholderFlaggedFittingKey)} under a fitting key` },
    ];
    rows.push(secretlintRow(context, found.cases));
    return Promise.resolve(rows);
  },
};

/** secretlint's recall on the same secrets, written as env lines under their fitting keys. */
function secretlintRow(context: BenchContext, cases: readonly ExternalCase[]): Row {
  const dir = path.join(context.work, 'external-secretlint');
  mkdirSync(dir, { recursive: true });
  const secrets = cases.filter((c) => c.secret && !c.placeholderShaped);
  // One file per example: secretlint reports per file, so a finding is attributed without parsing positions.
  const lines = secrets.map((c, i) => ({ file: `case-${i}.env`, fitting: `${c.fittingKey}=${JSON.stringify(c.value)}\n`, alone: `${NEUTRAL_KEY}=${JSON.stringify(c.value)}\n` }));
  writeFileSync(path.join(dir, '.secretlintrc.json'), `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] })}\n`);
  for (const line of lines) writeFileSync(path.join(dir, line.file), line.fitting);
  let found = 0;
  try {
    const out = run(context, dir);
    found = (JSON.parse(out) as { messages: unknown[] }[]).filter((r) => r.messages.length > 0).length;
  } catch (error) {
    return { measure: 'secretlint recall (fitting key)', value: 'failed', notes: error instanceof Error ? error.message.slice(0, 200) : String(error) };
  }
  return { measure: 'secretlint recall (fitting key)', value: pct(found / secrets.length), notes: `secretlint + preset-recommend on the same ${secrets.length} secrets as env lines` };
}

function run(context: BenchContext, dir: string): string {
  const { node, bin } = ensureSecretlint();
  try {
    return execFileSync(node, [bin, '*.env', '--format', 'json', '--maskSecrets', '--no-gitignore'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    // Exit 1 means "found secrets": its stdout is the report.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return stdout;
    throw error;
  }
}
