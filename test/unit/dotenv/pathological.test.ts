/**
 * Inputs on which dotenv's own regular expression (and python-dotenv's) backtracks quadratically. The scanners must stay
 * linear: these run in milliseconds with it and would take minutes without (no timing is asserted;
 * the suite's timeout is the only bound, so a regression shows up as a hung test).
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import { parseEnv, parseWith, toRecord } from '../../../src/core/dotenv';
import { COMPOSE_GRAMMAR } from '../../../src/core/dotenv/compose/grammar';
import { expandCompose } from '../../../src/core/dotenv/compose/interpolate';
import { tableOf } from '../../../src/core/dotenv/parse';
import { expandPython } from '../../../src/core/dotenv/python-dotenv/interpolate';
import { PYTHON_DOTENV_GRAMMAR } from '../../../src/core/dotenv/python-dotenv/grammar';

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

describe('python-dotenv and compose dialects: linear time on pathological input', () => {
  const python = (text: string) => parseWith(PYTHON_DOTENV_GRAMMAR, text);
  const compose = (text: string) => parseWith(COMPOSE_GRAMMAR, text);

  for (const [name, parse] of [['python-dotenv', python], ['compose', compose]] as const) {
    it(`${name}: 2 MB of blank lines, then an entry`, () => {
      assert.deepStrictEqual(toRecord(parse(`${' \n'.repeat(1_000_000)}A=1\n`)), { A: '1' });
    });

    it(`${name}: a 1 MB run of spaces inside an unquoted value, and 5 MB of key characters without a separator`, () => {
      assert.strictEqual(toRecord(parse(`A=a${' '.repeat(1_000_000)}b\n`)).A, `a${' '.repeat(1_000_000)}b`);
      // python-dotenv reads a key without `=` (and leaves it unset); compose reads it as the value of an empty name.
      assert.deepStrictEqual(toRecord(parse('K'.repeat(5_000_000))), {});
    });

    it(`${name}: a 10 MB file of ordinary entries`, () => {
      const lines: string[] = [];
      let size = 0;
      for (let i = 0; size < 10 * 1024 * 1024; i++) {
        const line = i % 7 === 0 ? `# section ${i}` : i % 5 === 0 ? `KEY_${i}="multi\nline ${i}"` : `export KEY_${i}=value-${i} # note`;
        lines.push(line);
        size += line.length + 1;
      }
      const doc = parse(lines.join('\n'));
      assert.strictEqual(doc.entryCount, lines.length - Math.ceil(lines.length / 7));
      const entry = doc.entryAt(8);
      assert.deepStrictEqual([entry.key, entry.value], ['KEY_10', 'multi\nline 10']);
    });
  }

  it('python-dotenv: 100,000 lines each opening a quote that never closes on its line', () => {
    for (const line of ['A="x\\"\n', "A='x\\'\n", 'A="x\n', "'key\n", 'A="\\"\\"\\"\\"\n']) {
      const doc = python(line.repeat(100_000));
      assert.ok(doc.entryCount <= 100_000, JSON.stringify(line));
    }
  });

  it('python-dotenv: a value of 500,000 escaped quotes and no closing one', () => {
    assert.strictEqual(python(`A="${'\\"'.repeat(500_000)}\n`).entryCount, 1);
  });

  it('compose: 100,000 comment lines and an unterminated quote at the end', () => {
    const doc = compose(`${'# note\n'.repeat(100_000)}A="open\n${'B=1\n'.repeat(100_000)}`);
    assert.ok(tableOf(doc)!.failure);
  });

  it('interpolation: a million ${ without a closing brace, and defaults nested a million deep', () => {
    assert.strictEqual(expandPython('${'.repeat(1_000_000), () => 'x'), '${'.repeat(1_000_000));
    assert.strictEqual(expandPython(`${'${'.repeat(500_000)}:x`, () => 'x').length, 1_000_002);
    assert.strictEqual(expandCompose('$'.repeat(1_000_000), () => 'x'), '$'.repeat(500_000));
    assert.throws(() => expandCompose(`${'${A:-'.repeat(1_000_000)}x${'}'.repeat(1_000_000)}`, () => undefined), /nested more than/);
  });
});
