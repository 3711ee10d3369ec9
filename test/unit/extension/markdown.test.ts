import * as assert from 'node:assert/strict';
import { codeSpan, markdownProse } from '../../../src/extension/markdown';

describe('hover Markdown (extension/markdown)', () => {
  it('puts a name into a code span as it is: no backslash escape, which would show inside one', () => {
    assert.equal(codeSpan('STRIPE_KEY'), '`STRIPE_KEY`');
    assert.equal(codeSpan('a*b[c]<d>'), '`a*b[c]<d>`');
  });

  it('fences a name holding backticks with a longer run, padded where one starts or ends it', () => {
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x``'), '``` `x`` ```');
  });

  it('shows prose word by word: words with Markdown specials become code spans, punctuation stays outside', () => {
    assert.equal(markdownProse('the local vault, secret shop/default/STRIPE_KEY'), 'the local vault, secret `shop/default/STRIPE_KEY`');
    assert.equal(markdownProse('Azure Key Vault team, secret DB-PASSWORD (version 1a2b)'), 'Azure Key Vault team, secret DB-PASSWORD (version 1a2b)');
    assert.equal(markdownProse('key MY_KEY.'), 'key `MY_KEY`.');
    assert.equal(markdownProse('(version v_2)'), '(version `v_2`)');
    assert.equal(markdownProse('a $(icon) and <b>x</b> & [l](u)'), 'a `$(icon)` and `<b>x</b>` `&` `[l](u)`');
  });

  it('never writes a backslash the text did not hold', () => {
    for (const text of ['A_B *c* _d_ [e](f) <g> h&amp; ~i~ |j| #k !l', 'shop/default/STRIPE_KEY']) assert.ok(!markdownProse(text).includes('\\'), text);
  });
});
