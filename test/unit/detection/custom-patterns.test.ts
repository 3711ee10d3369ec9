import assert from 'node:assert/strict';
import { checkCustomPatterns, classifyValue, type CustomPattern } from '../../../src/core/detection';
import { analyzeEnvText } from '../../../src/core/scan';

/** The hostile repository of the hardening issue: a pattern that backtracks exponentially in JavaScript's engine. */
const EVIL: CustomPattern = { id: 'evil', value: '^(a+)+$' };

describe('custom patterns run on a linear-time engine', () => {
  // The hostile inputs themselves run in CLI child processes (test/unit/cli/hostile-input.test.ts):
  // a regression would hang a process, which only a child can bound.
  it('still find what they describe, patterns that backtrack exponentially in JavaScript included', () => {
    const settings = { customPatterns: [EVIL, { id: 'words', value: '^([a-z]+)+$' }] };
    const { findings } = analyzeEnvText('FOO=aaaa-b\nBAR=correcthorsebatterystaple\n', '.env', settings);
    assert.deepEqual(findings.map((f) => `${f.key} ${f.rule}`), ['BAR custom:words']);
  });

  it('match the whole checked part of a long value, not only its first 8 KB', () => {
    const settings = { customPatterns: [{ id: 'tail', value: 'TAIL-[0-9]{6}$' }] };
    assert.equal(classifyValue('BLOB', `${'a'.repeat(20_000)}TAIL-123456`, settings)?.rule, 'custom:tail');
  });

  it('match keys case-insensitively and keep JavaScript syntax (named groups, \\u escapes, classes)', () => {
    const settings = { customPatterns: [{ id: 'acme', key: '^acme_', value: '^(?<kind>tok|key)-\\u0041[\\d]{4}$' }] };
    assert.equal(classifyValue('ACME_THING', 'tok-A1234', settings)?.rule, 'custom:acme');
    assert.equal(classifyValue('ACME_THING', 'tok-B1234', settings), undefined);
    assert.equal(classifyValue('OTHER', 'tok-A1234', settings), undefined);
  });

  describe('refuse, when the configuration is loaded, what needs backtracking, naming the pattern and the construct', () => {
    const cases: [string, string, RegExp][] = [
      ['(a)\\1', 'value', /a backreference \(\\1\)/],
      ['(?<q>[\'"]).*\\k<q>', 'value', /a named backreference \(\\k<name>\)/],
      ['^(?=.*[0-9])[a-z0-9]{8}$', 'value', /a lookahead \(\(\?=…\)\)/],
      ['^(?!test)[a-z]+$', 'key', /a lookahead \(\(\?!…\)\)/],
      ['(?<=secret:)[a-z]+', 'value', /a lookbehind \(\(\?<=…\)\)/],
      ['(?<![a-z])tok', 'value', /a lookbehind \(\(\?<!…\)\)/],
    ];
    for (const [source, field, construct] of cases) {
      it(`${field} ${source}`, () => {
        const { usable, problems } = checkCustomPatterns([{ id: 'mine', [field]: source }, { id: 'fine', value: '^ok$' }]);
        assert.deepEqual(usable.map((p) => p.id), ['fine']);
        assert.equal(problems.length, 1);
        assert.equal(problems[0]!.patternId, 'mine');
        assert.match(problems[0]!.message, /^custom pattern "mine" cannot be used: /);
        assert.match(problems[0]!.message, new RegExp(`"${field}" uses `));
        assert.match(problems[0]!.message, construct);
        assert.match(problems[0]!.message, /linear time/);
      });
    }

    it('escaped and bracketed look-alikes are ordinary characters', () => {
      assert.deepEqual(checkCustomPatterns([{ id: 'a', value: '\\(?=x' }, { id: 'b', value: '[(?=]+' }, { id: 'c', value: '[\\]\\\\1]' }]).problems, []);
    });

    it('an invalid regular expression, a repetition count RE2 refuses, a program too large', () => {
      const { problems } = checkCustomPatterns([
        { id: 'syntax', value: '([a-z' },
        { id: 'count', value: 'a{1001}' },
        { id: 'big', value: '[a-z]{400}[0-9]{400}' },
        { id: 'none' },
        { id: '  ', value: 'x' },
      ]);
      assert.deepEqual(problems.map((p) => p.patternId), ['syntax', 'count', 'big', 'none', '(missing id)']);
      assert.match(problems[0]!.message, /"value" is not a valid regular expression/);
      assert.match(problems[1]!.message, /cannot run on the linear-time engine \(RE2: invalid repeat count/);
      assert.match(problems[2]!.message, /is too large \(\d+ instructions once compiled, at most 500\)/);
      assert.match(problems[3]!.message, /give a "value" regular expression, a "key" regular expression, or both/);
    });
  });
});
