/**
 * isPlaceholderMatch is one pass over a vendor match that gives the answer of the tests it merged
 * (isPlaceholderBody of the body, then isMaskedToken and isTypedFiller of the whole match). It is
 * checked against them on every vendor sample, its near-misses and placeholder forms of each, with
 * prefixes of every shape (ending in a letter, a separator, non-ASCII characters that lower-case
 * differently in context or to another length).
 */
import { strict as assert } from 'node:assert';
import { isMaskedToken, isPlaceholderBody, isPlaceholderMatch, isTypedFiller, MASK, PLACEHOLDER_PHRASE } from '../../../src/core/detection/placeholders';
import { ALNUM, Fake } from './fake';
import { VENDOR_SAMPLES } from './vendor-samples';

function separately(found: string, body: string, checksumVerified: boolean): boolean {
  return isPlaceholderBody(body, checksumVerified) || (!checksumVerified && (isMaskedToken(found) || isTypedFiller(found)));
}

/**
 * isPlaceholderBody as first written, before its segment test learned to let random tokens go
 * early: the definition the faster code must keep to.
 */
function bodyAsDefined(body: string, checksumVerified: boolean): boolean {
  if (body.length < 4) return true;
  if (MASK.test(body) || /EXAMPLE|DUMMY|SAMPLE|PLACEHOLDER|REDACTED|CHANGEME/.test(body) || [...body].every((c) => c === body[0])) return true;
  if (body.length <= 48 && PLACEHOLDER_PHRASE.test(body.toLowerCase())) return true;
  const text = body.replace(/^[_.-]{0,2}(?:[A-Za-z0-9]{1,8}[_-])?(?:test|live|prod|sandbox|dev)(?:[_-]|$)/i, '');
  if (text.length <= 100 && !/\s/.test(text)) {
    const segments = text.toLowerCase().split(/[-_.:/+=]+/).filter((segment) => segment.length > 0);
    const placeholderWords = ['example', 'examples', 'sample', 'dummy', 'fake', 'placeholder', 'test', 'testing', 'xxx', 'xxxx', 'your', 'yours', 'here', 'changeme', 'redacted', 'todo', 'fixme', 'mock', 'notreal', 'replaceme', 'foo', 'bar', 'foobar', 'demo', 'invalid'];
    const fillerWords = ['my', 'secret', 'token', 'key', 'apikey', 'api', 'value', 'none', 'null', 'empty', 'abc', 'abcd', 'asdf', 'qwerty', 'access', 'auth', 'new', 'real'];
    if (segments.some((segment) => placeholderWords.includes(segment)) || (/here$/i.test(text) && /^[A-Za-z_.-]{8,}$/.test(text))) return true;
    if (segments.length > 0 && segments.every((segment) => placeholderWords.includes(segment) || fillerWords.includes(segment))) return true;
  }
  return !checksumVerified && isTypedFiller(body);
}

/** Bodies a token may have: random, masked, shouted, repeated, typed, phrases, segments, short, long. */
function bodies(f: Fake): string[] {
  return [
    f.alnum(36), f.alnum(8), f.alnum(60), f.hex(40), f.base64url(44), 'abc', '', 'xxxxxxxxxxxxxxxxxxxx', 'XXXXXXXXXXXXXXXXXXXX', '****************',
    'aaaaaaaaaaaaaaaaaaaa', 'abcdefghijklmnopqrstuv', 'FakeFakeFakeFakeFake', '123123123123123123', `${f.alnum(12)}EXAMPLE${f.alnum(8)}`,
    'your-token-here', 'your_api_key', 'test', 'live_test', 'my_secret_key', 'RANDOMSTRINGHERE', `${f.alnum(20)}todo`, `todo-${f.alnum(20)}`,
    `test_${f.alnum(24)}`, `_live_${f.alnum(24)}`, `${f.alnum(10)}-here`, `${f.alnum(30)}...`, `${f.alnum(30)}…`, `${f.alnum(20)}-${f.alnum(20)}-${f.alnum(20)}`,
    'placeholder', 'replace-me', `changeme${f.alnum(30)}`, `ΣΣ${f.alnum(20)}`, `İtodo-${f.alnum(10)}`, `K${f.alnum(20)}`, `Example${f.alnum(40)}`,
    `${f.alnum(50)}-dummy`, `not-a-real-${f.alnum(12)}`, `${f.alnum(6)} here`, `${'x'.repeat(4)}${f.alnum(4)}`, `${f.alnum(10)}-todo`,
    `${f.alnum(10)}_example`, 'SlackAppConfigurationAccessTokenHere', `${f.alnum(14)}.here`, `${f.alnum(12)}-${f.alnum(13)}-HERE`,
    `${f.alnum(40)}-placeholder`, `${f.alnum(50)}_your`, 'todo-abc', 'Qz7Q', 'Qz7Qz7Qz7Qz7Qz7Q', 'FakeFakeFakeFake', '9x9x9x9x9x9x',
  ];
}

const PREFIXES = ['', 'sk_live_', 'ghp_', 'xox', 'xoxb-', 'AKIA', 'glpat-', 'todo', 'your', 'Σ', 'İ', 'İa', 'aΣ', 'K', 'ab_', 'x', 'EXAMPLE_', 'Qz7Qz7Qz7Qz7'];

describe('isPlaceholderMatch (a vendor match that only fills its format)', () => {
  it('answers as isPlaceholderBody, isMaskedToken and isTypedFiller one after the other', () => {
    const f = new Fake(15);
    let compared = 0;
    const check = (found: string, body: string): void => {
      for (const verified of [false, true]) {
        const where = `prefix length ${found.length - body.length}, body length ${body.length}, verified ${verified}`;
        assert.equal(isPlaceholderMatch(found, body, verified), separately(found, body, verified), where);
        assert.equal(isPlaceholderBody(body, verified), bodyAsDefined(body, verified), where);
        compared++;
      }
    };
    for (const [rule, sample] of Object.entries(VENDOR_SAMPLES)) {
      for (let i = 0; i < 3; i++) {
        const token = sample.make(f);
        // Every split of a real token into a prefix and a body, as bodyOf cuts one by its literal.
        for (let cut = 0; cut <= Math.min(token.length, 16); cut++) check(token, token.slice(cut));
        if (sample.nearMiss) {
          const near = sample.nearMiss(f);
          check(near, near.slice(Math.min(4, near.length)));
        }
        assert.ok(token.length > 0, rule);
      }
    }
    for (let round = 0; round < 5; round++) {
      for (const prefix of [...PREFIXES, f.alnum(10), f.alnum(30)]) for (const body of bodies(f)) check(prefix + body, body);
      // Random prefixes glued to random bodies of every length around the bounds (4, 12, 48).
      for (let length = 0; length < 60; length++) {
        const body = f.chars(ALNUM + '-_.', length);
        check(f.chars(ALNUM, f.int(0, 8)) + body, body);
      }
    }
    assert.ok(compared > 4000, `${compared} comparisons`);
  });
});
