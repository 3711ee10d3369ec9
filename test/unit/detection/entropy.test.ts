import { strict as assert } from 'node:assert';
import { looksRandom, shannonEntropy } from '../../../src/core/detection';
import { Fake } from './fake';

describe('entropy', () => {
  it('measures bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abab'), 1);
    assert.ok(Math.abs(shannonEntropy('0123456789abcdef') - 4) < 1e-9);
  });

  it('tells machine-generated tokens from words, numbers and identifiers', () => {
    const f = new Fake(3);
    for (let i = 0; i < 200; i++) {
      for (const token of [f.hex(32), f.base64(32), f.base64url(24), f.alnum(32), `base64:${f.base64(32)}`]) assert.equal(looksRandom(token), true, token);
    }
    for (const value of ['my-application-name', 'eu-west-1', '12345678901234567890', 'aaaaaaaaaaaaaaaaaaaa', f.guid(), 'short1A', 'ThisIsAVeryLongName', 'feature/login-page']) {
      assert.equal(looksRandom(value), false, value);
    }
  });
});
