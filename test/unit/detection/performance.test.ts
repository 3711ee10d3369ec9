/**
 * Long and adversarial values must not trigger catastrophic backtracking in any rule. No timing is
 * asserted (the bench measures speed); a regression shows up as a test that hangs past the timeout.
 */
import { strict as assert } from 'node:assert';
import { classifyValue } from '../../../src/core/detection';

describe('detection on adversarial values', () => {
  const shapes: [string, string][] = [
    ['API_TOKEN', 'a'.repeat(200_000)],
    ['DATABASE_URL', `postgres://${'u'.repeat(100_000)}:${':'.repeat(100_000)}@`],
    ['CONNECTION_STRING', 'Password=;'.repeat(50_000)],
    ['PRIVATE_KEY', `-----BEGIN PRIVATE KEY-----${'A'.repeat(200_000)}`],
    ['JWT', `eyJ${'a.'.repeat(100_000)}`],
    ['SECRET', `${'-_'.repeat(100_000)}!`],
    ['X', `sk-${'A1'.repeat(100_000)}`],
    ['WEBHOOK', `https://hooks.slack.com/services/${'T/'.repeat(100_000)}`],
  ];
  for (const [key, value] of shapes) {
    it(`classifies a ${(value.length / 1000).toFixed(0)} kB ${key} value without backtracking`, () => {
      const match = classifyValue(key, value);
      assert.ok(match === undefined || typeof match.rule === 'string');
    });
  }
});
