/**
 * Inputs on which dotenv's own regular expression backtracks quadratically. The scanner must stay
 * linear: these run in milliseconds with it and would take minutes without (no timing is asserted;
 * the suite's timeout is the only bound, so a regression shows up as a hung test).
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import { parseEnv, toRecord } from '../../../src/core/dotenv';

describe('dotenv model: linear time on pathological input', () => {
  it('parses 2 MB of blank lines followed by an entry', () => {
    const text = `${' \n'.repeat(1_000_000)}A=1\n`;
    assert.deepStrictEqual(toRecord(parseEnv(text)), { A: '1' });
  });

  it('parses 100,000 lines with unterminated double quotes', () => {
    const text = 'A="x\\"\n'.repeat(100_000);
    const doc = parseEnv(text);
    assert.strictEqual(doc.entries.length, 100_000);
  });

  it('parses a 1 MB run of spaces between the separator and a value', () => {
    const text = `A=${' '.repeat(1_000_000)}'quoted'\nB=2\n`;
    assert.deepStrictEqual(toRecord(parseEnv(text)), { A: 'quoted', B: '2' });
  });

  it('parses a 10 MB file of ordinary entries and agrees with dotenv', () => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const line = i % 7 === 0 ? `# section ${i}` : i % 5 === 0 ? `KEY_${i}="multi\nline ${i}"` : `export KEY_${i}=value-${i} # note`;
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join('\n');
    assert.deepStrictEqual(toRecord(parseEnv(text)), { ...dotenv.parse(text) });
  });

  it('parses a single 5 MB line of key characters without a separator', () => {
    assert.strictEqual(parseEnv('K'.repeat(5_000_000)).entries.length, 0);
  });
});
