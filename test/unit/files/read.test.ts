import assert from 'node:assert/strict';
import { decodeEnvBytes, EnvFileError } from '../../../src/core/files/read';
import { encodeText } from '../../../src/core/files/encoding';

function problemOf(bytes: Uint8Array): string | undefined {
  try {
    decodeEnvBytes('/x/.env', bytes, '.env');
    return undefined;
  } catch (error) {
    return error instanceof EnvFileError ? error.problem : 'other';
  }
}

describe('reading env files: encodings', () => {
  const text = '\uFEFFA=1\r\nB="é ✓ 😀"\r\n# done\r\n';

  it('decodes UTF-8, UTF-8 with a BOM, UTF-16LE and UTF-16BE with a BOM, and encodes each back to the same bytes', () => {
    const files: [string, Buffer][] = [
      ['utf8', Buffer.from(text.slice(1))],
      ['utf8-bom', Buffer.from(text)],
      ['utf16le', Buffer.from(text, 'utf16le')],
      ['utf16be', Buffer.from(text, 'utf16le').swap16()],
    ];
    for (const [encoding, bytes] of files) {
      const read = decodeEnvBytes('/x/.env', bytes, '.env');
      assert.strictEqual(read.encoding, encoding);
      assert.strictEqual(read.text, encoding === 'utf8' ? text.slice(1) : text, encoding);
      assert.ok(encodeText(read.text, read.encoding).equals(bytes), `${encoding} round trip`);
    }
  });

  it('reads invalid UTF-8 as dotenv does, marked inexact', () => {
    const read = decodeEnvBytes('/x/.env', Buffer.from([0x41, 0x3d, 0xe9, 0x0a]), '.env');
    assert.strictEqual(read.text, 'A=\uFFFD\n');
    assert.strictEqual(read.exact, false);
    assert.match(read.warnings.join(), /not valid UTF-8/);
  });

  it('refuses NUL bytes, NUL characters in UTF-16, odd-length and broken UTF-16', () => {
    assert.strictEqual(problemOf(Buffer.from('A=1\n\0')), 'binary');
    assert.strictEqual(problemOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A=\0', 'utf16le')])), 'binary');
    assert.strictEqual(problemOf(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x3d])), 'undecodable');
    assert.strictEqual(problemOf(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00])), 'undecodable'); // lone high surrogate
  });

  it('recognises encrypted files by content, and never a text env file', () => {
    assert.strictEqual(problemOf(Buffer.from([0x8c, 0x0d, 0x04, 0x07, 0x03, 0x02, 0x00])), 'encrypted'); // gpg --symmetric (old format)
    assert.strictEqual(problemOf(Buffer.from('\n  -----BEGIN PGP MESSAGE-----\n')), 'encrypted');
    assert.strictEqual(problemOf(Buffer.from('$ANSIBLE_VAULT;1.1;AES256\n6162\n')), 'encrypted');
    assert.strictEqual(problemOf(Buffer.from('sops_mac=ENC[AES256_GCM,data:x]\n')), 'encrypted');
    // Mentions of the markers inside ordinary values are not encryption.
    assert.strictEqual(problemOf(Buffer.from('NOTE=sops_mac=ENC[x]\nHEADER="-----BEGIN PGP MESSAGE-----"\nV=ENC[AES256_GCM,data:x]\n')), undefined);
    // A Latin-1 text (not UTF-8, no NUL) whose first byte happens to look like a packet header, without a version.
    assert.strictEqual(problemOf(Buffer.from([0xc1, 0x3d, 0x31, 0x0a])), undefined);
  });
});
