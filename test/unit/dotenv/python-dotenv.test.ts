/**
 * Differential tests: the python-dotenv dialect against the real python-dotenv (Debian's
 * python3-dotenv), on the tricky files and on generated ones. One python3 process reads each batch.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWith, printEnv } from '../../../src/core/dotenv';
import { PYTHON_DOTENV_GRAMMAR } from '../../../src/core/dotenv/python-dotenv/grammar';
import { DIALECT_TRICKY_FILES, TRICKY_FILES } from './tricky-files';
import { pythonEnvFileArbitrary } from './arbitraries';
import { modelBindings, pythonDotenvRead } from './python-dotenv-oracle';

function assertAgreement(texts: readonly string[]): void {
  const { results } = pythonDotenvRead(texts);
  texts.forEach((text, i) => {
    const result = results[i]!;
    assert.ok('values' in result, `python-dotenv failed on ${JSON.stringify(text)}: ${JSON.stringify(result)}`);
    const doc = parseWith(PYTHON_DOTENV_GRAMMAR, text);
    assert.deepStrictEqual(modelBindings(doc), result.values, `values differ for ${JSON.stringify(text)}`);
    assert.strictEqual(printEnv(doc), text);
  });
}

describe('python-dotenv dialect: agreement with the real python-dotenv', function () {
  this.timeout(120_000);
  const files = { ...TRICKY_FILES, ...DIALECT_TRICKY_FILES };

  it('runs python-dotenv from Debian (python3-dotenv)', () => {
    assert.match(pythonDotenvRead([]).version, /^\d+\.\d+/);
  });

  it('agrees on every tricky file, with LF, CRLF and CR line endings', () => {
    const texts = Object.values(files).flatMap((t) => [t, t.replace(/\n/g, '\r\n'), t.replace(/\n/g, '\r')]);
    assertAgreement(texts);
  });

  it('agrees on the concatenation of all tricky files', () => {
    assertAgreement([Object.values(files).join('\n')]);
  });

  it('agrees on generated files (property, 4000 files in one batch)', () => {
    const texts = fc.sample(pythonEnvFileArbitrary, { numRuns: 4000, seed: 20261201 });
    assertAgreement(texts);
  });
});
