/**
 * The compose dialect, pinned by the rules and examples of compose's documentation ("Syntax for
 * environment files", "Interpolation"): no compose v2 can be installed on the test machines, so
 * there is no differential test against it.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWith, printEnv, toRecord, type EnvDocument } from '../../../src/core/dotenv';
import { COMPOSE_GRAMMAR } from '../../../src/core/dotenv/compose/grammar';
import { ComposeInterpolationError, composeExpands, expandCompose } from '../../../src/core/dotenv/compose/interpolate';
import { fake } from '../support/fakes';
import { tableOf } from '../../../src/core/dotenv/parse';
import { DIALECT_TRICKY_FILES, TRICKY_FILES } from './tricky-files';
import { pythonEnvFileArbitrary } from './arbitraries';

const read = (text: string): EnvDocument => parseWith(COMPOSE_GRAMMAR, text);
const values = (text: string): Record<string, string> => toRecord(read(text));

describe('compose dialect: the documented syntax', () => {
  it('reads VAR=VAL, quoted values and VAR: VAL, ignoring spaces around the value', () => {
    assert.deepStrictEqual(values('A=VAL\nB="VAL"\nC=\'VAL\'\nD: VAL\nE = VAL  \n'), { A: 'VAL', B: 'VAL', C: 'VAL', D: 'VAL', E: 'VAL' });
  });

  it('skips comment lines and blank lines', () => {
    assert.deepStrictEqual(values('# a comment\n\n   \nA=1\n  # indented\nB=2\n'), { A: '1', B: '2' });
  });

  it('takes an inline comment of an unquoted value only after a space', () => {
    assert.deepStrictEqual(values('VAR=VAL # comment\n'), { VAR: 'VAL' });
    assert.deepStrictEqual(values('VAR=VAL# not a comment\n'), { VAR: 'VAL# not a comment' });
    assert.deepStrictEqual(values(`DB_PASSWORD=${fake.issuePassword()}\n`), { DB_PASSWORD: fake.issuePassword() });
  });

  it('takes a comment of a quoted value only after the closing quote', () => {
    assert.deepStrictEqual(values('VAR="VAL # not a comment"\n'), { VAR: 'VAL # not a comment' });
    assert.deepStrictEqual(values('VAR="VAL" # comment\nNEXT=1\n'), { VAR: 'VAL', NEXT: '1' });
  });

  it('reads single-quoted values literally and escapes quotes with a backslash', () => {
    assert.deepStrictEqual(values("VAR='$OTHER'\nW='${OTHER}'\n"), { VAR: '$OTHER', W: '${OTHER}' });
    assert.deepStrictEqual(values("VAR='Let\\'s go!'\n"), { VAR: "Let's go!" });
    assert.deepStrictEqual(values('VAR="{\\"hello\\": \\"json\\"}"\n'), { VAR: '{"hello": "json"}' });
  });

  it('expands shell escapes in double quotes only', () => {
    assert.deepStrictEqual(values('VAR="some\\tvalue"\n'), { VAR: 'some\tvalue' });
    assert.deepStrictEqual(values("VAR='some\\tvalue'\n"), { VAR: 'some\\tvalue' });
    assert.deepStrictEqual(values('VAR=some\\tvalue\n'), { VAR: 'some\\tvalue' });
    assert.deepStrictEqual(values('A="a\\nb\\rc\\\\d"\nB="\\0101\\01"\nC="\\$HOME"\n'), { A: 'a\nb\rc\\d', B: 'A\\1', C: '$$HOME' });
  });

  it('reads single-quoted values over several lines', () => {
    assert.deepStrictEqual(values("KEY='SOME\nVALUE'\nNEXT=1\n"), { KEY: 'SOME\nVALUE', NEXT: '1' });
  });

  it('drops `export`, a byte order mark, and CRs around values; keeps CR inside quotes', () => {
    assert.deepStrictEqual(values('\ufeffexport A=1\r\nB="x\r\ny"\r\nC=3 # c\r\n'), { A: '1', B: 'x\r\ny', C: '3' });
  });

  it('reads a name alone as "from compose\'s environment": the file sets nothing', () => {
    assert.deepStrictEqual(values('A=1\nINHERITED\nB=2\n'), { A: '1', B: '2' });
  });

  it('refuses the whole file on a bad name, a space in a name or an unterminated quote, naming no value', () => {
    for (const [text, reason] of [['A=1\nB!C=2\n', /character compose does not allow/], ['A=1\nMY KEY=2\n', /holds a space/], ['A=1\nB="never closed\nC=3\n', /no closing quote/]] as const) {
      const doc = read(text);
      const failure = tableOf(doc)!.failure;
      assert.ok(failure, JSON.stringify(text));
      assert.match(failure.reason, reason);
      assert.deepStrictEqual(toRecord(doc), { A: '1' });
      assert.strictEqual(printEnv(doc), text);
    }
  });

  it('keeps every byte of every tricky file, and never throws on generated ones', () => {
    for (const text of [...Object.values(TRICKY_FILES), ...Object.values(DIALECT_TRICKY_FILES)]) assert.strictEqual(printEnv(read(text)), text);
    fc.assert(fc.property(pythonEnvFileArbitrary, (text) => {
      const doc = read(text);
      assert.strictEqual(printEnv(doc), text);
      for (const entry of doc.entries) assert.strictEqual(typeof entry.value, 'string');
    }), { numRuns: 3000, seed: 20261202 });
  });
});

describe('compose dialect: interpolation as documented', () => {
  const env: Record<string, string> = { SET: 'value', EMPTY: '' };
  const lookup = (name: string): string | undefined => env[name];

  it('substitutes $VAR and ${VAR}, unset as empty, and $$ as a literal $', () => {
    assert.strictEqual(expandCompose('a-$SET-${SET}-$UNSET-${UNSET}-$$SET', lookup), 'a-value-value---$SET');
  });

  it('gives defaults with :- (unset or empty) and - (unset)', () => {
    assert.strictEqual(expandCompose('${EMPTY:-d} ${EMPTY-d} ${UNSET:-d} ${UNSET-d} ${SET:-d}', lookup), 'd  d d value');
  });

  it('gives replacements with :+ (set and non-empty) and + (set)', () => {
    assert.strictEqual(expandCompose('[${EMPTY:+r}] [${EMPTY+r}] [${UNSET+r}] [${SET:+r}]', lookup), '[] [r] [] [r]');
  });

  it('refuses with :? and ? when required variables are missing, naming the variable', () => {
    assert.strictEqual(expandCompose('${SET:?needed}', lookup), 'value');
    assert.throws(() => expandCompose('${EMPTY:?needed}', lookup), /required variable EMPTY is empty/);
    assert.strictEqual(expandCompose('${EMPTY?needed}', lookup), '');
    assert.throws(() => expandCompose('${UNSET?needed}', lookup), ComposeInterpolationError);
  });

  it('interpolates nested defaults and refuses an invalid ${…}', () => {
    assert.strictEqual(expandCompose('${UNSET:-${SET}-x}', lookup), 'value-x');
    assert.throws(() => expandCompose('${1A}', lookup), /invalid/);
    assert.throws(() => expandCompose('${A', lookup), ComposeInterpolationError);
  });

  it('tells which values it changes', () => {
    assert.deepStrictEqual(['a$$b', '$HOME', '${X}', 'a$', '$1', 'plain'].map(composeExpands), [true, true, true, false, false, false]);
  });
});
