import { strict as assert } from 'node:assert';
import { classifyValue, VENDOR_RULES, vendorNames } from '../../../src/core/detection';
import { buildCorpus, type LabelledCase } from './corpus';
import { VENDOR_SAMPLES } from './vendor-samples';

interface Score {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly misses: readonly { readonly case: LabelledCase; readonly rule?: string }[];
}

function score(cases: readonly LabelledCase[]): Score {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const misses: { case: LabelledCase; rule?: string }[] = [];
  for (const c of cases) {
    const match = classifyValue(c.key, c.value);
    if (match && c.secret) truePositives++;
    else if (match && !c.secret) {
      falsePositives++;
      misses.push({ case: c, rule: match.rule });
    } else if (!match && c.secret) {
      falseNegatives++;
      misses.push({ case: c });
    }
  }
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    misses,
  };
}

/** Keys, categories and rules only: a failure report never shows a value. */
function describeMisses(result: Score): string {
  return result.misses
    .slice(0, 40)
    .map((m) => `  ${m.case.secret ? 'missed' : 'false alarm'} ${m.case.category} key=${m.case.key}${m.rule ? ` rule=${m.rule}` : ''}`)
    .join('\n');
}

/** `vendor:github-token` → `vendor`; placeholders and near-misses of every format are families of their own. */
function familyOf(category: string): string {
  return category.split(':')[0]!;
}

describe('detection corpus', () => {
  const corpus = buildCorpus();

  it('is large, deterministic and balanced', () => {
    assert.ok(corpus.length >= 5000, `corpus has ${corpus.length} cases`);
    const again = buildCorpus();
    assert.deepEqual(again.slice(0, 50), corpus.slice(0, 50));
    const positives = corpus.filter((c) => c.secret).length;
    assert.ok(positives > corpus.length * 0.35 && positives < corpus.length * 0.65, `${positives} positives of ${corpus.length}`);
  });

  it('has a sample generator for every vendor rule', () => {
    const missing = VENDOR_RULES.map((r) => r.id).filter((id) => !VENDOR_SAMPLES[id]);
    assert.deepEqual(missing, []);
    assert.ok(vendorNames().length >= 60, `${vendorNames().length} vendors`);
  });

  it('reaches precision and recall of at least 0.97', () => {
    const result = score(corpus);
    console.log(
      `      corpus: ${corpus.length} cases, precision ${result.precision.toFixed(4)}, recall ${result.recall.toFixed(4)} ` +
        `(TP ${result.truePositives}, FP ${result.falsePositives}, FN ${result.falseNegatives}); ${VENDOR_RULES.length} rules, ${vendorNames().length} vendors`,
    );
    assert.ok(result.precision >= 0.97 && result.recall >= 0.97, `precision ${result.precision}, recall ${result.recall}\n${describeMisses(result)}`);
  });

  it('reports precision and recall per rule family, each at least 0.95', () => {
    const families = new Map<string, LabelledCase[]>();
    for (const c of corpus) {
      const family = familyOf(c.category);
      families.set(family, [...(families.get(family) ?? []), c]);
    }
    const weak: string[] = [];
    for (const [family, cases] of [...families].sort((a, b) => a[0].localeCompare(b[0]))) {
      const r = score(cases);
      const positives = cases.filter((c) => c.secret).length;
      // A family of negatives only (placeholders, near-misses) has no precision: its false-alarm rate says it all.
      const precision = positives === 0 ? 1 - r.falsePositives / cases.length : r.precision;
      const recall = positives === 0 ? 1 : r.recall;
      const figures = positives === 0 ? `false alarms ${r.falsePositives}/${cases.length}` : `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}`;
      console.log(`      ${family.padEnd(24)} ${String(cases.length).padStart(5)} cases  ${figures}`);
      if (precision < 0.95 || recall < 0.95) weak.push(`${family}: precision ${precision}, recall ${recall}\n${describeMisses(r)}`);
    }
    assert.deepEqual(weak, []);
  });

  it('holds on other seeds too', () => {
    for (const seed of [1, 42, 987654]) {
      const result = score(buildCorpus(seed));
      assert.ok(result.precision >= 0.97 && result.recall >= 0.97, `seed ${seed}: precision ${result.precision}, recall ${result.recall}\n${describeMisses(result)}`);
    }
  });
});
