import { strict as assert } from 'node:assert';
import { ignoreCommentEdit, detectSecrets } from '../../../src/core/detection';
import { parseEnv } from '../../../src/core/dotenv';
import { fake } from '../support/fakes';

const token = fake.githubToken();

function apply(text: string, key: string, line: number): string {
  const edit = ignoreCommentEdit(text, key, line);
  assert.ok(edit, 'an edit is offered');
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset);
}

/** The edited text keeps every value and reports nothing for the key. */
function assertIgnored(before: string, after: string, key: string): void {
  const values = (t: string) => { const d = parseEnv(t); return Array.from({ length: d.entryCount }, (_, i) => `${d.entryAt(i).key}=${d.entryAt(i).value}`); };
  assert.deepEqual(values(after), values(before));
  assert.deepEqual(detectSecrets(parseEnv(after), '.env').map((f) => f.key).filter((k) => k === key), []);
}

describe('the inline "# envguard-ignore" quick fix edit', () => {
  const cases: [string, string, string, number][] = [
    ['unquoted', `PORT=1\nGITHUB_TOKEN=${token}\nHOST=a\n`, 'GITHUB_TOKEN', 2],
    ['double-quoted, CRLF', `PORT=1\r\nGITHUB_TOKEN="${token}"\r\n`, 'GITHUB_TOKEN', 2],
    ['with a comment already', `GITHUB_TOKEN=${token} # ci only\n`, 'GITHUB_TOKEN', 1],
    ['multiline quoted value', `PRIVATE="line1\n${token}\nline3"\nGITHUB_TOKEN='${token}'\n`, 'GITHUB_TOKEN', 4],
    ['last line without a line break', `GITHUB_TOKEN=${token}`, 'GITHUB_TOKEN', 1],
  ];
  for (const [name, text, key, line] of cases) {
    it(`${name}: the value is kept and the entry is no longer reported`, () => {
      assert.equal(detectSecrets(parseEnv(text), '.env').filter((f) => f.key === key).length, 1, 'reported before');
      const after = apply(text, key, line);
      assertIgnored(text, after, key);
    });
  }

  it('goes inline after the value; a comment that is there keeps its words', () => {
    assert.equal(apply(`GITHUB_TOKEN=${token}\n`, 'GITHUB_TOKEN', 1), `GITHUB_TOKEN=${token} # envguard-ignore\n`);
    assert.equal(apply(`GITHUB_TOKEN=${token} # ci only\n`, 'GITHUB_TOKEN', 1), `GITHUB_TOKEN=${token} # ci only envguard-ignore\n`);
  });

  it('offers nothing for a key that is not on that line', () => {
    assert.equal(ignoreCommentEdit(`GITHUB_TOKEN=${token}\n`, 'GITHUB_TOKEN', 2), undefined);
  });
});
