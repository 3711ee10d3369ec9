import * as assert from 'node:assert/strict';
import { BLOCK_BEGIN, BLOCK_END, findManagedBlock, withoutManagedBlock, writeManagedBlock } from '../../../src/core/ai-ignore/managed-block';

const BODY = ['.env', '!.env.example'];
const BLOCK = `${BLOCK_BEGIN}\n.env\n!.env.example\n${BLOCK_END}\n`;

function written(text: string | undefined, body: readonly string[] | undefined, placement: 'start' | 'end' = 'end'): string {
  const edit = writeManagedBlock(text, body, placement);
  assert.ok(edit.ok, edit.ok ? '' : edit.reason);
  return edit.text;
}

describe('managed block', () => {
  it('is the whole content of a new file', () => {
    assert.equal(written(undefined, BODY), BLOCK);
  });

  it('is appended after the user lines, one blank line apart, leaving them byte for byte', () => {
    const user = '# mine\nnode_modules/\n';
    assert.equal(written(user, BODY), `${user}\n${BLOCK}`);
    assert.equal(written(`${user}\n`, BODY), `${user}\n${BLOCK}`, 'an existing blank line is the separator');
  });

  it('terminates a last line that has no newline before appending', () => {
    assert.equal(written('dist', BODY), `dist\n\n${BLOCK}`);
  });

  it('uses CRLF in a CRLF file', () => {
    const result = written('node_modules\r\nout\r\n', BODY);
    assert.ok(result.startsWith('node_modules\r\nout\r\n\r\n'));
    assert.ok(result.includes(`${BLOCK_BEGIN}\r\n.env\r\n!.env.example\r\n${BLOCK_END}\r\n`));
    assert.equal(result.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  });

  it('replaces only the lines between the markers, wherever the block is', () => {
    const before = 'a\r\n\r\n';
    const after = '\r\n# added by the user after the block\r\nb';
    const text = `${before}${BLOCK_BEGIN}\r\nold-pattern\r\n${BLOCK_END}\r\n${after}`;
    const result = written(text, BODY);
    assert.equal(result, `${before}${BLOCK_BEGIN}\r\n.env\r\n!.env.example\r\n${BLOCK_END}\r\n${after}`);
  });

  it('changes nothing when written twice', () => {
    for (const text of [undefined, 'x', 'x\r\ny\r\n', '\uFEFFx\n']) {
      const once = written(text, BODY);
      assert.equal(written(once, BODY), once);
      const atStart = written(text, BODY, 'start');
      assert.equal(written(atStart, BODY, 'start'), atStart);
    }
  });

  it('can go before the user lines, after a byte order mark', () => {
    assert.equal(written('\uFEFFnode_modules\n', BODY, 'start'), `\uFEFF${BLOCK}\nnode_modules\n`);
  });

  it('is removed, and only it, when the body is undefined', () => {
    const text = `a\n${BLOCK}b\n`;
    assert.equal(written(text, undefined), 'a\nb\n');
    assert.equal(written('a\n', undefined), 'a\n');
  });

  it('is reported, not guessed, when a marker is missing or repeated', () => {
    const cases = [
      `${BLOCK_BEGIN}\n.env\n`,
      `.env\n${BLOCK_END}\n`,
      `${BLOCK_END}\n${BLOCK_BEGIN}\n`,
      `${BLOCK}${BLOCK}`,
    ];
    for (const text of cases) {
      assert.equal(findManagedBlock(text).kind, 'malformed', text);
      const edit = writeManagedBlock(text, BODY);
      assert.equal(edit.ok, false, text);
      assert.equal(withoutManagedBlock(text), undefined);
    }
  });

  it('withoutManagedBlock returns what the user wrote', () => {
    assert.equal(withoutManagedBlock(`a\n${BLOCK}b\n`), 'a\nb\n');
    assert.equal(withoutManagedBlock('a\n'), 'a\n');
  });
});
