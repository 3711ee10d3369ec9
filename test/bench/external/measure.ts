/**
 * Measures the detector on gitleaks' and secretlint's published examples (see corpus.ts):
 * recall from the value alone (under `VALUE_1`) and under a fitting key, and how many negatives are
 * flagged the same two ways. `node --import tsx test/bench/external/measure.ts [--misses]`;
 * the bench section `External examples` prints the same figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyValue } from '../../../src/core/detection';
import { gitleaksCases, markOtherRulesSecrets, NEUTRAL_KEY, secretlintCases, snapshotsPresent, type ExternalCase } from './corpus';

export interface Measurement {
  readonly cases: number;
  readonly positives: number;
  readonly negatives: number;
  /** Published positives that are placeholders by the list (corpus.ts placeholderShaped). */
  readonly placeholderPositives: number;
  readonly placeholderFlaggedValueOnly: number;
  readonly placeholderFlaggedFittingKey: number;
  readonly recallValueOnly: number;
  readonly recallFittingKey: number;
  readonly negativesFlaggedValueOnly: number;
  readonly negativesFlaggedFittingKey: number;
  readonly misses: readonly { readonly kind: string; readonly rule: string; readonly key: string; readonly value: string; readonly found?: string }[];
}

export function measure(cases: readonly ExternalCase[]): Measurement {
  let positives = 0;
  let negatives = 0;
  let valueOnly = 0;
  let fitting = 0;
  let negValueOnly = 0;
  let negFitting = 0;
  let placeholders = 0;
  let phValueOnly = 0;
  let phFitting = 0;
  const misses: Measurement['misses'][number][] = [];
  for (const c of cases) {
    if (c.otherRulesSecret) continue;
    const alone = classifyValue(NEUTRAL_KEY, c.value);
    const keyed = classifyValue(c.fittingKey, c.value);
    const secretAlone = alone !== undefined && alone.source !== 'reference' && alone.source !== 'limit';
    const secretKeyed = keyed !== undefined && keyed.source !== 'reference' && keyed.source !== 'limit';
    if (c.secret && c.placeholderShaped) {
      placeholders++;
      if (secretAlone) phValueOnly++;
      if (secretKeyed) phFitting++;
      if (secretKeyed) misses.push({ kind: 'placeholder flagged (fitting key)', rule: `${c.source}:${c.rule}`, key: c.fittingKey, value: c.value, found: keyed.rule });
    } else if (c.secret) {
      positives++;
      if (secretAlone) valueOnly++;
      else misses.push({ kind: 'missed (value alone)', rule: `${c.source}:${c.rule}`, key: NEUTRAL_KEY, value: c.value });
      if (secretKeyed) fitting++;
      else misses.push({ kind: 'missed (fitting key)', rule: `${c.source}:${c.rule}`, key: c.fittingKey, value: c.value });
    } else {
      negatives++;
      if (secretAlone) {
        negValueOnly++;
        misses.push({ kind: 'flagged (value alone)', rule: `${c.source}:${c.rule}`, key: NEUTRAL_KEY, value: c.value, found: alone.rule });
      }
      if (secretKeyed) {
        negFitting++;
        misses.push({ kind: 'flagged (fitting key)', rule: `${c.source}:${c.rule}`, key: c.fittingKey, value: c.value, found: keyed.rule });
      }
    }
  }
  return {
    cases: cases.length,
    positives,
    negatives,
    recallValueOnly: valueOnly / positives,
    recallFittingKey: fitting / positives,
    negativesFlaggedValueOnly: negValueOnly / negatives,
    negativesFlaggedFittingKey: negFitting / negatives,
    placeholderPositives: placeholders,
    placeholderFlaggedValueOnly: phValueOnly / Math.max(1, placeholders),
    placeholderFlaggedFittingKey: phFitting / Math.max(1, placeholders),
    misses,
  };
}

export function externalCases(): { cases: ExternalCase[]; note: string } | undefined {
  const present = snapshotsPresent();
  if (!present.gitleaks && !present.secretlint) return undefined;
  const cases: ExternalCase[] = [];
  const notes: string[] = [];
  if (present.gitleaks) {
    const g = gitleaksCases();
    cases.push(...g.cases);
    notes.push(`gitleaks: ${g.rules} rules, ${g.cases.length} examples (${g.skipped} expressions unread)`);
  } else notes.push('gitleaks snapshot absent');
  if (present.secretlint) {
    const s = secretlintCases();
    cases.push(...s.cases);
    notes.push(`secretlint: ${s.rules} rules, ${s.cases.length} examples`);
  } else notes.push('secretlint snapshot absent');
  const marked = markOtherRulesSecrets(cases);
  notes.push(`${marked.filter((c) => c.otherRulesSecret).length} negatives are another rule's published positive (left out)`);
  return { cases: marked, note: notes.join('; ') };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function describe(m: Measurement): string {
  return (
    `${m.positives} positives, ${m.negatives} negatives: recall ${pct(m.recallValueOnly)} from the value alone, ${pct(m.recallFittingKey)} under a fitting key; ` +
    `negatives flagged ${pct(m.negativesFlaggedValueOnly)} from the value alone, ${pct(m.negativesFlaggedFittingKey)} under a fitting key; ` +
    `${m.placeholderPositives} published positives are placeholders: flagged ${pct(m.placeholderFlaggedValueOnly)} / ${pct(m.placeholderFlaggedFittingKey)}`
  );
}

if (require.main === module) {
  const found = externalCases();
  if (!found) {
    console.log('SKIPPED: no gitleaks or secretlint snapshot (fetch github:gitleaks/gitleaks and github:secretlint/secretlint; see ENVGUARD_MIRRORS)');
    process.exit(0);
  }
  const out = path.resolve(__dirname, '../.work/external-corpus');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'cases.json'), JSON.stringify(found.cases, null, 1));
  console.log(found.note);
  for (const source of ['gitleaks', 'secretlint'] as const) {
    const subset = found.cases.filter((c) => c.source === source);
    if (subset.length > 0) console.log(`${source}: ${describe(measure(subset))}`);
  }
  const all = measure(found.cases);
  console.log(`all: ${describe(all)}`);
  writeFileSync(path.join(out, 'misses.txt'), all.misses.map((m) => `${m.kind}\t${m.rule}\t${m.key}\t${m.found ?? ''}\t${JSON.stringify(m.value.slice(0, 200))}`).join('\n') + '\n');
  console.log(`misses: ${path.join(out, 'misses.txt')}`);
}
