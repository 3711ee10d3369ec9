import { strict as assert } from 'node:assert';
import { classifyValue, GENERIC_TOKEN_RULE, VENDOR_RULES, vendorNames } from '../../../src/core/detection';
import { Fake } from './fake';
import { NEUTRAL_KEYS, VENDOR_SAMPLES } from './vendor-samples';

/** The pattern source with character classes removed, to look for unbounded quantifiers outside them. */
function withoutClasses(source: string): string {
  return source.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'C');
}

describe('vendor rule table', () => {
  it('has unique ids, at least 60 vendors, and a guard on every rule', () => {
    const ids = VENDOR_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(vendorNames().length >= 60, `${vendorNames().length} vendors`);
    for (const rule of VENDOR_RULES) assert.ok(rule.literals.length > 0 || (rule.keyWords?.length ?? 0) > 0, `${rule.id} has no literal or key guard`);
  });

  it('bounds every quantifier (no `*`, `+` or `{n,}` outside character classes)', () => {
    for (const rule of VENDOR_RULES) {
      const stripped = withoutClasses(rule.pattern.source);
      assert.ok(!/[*+]|\{\d+,\}/.test(stripped), `${rule.id}: ${stripped}`);
    }
  });

  it('stays linear on long adversarial inputs', () => {
    const f = new Fake(99);
    for (const rule of VENDOR_RULES) {
      const literal = rule.literals[0] ?? '';
      const inputs = [literal.repeat(5000), `${literal}${'a'.repeat(60000)}`, `${literal}${f.chars('0123456789abcdef-_.', 60000)}`, `${'1'.repeat(30000)}:${'A'.repeat(30000)}`];
      for (const input of inputs) {
        const started = performance.now();
        rule.pattern.exec(input);
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 250, `${rule.id} took ${elapsed.toFixed(0)} ms`);
      }
    }
  });
});

describe('vendor rules', () => {
  const f = new Fake(2024);

  for (const rule of VENDOR_RULES) {
    const sample = VENDOR_SAMPLES[rule.id];
    if (!sample) continue;
    describe(rule.id, () => {
      it(`recognises a ${rule.vendor} token under ${sample.keys.join(', ')}`, () => {
        for (let i = 0; i < 10; i++) {
          const value = sample.make(f);
          for (const key of sample.keys) assert.equal(classifyValue(key, value)?.rule, rule.id, `${rule.id} under ${key}`);
        }
      });

      if (!sample.keyedOnly) {
        it('recognises it under a neutral key', () => {
          for (let i = 0; i < 5; i++) assert.ok(classifyValue(f.pick(NEUTRAL_KEYS), sample.make(f)), rule.id);
        });
      }

      if (rule.strength === 'strong' && !sample.keyedOnly) {
        it('reports it even under a key that calls it public', () => {
          for (const key of ['NEXT_PUBLIC_TOKEN', 'VITE_PUBLIC_KEY', 'PUBLISHABLE_KEY', 'CLIENT_ID']) assert.ok(classifyValue(key, sample.make(f)), `${rule.id} under ${key}`);
        });
      }

      if (rule.strength === 'medium') {
        it('does not report it under a public or identifier key', () => {
          for (const key of ['NEXT_PUBLIC_CONFIG', 'VITE_SETTING', 'PUBLIC_VALUE']) assert.equal(classifyValue(key, sample.make(f)), undefined, `${rule.id} under ${key}`);
        });
      }

      if (sample.keyedOnly) {
        it('needs the vendor in the key', () => {
          for (const key of NEUTRAL_KEYS.slice(0, 5)) assert.equal(classifyValue(key, sample.make(f))?.rule === rule.id, false, `${rule.id} under ${key}`);
        });
      }

      it('ignores a masked token of the same shape', () => {
        const value = sample.make(f);
        const masked = value.slice(0, Math.min(8, Math.floor(value.length / 3))) + 'x'.repeat(Math.max(8, value.length - 8));
        assert.equal(classifyValue(sample.keys[0]!, masked)?.rule === rule.id, false, rule.id);
      });

      if (!sample.keyedOnly) {
        it('does not report the prefix alone, cut short', () => {
          const value = sample.make(f);
          // Keep the first literal and six characters after it, or half the token, whichever is shorter.
          const ends = rule.literals.filter((literal) => value.includes(literal)).map((literal) => value.indexOf(literal) + literal.length + 6);
          const literalEnd = Math.min(...ends);
          const cut = value.slice(0, Math.min(literalEnd, Math.floor(value.length / 2)));
          // The vendor's pattern must not match; a long random half may still look like a token of unknown kind.
          const found = classifyValue(f.pick(NEUTRAL_KEYS), cut);
          assert.ok(found === undefined || found.rule === GENERIC_TOKEN_RULE, `${rule.id}: ${found?.rule}`);
        });
      }

      it('ignores the prefix with a placeholder body (x…, one character, a typed sequence, EXAMPLE)', () => {
        const value = sample.make(f);
        const prefix = rule.keyWords ? '' : (rule.literals.find((literal) => value.startsWith(literal)) ?? '');
        const length = value.length - prefix.length;
        const bodies = ['x'.repeat(length), 'A'.repeat(length), 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'.repeat(8).slice(0, length), `${'Q7'.repeat(length)}`.slice(0, length - 7) + 'EXAMPLE'];
        for (const body of bodies) assert.notEqual(classifyValue(sample.keys[0]!, prefix + body)?.rule, rule.id, `${rule.id} with body ${body.slice(0, 6)}…`);
      });

      if (sample.nearMiss) {
        it('does not report a near miss of the same family', () => {
          for (let i = 0; i < 5; i++) assert.equal(classifyValue(f.pick(NEUTRAL_KEYS), sample.nearMiss!(f)), undefined, rule.id);
        });
      }
    });
  }
});
