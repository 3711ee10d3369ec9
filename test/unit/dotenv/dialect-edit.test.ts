/**
 * Replacing values in files read by python-dotenv and by compose: only the value's bytes change,
 * the file reads back with exactly the new value under the same grammar, and for python-dotenv the
 * real python-dotenv reads the rewritten files as the model does (one python3 process for the batch).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseEnv, parseWith, planValueEdits, replaceValue, UnrepresentableValueError, type Grammar } from '../../../src/core/dotenv';
import { COMPOSE_GRAMMAR } from '../../../src/core/dotenv/compose/grammar';
import { PYTHON_DOTENV_GRAMMAR } from '../../../src/core/dotenv/python-dotenv/grammar';
import { pythonEnvFileArbitrary, valueArbitrary } from './arbitraries';
import { fake } from '../support/fakes';
import { modelBindings, pythonDotenvRead } from './python-dotenv-oracle';

/** The rewritten text, checked against the model; undefined when the value cannot be written. */
function replaced(grammar: Grammar, text: string, index: number, value: string): string | undefined {
  const doc = parseWith(grammar, text);
  const entry = doc.entries[index]!;
  let next: string;
  try {
    next = replaceValue(doc, index, value);
  } catch (error) {
    if (error instanceof UnrepresentableValueError) return undefined;
    throw error;
  }
  const after = parseWith(grammar, next);
  assert.strictEqual(after.entries.length, doc.entries.length, `entry count changed for ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
  after.entries.forEach((e, i) => {
    assert.strictEqual(e.key, doc.entries[i]!.key);
    assert.strictEqual(e.value, i === index ? value : doc.entries[i]!.value);
  });
  const prefix = Math.min(entry.rawValueSpan.start, entry.valueSpan.start);
  assert.strictEqual(next.slice(0, prefix), text.slice(0, prefix));
  const suffix = text.slice(entry.valueSpan.end);
  assert.strictEqual(next.slice(next.length - suffix.length), suffix);
  return next;
}

const assignable = (grammar: Grammar) => pythonEnvFileArbitrary.filter((t) => parseWith(grammar, t).entries.some((e) => !e.unset));

describe('python-dotenv and compose dialects: replacing values', function () {
  this.timeout(120_000);

  it('python-dotenv: rewrites only value bytes, and the real python-dotenv reads each rewritten file as the model does (property, 2000 runs)', () => {
    const written: string[] = [];
    fc.assert(fc.property(assignable(PYTHON_DOTENV_GRAMMAR), valueArbitrary, fc.nat(), (text, value, pick) => {
      const entries = parseWith(PYTHON_DOTENV_GRAMMAR, text).entries.filter((e) => !e.unset);
      const next = replaced(PYTHON_DOTENV_GRAMMAR, text, entries[pick % entries.length]!.index, value);
      if (next !== undefined) written.push(next);
    }), { numRuns: 2000, seed: 20261204 });
    assert.ok(written.length > 1000, `only ${written.length} values could be written`);
    const { results } = pythonDotenvRead(written);
    written.forEach((text, i) => {
      const result = results[i]!;
      assert.ok('values' in result);
      assert.deepStrictEqual(modelBindings(parseWith(PYTHON_DOTENV_GRAMMAR, text)), result.values, JSON.stringify(text));
    });
  });

  it('compose: rewrites only value bytes and reads back exactly (property, 2000 runs)', () => {
    fc.assert(fc.property(assignable(COMPOSE_GRAMMAR), valueArbitrary, fc.nat(), (text, value, pick) => {
      const entries = parseWith(COMPOSE_GRAMMAR, text).entries;
      replaced(COMPOSE_GRAMMAR, text, pick % entries.length, value);
    }), { numRuns: 2000, seed: 20261205 });
  });

  it('writes a reference over the issue\'s value so that python-dotenv reads the reference whole', () => {
    const text = `DB_PASSWORD=${fake.issuePassword()} # the db\n`;
    const next = replaceValue(parseWith(PYTHON_DOTENV_GRAMMAR, text), 0, 'envguard://local/shop/default/DB_PASSWORD');
    assert.strictEqual(next, 'DB_PASSWORD=envguard://local/shop/default/DB_PASSWORD # the db\n');
  });

  it('verifies an edit with every loader that reads the file, and refuses one that another loader would read differently', () => {
    const text = 'A="x"#c\nB=2\n';
    const python = parseWith(PYTHON_DOTENV_GRAMMAR, text);
    const dotenv = parseEnv(text);
    // Unquoted, `ref#c` would be one value for python-dotenv: the quotes stay.
    const edits = planValueEdits(python, [{ index: 0, value: 'ref' }], [{ document: dotenv }]);
    assert.strictEqual(edits.text, 'A="ref"#c\nB=2\n');
    // A value dotenv would cut where python-dotenv keeps it whole cannot be written for both.
    assert.throws(() => planValueEdits(parseWith(PYTHON_DOTENV_GRAMMAR, 'A=1\n'), [{ index: 0, value: 'a\\n"b\'c`#' }], [{ document: parseEnv('A=1\n') }]), UnrepresentableValueError);
  });
});
