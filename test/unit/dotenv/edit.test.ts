import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { formatValue, parseEnv, replaceValue, replaceValues, toRecord, UnrepresentableValueError } from '../../../src/core/dotenv';
import { TRICKY_FILES } from './tricky-files';
import { envFileArbitrary, valueArbitrary } from './arbitraries';

/** Replacing entry i must change exactly that value (as dotenv reads it) and keep every other byte. */
function assertReplacement(text: string, index: number, value: string): void {
  const doc = parseEnv(text);
  const entry = doc.entries[index]!;
  let next: string;
  try {
    next = replaceValue(doc, index, value);
  } catch (error) {
    if (error instanceof UnrepresentableValueError) return;
    throw error;
  }
  const after = parseEnv(next);
  assert.strictEqual(after.entries.length, doc.entries.length, `entry count changed for ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
  after.entries.forEach((e, i) => {
    assert.strictEqual(e.key, doc.entries[i]!.key);
    assert.strictEqual(e.value, i === index ? value : doc.entries[i]!.value);
  });
  assert.deepStrictEqual(toRecord(after), { ...dotenv.parse(next) });
  // Bytes before and after the replaced span are untouched.
  const prefixEnd = Math.min(entry.rawValueSpan.start, entry.valueSpan.start);
  assert.strictEqual(next.slice(0, prefixEnd), text.slice(0, prefixEnd));
  const suffix = text.slice(entry.valueSpan.end);
  assert.strictEqual(next.slice(next.length - suffix.length), suffix);
}

describe('dotenv model: replacing values', () => {
  it('rewrites only the value bytes and keeps quotes, comments, export and CRLF', () => {
    const text = '# head\r\nexport API_KEY="old-value" # inline\r\nPORT=3000\r\n';
    const doc = parseEnv(text);
    const next = replaceValue(doc, 0, 'op://vault/item/field');
    assert.strictEqual(next, '# head\r\nexport API_KEY="op://vault/item/field" # inline\r\nPORT=3000\r\n');
  });

  it('replaces a multiline value with a single-line one, leaving the following entries intact', () => {
    const text = 'A=1\nKEY="-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"\nB=2\n';
    const next = replaceValue(parseEnv(text), 1, 'ref+azurekeyvault://v/k');
    assert.strictEqual(next, 'A=1\nKEY="ref+azurekeyvault://v/k"\nB=2\n');
  });

  it('moves a value written on the line below the key up to the key', () => {
    const next = replaceValue(parseEnv('A=\n"below"\nB=2\n'), 0, 'x');
    assert.strictEqual(next, 'A="x"\nB=2\n');
    assert.deepStrictEqual(dotenv.parse(next), { A: 'x', B: '2' });
    assert.strictEqual(replaceValue(parseEnv('A=\n\nplain\n'), 0, 'y'), 'A=y\n\nplain\n');
  });

  it('fills an empty value in place, before its comment', () => {
    assert.strictEqual(replaceValue(parseEnv('A= # note\n'), 0, 'v'), 'A=v # note\n');
  });

  it('replaces several values at once, from the end', () => {
    const doc = parseEnv('A=1\nB="2"\nC=\'3\'\n');
    assert.strictEqual(replaceValues(doc, [{ index: 0, value: 'x' }, { index: 2, value: 'z' }]), 'A=x\nB="2"\nC=\'z\'\n');
  });

  it('quotes values that need it, choosing a quote dotenv reads back exactly', () => {
    assert.strictEqual(formatValue('plain'), 'plain');
    assert.strictEqual(formatValue('has # hash'), "'has # hash'");
    assert.strictEqual(formatValue("it's"), "it's");
    assert.strictEqual(formatValue("'lead"), '"\'lead"');
    assert.strictEqual(formatValue('line1\nline2', 'double'), '"line1\\nline2"');
    assert.strictEqual(formatValue(' padded '), "' padded '");
    assert.strictEqual(formatValue('a\\nb # "x" \'y\''), '`a\\nb # "x" \'y\'`');
    assert.throws(() => formatValue('\'"` #', 'none', '\n', 'K'), UnrepresentableValueError);
  });

  it('never puts the value in the error message', () => {
    try {
      formatValue('\'"`#SECRETVALUE', 'none', '\n', 'K');
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof UnrepresentableValueError);
      assert.ok(!error.message.includes('SECRETVALUE'));
      assert.match(error.message, /^K: /);
    }
  });

  for (const [name, text] of Object.entries(TRICKY_FILES)) {
    it(`replaces every entry of the tricky file "${name}" faithfully`, () => {
      const entries = parseEnv(text).entries.length;
      for (let i = 0; i < entries; i++) {
        for (const value of ['@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/n)', '', 'a b', 'x#y', 'm\nn', "q'q", 'z\\n']) {
          assertReplacement(text, i, value);
        }
      }
    });
  }

  it('replaces values faithfully in generated files (property, 3000 runs)', () => {
    const withEntry = envFileArbitrary.filter((t) => parseEnv(t).entries.length > 0);
    fc.assert(
      fc.property(withEntry, valueArbitrary, fc.nat(), (text, value, pick) => {
        assertReplacement(text, pick % parseEnv(text).entries.length, value);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});
