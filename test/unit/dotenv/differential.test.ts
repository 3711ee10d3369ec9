/**
 * Differential tests: our parser against the real `dotenv` 17 package, on a fixed corpus of tricky
 * files and on generated ones. Values must agree exactly, on every input.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { parseEnv, printEnv, toRecord } from '../../../src/core/dotenv';
import { DIALECT_TRICKY_FILES, TRICKY_FILES } from './tricky-files';
import { envFileArbitrary } from './arbitraries';

function assertAgrees(text: string): void {
  const doc = parseEnv(text);
  assert.deepStrictEqual(toRecord(doc), { ...dotenv.parse(text) }, `values differ for ${JSON.stringify(text)}`);
  assert.strictEqual(printEnv(doc), text, 'printing the unmodified model must give back the exact text');
  // Nodes tile the text: no gap, no overlap.
  let cursor = 0;
  for (const node of doc.nodes) {
    assert.strictEqual(node.span.start, cursor);
    assert.ok(node.span.end > node.span.start);
    cursor = node.span.end;
  }
  assert.strictEqual(cursor, text.length);
}

describe('dotenv model: agreement with dotenv 17 parse', () => {
  for (const [name, text] of Object.entries({ ...TRICKY_FILES, ...DIALECT_TRICKY_FILES })) {
    it(`agrees on the tricky file "${name}"`, () => assertAgrees(text));
    it(`agrees on the tricky file "${name}" with CRLF line endings`, () => assertAgrees(text.replace(/\n/g, '\r\n')));
  }

  it('agrees on generated files (property, 4000 runs)', () => {
    fc.assert(fc.property(envFileArbitrary, (text) => assertAgrees(text)), { numRuns: 4000, seed: 20261125 });
  });

  it('agrees on the concatenation of all tricky files', () => {
    assertAgrees(Object.values(TRICKY_FILES).join('\n'));
  });
});
