/**
 * The redactor of `envguard run --redact`, in process: every form of a released value masked
 * (encodings, case, lines, pieces), whatever the chunking; what is deliberately not masked; ordinary
 * output byte for byte; and several MB with many values in one linear pass.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isRedactable, MIN_BASE64_CORE, RedactingStream, Redaction } from '../../../src/core/run/redact';
import { fake } from '../support/fakes';
import { encodingsOf, isAscii, redact, redactBytes } from './redact-support';

const SECRETS = new Map([
  ['GITHUB_TOKEN', fake.githubToken()],
  ['AWS_SECRET', fake.awsSecretAccessKey()],
  ['PRIVATE_KEY', fake.privateKey()],
  ['PASSWORD', fake.password()],
  ['UNICODE_PASSWORD', `Straße-Päßwört-${fake.hex('u', 6)}`],
  ['SHORT', 'k3Y!'],
  ['DATABASE_URL', `postgres://app:${fake.password('db')}@db.internal:5432/shop`],
]);

/** Encodings that only the decoded view reads: they must start where no escape is under way. */
const DECODED_ONLY = new Set(['python quote', 'every byte %-escaped', 'every byte \\x-escaped', 'json, every UTF-16 unit \\u-escaped', 'json (ensure_ascii)']);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('redaction of released values in output', () => {
  describe('every form of every value', () => {
    for (const [key, value] of SECRETS) {
      it(`${key}: the value, its case changes, base64, hex, URL and JSON forms`, async () => {
        for (const [name, form] of Object.entries(encodingsOf(value))) {
          if (name === 'mixed case' && !isAscii(value) && form !== value) continue; // ASCII letters only
          const trailing = /\s*$/.exec(form)![0];
          const input = `before ${form} after\n`;
          const cuts = [7, 8, 9 + Math.floor(form.length / 2), input.length - 8];
          assert.strictEqual(await redact(SECRETS, input, cuts), `before [REDACTED:${key}]${trailing} after\n`, `${key} as ${name}`);
        }
      });
    }
  });

  it('a value inside a longer base64 text, at each of the three offsets, standard and URL-safe', async () => {
    for (const key of ['GITHUB_TOKEN', 'UNICODE_PASSWORD', 'AWS_SECRET', 'PASSWORD']) {
      const value = Buffer.from(SECRETS.get(key)!, 'utf8');
      for (let before = 0; before < 6; before++) {
        const prefix = Buffer.from('<prefix'.slice(0, before));
        const suffix = Buffer.from('>suffix');
        for (const encoding of ['base64', 'base64url'] as const) {
          const blob = Buffer.concat([prefix, value, suffix]).toString(encoding);
          const out = await redact(SECRETS, `blob=${blob};`);
          const marker = `[REDACTED:${key}]`;
          const at = out.indexOf(marker);
          assert.ok(at >= 0, `${key} at offset ${before} in ${encoding}: ${out}`);
          // Left unmasked: only the characters that encode the neighbours (and one mixing both).
          const left = out.slice('blob='.length, at);
          const right = out.slice(at + marker.length, -1);
          assert.ok(left.length <= Math.ceil((8 * before) / 6), `${key} at offset ${before} in ${encoding}: ${left.length} characters left before`);
          assert.ok(right.replace(/=+$/, '').length <= Math.ceil((8 * suffix.length) / 6) + 1, `${key} at offset ${before} in ${encoding}: ${right} after`);
        }
      }
    }
  });

  it('pieces: joined by line breaks, across writes, or apart with text between', async () => {
    const token = SECRETS.get('GITHUB_TOKEN')!;
    const lines = `${token.slice(0, 12)}\n${token.slice(12, 24)}\r\n${token.slice(24)}\n`;
    assert.strictEqual(await redact(SECRETS, `key:\n${lines}done\n`), 'key:\n[REDACTED:GITHUB_TOKEN]\ndone\n');
    const apart = `first half: ${token.slice(0, 20)}\nsecond half: ${token.slice(20)}\n`;
    assert.strictEqual(await redact(SECRETS, apart), 'first half: [REDACTED:GITHUB_TOKEN]\nsecond half: [REDACTED:GITHUB_TOKEN]\n');
    const quarters = [0, 10, 20, 30].map((i) => `part ${i / 10}: ${token.slice(i, i + 10)}`).join(', ');
    assert.strictEqual(await redact(SECRETS, quarters), [0, 1, 2, 3].map((i) => `part ${i}: [REDACTED:GITHUB_TOKEN]`).join(', '));
    // The password inside a connection string, printed on its own.
    const password = fake.password('db');
    assert.strictEqual(await redact(SECRETS, `password=${password}\n`), 'password=[REDACTED:DATABASE_URL]\n');
    // A line of the key on its own: masked between the `+` and `/` that cut a value into segments,
    // of which only those shorter than 8 characters stay.
    const keyLine = SECRETS.get('PRIVATE_KEY')!.split('\n')[3]!;
    const left = (await redact(SECRETS, `line 3: ${keyLine}`)).slice('line 3: '.length).split('[REDACTED:PRIVATE_KEY]');
    assert.ok(left.length > 1 && left.every((text) => text.length < 8), left.join(' | '));
  });

  it('cut anywhere, a value is masked whole: every split of the input into two writes', async () => {
    const token = SECRETS.get('GITHUB_TOKEN')!;
    const input = `a ${token} b ${Buffer.from(token).toString('base64')} c %${Buffer.from(token).toString('hex')} d\n`;
    const expected = 'a [REDACTED:GITHUB_TOKEN] b [REDACTED:GITHUB_TOKEN] c %[REDACTED:GITHUB_TOKEN] d\n';
    for (let cut = 0; cut <= input.length; cut++) assert.strictEqual(await redact(SECRETS, input, [cut]), expected, `cut at ${cut}`);
    assert.strictEqual(await redact(SECRETS, input, [...input].map((_, i) => i)), expected, 'one byte per write');
  });

  describe('what is deliberately not masked', () => {
    it('values shorter than 4 characters (not counting whitespace and +)', async () => {
      const secrets = new Map([['PIN', '123'], ['SPACED', ' a b '], ['PLUS', '1+2+3']]);
      assert.ok(!isRedactable('123') && !isRedactable(' a b ') && !isRedactable('1+2+3') && isRedactable('1234'));
      assert.strictEqual(await redact(secrets, 'pin 123, spaced a b, sum 1+2+3, base64 MTIz\n'), 'pin 123, spaced a b, sum 1+2+3, base64 MTIz\n');
    });

    it('pieces shorter than 8 bytes, and pieces that are words', async () => {
      const token = SECRETS.get('GITHUB_TOKEN')!;
      const seven = token.slice(10, 17);
      assert.strictEqual(await redact(SECRETS, `seven: ${seven}\n`), `seven: ${seven}\n`);
      // The structure of a connection string printed alone stays readable; its password does not.
      const text = 'connecting to postgres at db.internal:5432 (shop), then localhost\n';
      assert.strictEqual(await redact(SECRETS, text), text);
      assert.strictEqual(await redact(SECRETS, '-----BEGIN PUBLIC KEY-----\n'), '-----BEGIN PUBLIC KEY-----\n');
    });

    it('ordinary output passes byte for byte (escapes, paths, percent signs, invalid UTF-8)', async () => {
      const ordinary = Buffer.concat([
        Buffer.from('GET /api/v1/users?page=2&q=a%20b 200 12ms\n{"msg":"done \\"ok\\"","path":"C:\\\\Users\\\\me","e":"\\u00e9"}\n'),
        Buffer.from('100% of 42 tests, \\x41 \\uD83D\\uDE00 \\uD83D alone, %zz %4 \\q\r\n'),
        Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x0a]),
      ]);
      for (const cuts of [[], [1, 5, 17, 60, 61, 62, 63, 100, 130]]) assert.deepStrictEqual(await redactBytes(SECRETS, ordinary, cuts), ordinary);
    });
  });

  describe('properties', () => {
    const valueArbitrary = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', minLength: 4, maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 4, maxLength: 16 }),
      fc.string({ unit: fc.constantFrom(...'%\\+ "\'\nuxAFaf09=/-_é😀'), minLength: 4, maxLength: 16 }),
      fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 8, maxLength: 48 }),
    ).filter(isRedactable);
    const contextArbitrary = fc.oneof(fc.string({ maxLength: 16 }), fc.string({ unit: fc.constantFrom(...'%\\+ "u0aF\n'), maxLength: 8 }));
    const cutsArbitrary = fc.array(fc.nat(400), { maxLength: 12 });

    it('no released value, nor its case changes, base64, hex, URL or JSON forms, survives, whatever the chunking', async () => {
      await fc.assert(fc.asyncProperty(valueArbitrary, contextArbitrary, contextArbitrary, cutsArbitrary, async (value, before, after, cuts) => {
        const secrets = new Map([['K', value]]);
        for (const [name, form] of Object.entries(encodingsOf(value))) {
          if (name === 'mixed case' && !isAscii(value)) continue;
          const input = DECODED_ONLY.has(name) ? `${before} ${form} ${after}` : `${before}${form}${after}`;
          const out = await redact(secrets, input, cuts);
          assert.ok(!out.includes(form), `${name} ${JSON.stringify(form)} survived in ${JSON.stringify(out)}`);
          assert.ok(out.includes('[REDACTED:K]'), `${name}: no mask in ${JSON.stringify(out)}`);
        }
      }), { numRuns: 150, seed: 20261201 });
    });

    it('a value at any offset inside a longer base64 text leaves none of the characters that depend on it alone', async () => {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 7, maxLength: 40 }), fc.uint8Array({ maxLength: 9 }), fc.uint8Array({ maxLength: 9 }), cutsArbitrary, async (bytes, before, after, cuts) => {
        const value = Buffer.from(bytes).toString('latin1'); // any bytes, as a latin1 string
        const utf8 = Buffer.from(value, 'utf8');
        const blob = Buffer.concat([before, utf8, after]).toString('base64');
        const out = await redact(new Map([['K', value]]), blob, cuts);
        // The characters of the blob that encode the value's bytes only, as the blob has them.
        const first = Math.ceil((8 * before.length) / 6);
        const end = Math.floor((8 * (before.length + utf8.length)) / 6);
        const core = blob.slice(first, end);
        assert.ok(core.length >= MIN_BASE64_CORE);
        assert.ok(!out.includes(core), `${core} survived in ${out}`);
      }), { numRuns: 300, seed: 20261202 });
    });

    it('any piece of 8 or more characters of a token, with a digit or both cases, is masked wherever it is printed', async () => {
      const tokenArbitrary = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 16, maxLength: 48 });
      await fc.assert(fc.asyncProperty(tokenArbitrary, fc.nat(), fc.nat(), contextArbitrary, contextArbitrary, cutsArbitrary, async (token, a, b, before, after, cuts) => {
        const start = a % (token.length - 8);
        const end = start + 8 + (b % (token.length - start - 7));
        const piece = token.slice(start, end);
        fc.pre(/[0-9]/.test(piece) || (/[a-z]/.test(piece) && /[A-Z]/.test(piece)));
        const out = await redact(new Map([['K', token]]), `${before}${piece}${after}`, cuts);
        assert.ok(!out.includes(piece), `${piece} survived in ${out}`);
      }), { numRuns: 300, seed: 20261203 });
    });

    it('the output does not depend on how the input is cut, and output without a value passes byte for byte', async () => {
      const token = SECRETS.get('GITHUB_TOKEN')!;
      const pieceArbitrary = fc.oneof(
        fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
        fc.constantFrom(...Object.values(encodingsOf(token))).map((form) => Buffer.from(form)),
      );
      await fc.assert(fc.asyncProperty(fc.array(pieceArbitrary, { maxLength: 8 }), cutsArbitrary, async (pieces, cuts) => {
        const input = Buffer.concat(pieces);
        const whole = await redactBytes(SECRETS, input);
        assert.deepStrictEqual(await redactBytes(SECRETS, input, cuts), whole);
      }), { numRuns: 300, seed: 20261204 });
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), cutsArbitrary, async (bytes, cuts) => {
        const input = Buffer.from(bytes);
        assert.deepStrictEqual(await redactBytes(SECRETS, input, cuts), input);
      }), { numRuns: 300, seed: 20261205 });
    });
  });

  it('masks a value whole when it begins or ends with + (a form-encoded space to the decoded view)', async () => {
    const secrets = new Map([['K', '+ab12/cd34+']]);
    assert.strictEqual(await redact(secrets, 'v=+ab12/cd34+;'), 'v=[REDACTED:K];');
    assert.strictEqual(await redact(secrets, 'q=%2Bab12%2Fcd34%2B&x'), 'q=[REDACTED:K]&x');
  });

  it('keeps output flowing when a masked span never ends, or a value is cut by a megabyte of spaces', async () => {
    const endless = new RedactingStream(new Map([['K', 'Ab12Ab12Ab12']]));
    const seen: string[] = [];
    endless.on('data', (chunk: Buffer) => seen.push(chunk.toString()));
    const input = Buffer.from(`x ${'Ab12'.repeat(300_000)}`);
    for (let i = 0; i < input.length; i += 65536) endless.write(input.subarray(i, i + 65536));
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual(seen.join(''), 'x [REDACTED:K]', 'released before the end, named once');
    const ended = new Promise((resolve) => endless.on('end', resolve));
    endless.end(' y');
    await ended;
    assert.strictEqual(seen.join(''), 'x [REDACTED:K] y');

    const token = fake.githubToken('sea');
    const out = await redact(new Map([['K', token]]), `x ${token.slice(0, 10)}${' '.repeat(1 << 20)}${token.slice(10)} y`, Array.from({ length: 20 }, (_, i) => i * 65536));
    assert.match(out, /^x \[REDACTED:K\] +\[REDACTED:K\] y$/);
  });

  it('masks 60 values and all their forms in 8 MB of output, in one pass', async function () {
    this.timeout(180_000);
    const secrets = new Map<string, string>();
    for (let i = 0; i < 60; i++) secrets.set(`KEY_${i}`, i % 3 === 0 ? fake.githubToken(`big${i}`) : i % 3 === 1 ? fake.awsSecretAccessKey(`big${i}`) : fake.password(`big${i}`));
    const values = [...secrets.values()];
    const line = (n: number) => `${new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString()} INFO request ${n} GET /api/items?id=${n}&q=a%20b took ${n % 97}ms {"ok":true,"path":"C:\\\\tmp\\\\x"}\n`;
    const parts: string[] = [];
    let size = 0;
    let expectedMasks = 0;
    for (let n = 0; size < 8 * 1024 * 1024; n++) {
      let text = line(n);
      if (n % 500 === 0) {
        const value = values[(n / 500) % values.length]!;
        text += `token=${value} b64=${Buffer.from(value).toString('base64')} hex=${Buffer.from(value).toString('hex')}\n`;
        expectedMasks += 3;
      }
      parts.push(text);
      size += text.length;
    }
    const input = Buffer.from(parts.join(''));
    const stream = new RedactingStream(secrets);
    const out: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => out.push(chunk));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    for (let i = 0; i < input.length; i += 65536) stream.write(input.subarray(i, i + 65536));
    stream.end();
    await ended;
    const text = Buffer.concat(out).toString('utf8');
    assert.strictEqual(text.match(/\[REDACTED:KEY_\d+\]/g)?.length, expectedMasks);
    for (const value of values) assert.ok(!text.includes(value));
    assert.strictEqual(text.replace(/token=.*\n/g, '').length, input.toString('utf8').replace(/token=.*\n/g, '').length, 'ordinary lines pass as they are');
    assert.ok(Redaction.compile(secrets).needleCount > 60 * 20);
  });

  it('shares one compilation between the streams of one Map, and compiles again when the Map changed', () => {
    const secrets = new Map([['A', fake.githubToken('share')]]);
    const first = new RedactingStream(secrets) as unknown as { masker: { redaction: Redaction } };
    const second = new RedactingStream(secrets) as unknown as { masker: { redaction: Redaction } };
    assert.strictEqual(first.masker.redaction, second.masker.redaction);
    secrets.set('B', fake.githubToken('share2'));
    const third = new RedactingStream(secrets) as unknown as { masker: { redaction: Redaction } };
    assert.notStrictEqual(third.masker.redaction, first.masker.redaction);
  });
});
