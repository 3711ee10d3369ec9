/**
 * Re-parsing after an edit (what the editor does on every pause in typing) must give exactly what
 * a full parse gives: every field of every entry, every node. Checked on generated files and
 * generated chains of edits, and on the tricky files.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseEnv, parseWith, reparseEnv, reparseWith, type EnvDocument, type Grammar } from '../../../src/core/dotenv';
import { COMPOSE_GRAMMAR } from '../../../src/core/dotenv/compose/grammar';
import { tableOf } from '../../../src/core/dotenv/parse';
import { PYTHON_DOTENV_GRAMMAR } from '../../../src/core/dotenv/python-dotenv/grammar';
import { envFileArbitrary, envFragmentArbitrary, pythonEnvFileArbitrary } from './arbitraries';
import { DIALECT_TRICKY_FILES, TRICKY_FILES } from './tricky-files';

/** Everything a document says, as plain data. */
function snapshotOf(doc: EnvDocument): unknown {
  return {
    text: doc.text, eol: doc.eol, hasBom: doc.hasBom, endsWithNewline: doc.endsWithNewline,
    entries: doc.entries.map((e) => ({
      index: e.index, key: e.key, value: e.value, quote: e.quote, exported: e.exported, separator: e.separator, unset: e.unset,
      span: e.span, keySpan: e.keySpan, valueSpan: e.valueSpan, rawValueSpan: e.rawValueSpan, comment: e.comment,
      line: e.line, column: e.column, valueLine: e.valueLine, valueColumn: e.valueColumn, valueEndLine: e.valueEndLine, valueEndColumn: e.valueEndColumn,
    })),
    nodes: doc.nodes.map((n) => ({ kind: n.kind, span: n.span })),
    failure: tableOf(doc)?.failure,
  };
}

interface Edit { at: number; remove: number; insert: string }

function applyEdit(text: string, edit: Edit): string {
  const at = edit.at % (text.length + 1);
  return text.slice(0, at) + edit.insert + text.slice(Math.min(text.length, at + edit.remove));
}

const editArbitrary = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: envFragmentArbitrary });

/** Follows a chain of edits with reparseEnv (or reparseWith a grammar) and checks each result against a full parse. */
function assertChainAgrees(base: string, edits: readonly Edit[], grammar?: Grammar): void {
  const reparse = (text: string, previous?: EnvDocument): EnvDocument => (grammar ? reparseWith(grammar, text, previous) : reparseEnv(text, previous));
  const parse = (text: string): EnvDocument => (grammar ? parseWith(grammar, text) : parseEnv(text));
  let text = base;
  let doc = reparse(text);
  assert.deepStrictEqual(snapshotOf(doc), snapshotOf(parse(text)));
  for (const edit of edits) {
    text = applyEdit(text, edit);
    doc = reparse(text, doc);
    assert.deepStrictEqual(snapshotOf(doc), snapshotOf(parse(text)), `after ${JSON.stringify(edit)} on ${JSON.stringify(text)}`);
  }
}

describe('dotenv model: re-parsing after an edit', () => {
  it('agrees with a full parse after every edit of generated chains (property, 3000 runs)', () => {
    const lfOnly = envFileArbitrary.map((t) => t.replace(/\r/g, ''));
    fc.assert(fc.property(lfOnly, fc.array(editArbitrary.map((e) => ({ ...e, insert: e.insert.replace(/\r/g, '') })), { minLength: 1, maxLength: 6 }),
      (base, edits) => assertChainAgrees(base, edits)), { numRuns: 3000, seed: 20261126 });
  });

  it('agrees with a full parse when CRs come and go (property, 1000 runs)', () => {
    fc.assert(fc.property(envFileArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 4 }),
      (base, edits) => assertChainAgrees(base, edits)), { numRuns: 1000, seed: 20261127 });
  });

  it('agrees on every tricky file with a quote, a comment, a line break or a key typed at each of 40 places', () => {
    for (const [name, text] of Object.entries(TRICKY_FILES)) {
      const lf = text.replace(/\r/g, '');
      for (const insert of ['"', "'", '`', '#', '\n', 'K=', '\\', 'export ']) {
        for (let i = 0; i < 40; i++) {
          const at = Math.floor((lf.length * i) / 40);
          assert.doesNotThrow(() => assertChainAgrees(lf, [{ at, remove: 0, insert }, { at, remove: insert.length, insert: '' }]), `${name}: ${JSON.stringify(insert)} at ${at}`);
        }
      }
    }
  });

  it('keeps the entries before an edit and moves the ones after it, without parsing them again', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `KEY_${i}=value-${i} # note ${i}`);
    const text = `${lines.join('\n')}\n`;
    const before = reparseEnv(text);
    const edited = text.replace('KEY_1000=value-1000', 'KEY_1000="a\nb"');
    const after = reparseEnv(edited, before);
    const kept = (doc: typeof before) => doc.entries[999]!;
    assert.deepEqual([kept(after).key, kept(after).value, kept(after).line, kept(after).span], [kept(before).key, kept(before).value, kept(before).line, kept(before).span], 'an entry before the edit is kept as it was');
    assert.equal(after.entries[1000]!.value, 'a\nb');
    const moved = after.entries[1500]!;
    assert.deepEqual([moved.key, moved.value, moved.line, moved.column, moved.index], ['KEY_1500', 'value-1500', 1502, 1, 1500]);
    assert.deepStrictEqual(snapshotOf(after), snapshotOf(parseEnv(edited)));
  });

  it('an unterminated quote closed far below re-reads everything it spans', () => {
    const text = 'A="start\nB=1\nC=2\nD=3\n';
    const before = reparseEnv(text);
    assert.deepEqual(before.entries.map((e) => e.key), ['A', 'B', 'C', 'D']);
    const closed = text.replace('D=3', 'D=3"');
    const after = reparseEnv(closed, before);
    assert.deepEqual(after.entries.map((e) => e.key), ['A']);
    assert.deepStrictEqual(snapshotOf(after), snapshotOf(parseEnv(closed)));
  });

  for (const grammar of [PYTHON_DOTENV_GRAMMAR, COMPOSE_GRAMMAR]) {
    it(`agrees with a full parse for ${grammar.loaderName} after every edit of generated chains (property, 2000 runs)`, () => {
      const lfOnly = pythonEnvFileArbitrary.map((t) => t.replace(/\r/g, ''));
      fc.assert(fc.property(lfOnly, fc.array(editArbitrary.map((e) => ({ ...e, insert: e.insert.replace(/\r/g, '') })), { minLength: 1, maxLength: 6 }),
        (base, edits) => assertChainAgrees(base, edits, grammar)), { numRuns: 2000, seed: 20261203 });
    });

    it(`agrees for ${grammar.loaderName} on every tricky file with a quote, a comment, a line break or a key typed at each of 40 places`, () => {
      for (const [name, text] of Object.entries({ ...TRICKY_FILES, ...DIALECT_TRICKY_FILES })) {
        const lf = text.replace(/\r/g, '');
        for (const insert of ['"', "'", '#', ' #', '\n', 'K=', '\\', 'export ', '${']) {
          for (let i = 0; i < 40; i++) {
            const at = Math.floor((lf.length * i) / 40);
            assert.doesNotThrow(() => assertChainAgrees(lf, [{ at, remove: 0, insert }, { at, remove: insert.length, insert: '' }], grammar), `${name}: ${JSON.stringify(insert)} at ${at}`);
          }
        }
      }
    });
  }
});
