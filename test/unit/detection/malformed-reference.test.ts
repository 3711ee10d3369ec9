import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyValue } from '../../../src/core/detection';
import { looksLikeReference, parseReference, referenceProblem } from '../../../src/core/references';
import { analyzeEnvText } from '../../../src/core/scan';
import { fake } from '../support/fakes';

const PREFIXES = ['@Microsoft.KeyVault(', '@microsoft.keyvault(', 'envguard://', 'envguard://local/', 'ref+', 'ref+azurekeyvault://', 'REF+vault://', 'op://'];
const URI_START = '@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/';
/** Appears in generated values only: a reason that contains it quotes the value. */
const SENTINEL = 'qZ7vX';

/** Strings that start like a reference and go on with what references are made of, escapes and all. */
const referenceLike = fc
  .tuple(
    fc.constantFrom(...PREFIXES, URI_START),
    fc.array(
      fc.oneof(
        fc.constantFrom(SENTINEL, '%', '%Z', '%ZZ', '%E0%A4%A', '%C3', '%FF', '/', '//', '(', ')', ';', '=', '?', '#', '@', ':', '.', ' ', '\\', 'SecretUri=', 'VaultName=', 'SecretName=', 'https://', 'http://', 'secrets', '0123456789abcdef0123456789abcdef'),
        fc.string({ unit: 'binary', maxLength: 6 }),
      ),
      { maxLength: 12 },
    ),
  )
  .map(([prefix, parts]) => prefix + parts.join(''));

describe('malformed vault references', () => {
  describe('parsing never throws (property)', () => {
    it('on any string', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
        parseReference(value);
        referenceProblem(value);
      }), { numRuns: 3000, seed: 1201 });
    });

    it('on reference-like strings: each is a reference, or a malformed one with a reason that quotes none of it', () => {
      fc.assert(fc.property(referenceLike, (value) => {
        assert.ok(looksLikeReference(value));
        const parsed = parseReference(value);
        const problem = referenceProblem(value);
        assert.notEqual(parsed === undefined, problem === undefined, 'exactly one of a reference and a problem');
        if (problem) {
          assert.match(problem, /^is a malformed .+ reference.*: expected /);
          assert.ok(!problem.includes(SENTINEL), 'the reason quotes the value');
        }
      }), { numRuns: 3000, seed: 1202 });
    });

    it('analyzeEnvText never throws on random bytes, decoded as UTF-8 or Latin-1', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        for (const text of [new TextDecoder().decode(bytes), Buffer.from(bytes).toString('latin1')]) {
          const { findings } = analyzeEnvText(text, '.env');
          for (const f of findings) assert.ok(f.message.startsWith(`${f.key} `), f.message);
        }
      }), { numRuns: 2000, seed: 1203 });
    });

    it('analyzeEnvText never throws on env files of reference-like values, and flags each malformed one', () => {
      const line = fc.tuple(fc.constantFrom('A', 'DB_URL', 'API_TOKEN', 'CONFIG'), referenceLike, fc.constantFrom('', '"', "'"));
      fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = lines.map(([key, value, quote], i) => `${key}${i}=${quote}${value}${quote}`).join('\n');
        const { document, findings } = analyzeEnvText(text, '.env');
        for (const entry of document.entries) {
          const flagged = findings.find((f) => f.line === entry.line && f.key === entry.key);
          if (looksLikeReference(entry.value) && !parseReference(entry.value)) assert.equal(flagged?.rule, 'malformed-reference', `${entry.key} line ${entry.line}`);
          if (parseReference(entry.value)) assert.equal(flagged, undefined);
        }
      }), { numRuns: 1500, seed: 1204 });
    });
  });

  describe('says what is wrong', () => {
    const cases: [string, RegExp][] = [
      [`${URI_START}%ZZ)`, /the secret name in its SecretUri has an invalid %-escape/],
      [`${URI_START}db-password`, /it does not end with "\)"/],
      ['@Microsoft.KeyVault(SecretUri=not a url)', /its SecretUri is not a URL/],
      ['@Microsoft.KeyVault(SecretUri=http://v.vault.azure.net/secrets/db)', /its SecretUri does not use https/],
      ['@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/keys/db)', /the path of its SecretUri is not \/secrets\/NAME\[\/VERSION\]/],
      ['@Microsoft.KeyVault(VaultName=v)', /it names neither SecretUri nor VaultName and SecretName/],
      ['envguard://remote/DB', /is a malformed EnvGuard reference: expected envguard:\/\/local\/PROJECT\/ENVIRONMENT\/KEY\[@VERSION\]/],
      ['ref+azurekeyvault://vault/name/not-a-version', /is a malformed Azure Key Vault \(vals\) reference: expected ref\+azurekeyvault:\/\/VAULT\/NAME\[\/VERSION\] with a 32-hex version/],
      ['ref+', /is a malformed vals reference/],
      ['op://vault/item', /is a malformed 1Password reference: expected op:\/\/VAULT\/ITEM\[\/SECTION\]\/FIELD/],
      [`${URI_START}${'a'.repeat(5000)})`, /\(it is longer than 4096 characters\)/],
    ];
    for (const [value, reason] of cases) {
      it(value.length > 90 ? `${value.slice(0, 90)}…` : value, () => {
        const match = classifyValue('BROKEN', value);
        assert.equal(match?.rule, 'malformed-reference');
        assert.match(match.statement ?? '', reason);
        const { findings } = analyzeEnvText(`OK=1\nBROKEN=${value}\n`, '.env');
        assert.deepEqual(findings.map((f) => `${f.line} ${f.key} ${f.rule}`), ['2 BROKEN malformed-reference']);
        assert.match(findings[0]!.message, /^BROKEN is a malformed /);
        assert.equal(findings[0]!.rule, 'malformed-reference');
      });
    }

    it('valid references are not findings', () => {
      for (const value of [
        'envguard://local/DB_PASSWORD', `${URI_START}db-password)`, `${URI_START}db%20password/0123456789abcdef0123456789abcdef)`,
        '@Microsoft.KeyVault(VaultName=v;SecretName=db)', 'ref+azurekeyvault://v/db', 'ref+awssecrets://path/to#key', 'op://vault/item/field',
      ]) {
        assert.equal(referenceProblem(value), undefined, value);
        assert.equal(classifyValue('DB_PASSWORD', value), undefined, value);
      }
    });

    it('inside JSON: a malformed reference is reported, but a plaintext secret beside it wins', () => {
      const malformed = JSON.stringify({ db: { url: `${URI_START}%ZZ)` } });
      assert.equal(classifyValue('CONFIG', malformed)?.rule, 'malformed-reference');
      const withSecret = JSON.stringify({ a: `${URI_START}%ZZ)`, b: { token: fake.githubToken('json') } });
      assert.equal(classifyValue('CONFIG', withSecret)?.rule, 'github-token');
    });
  });
});

describe('bounds that give up say so', () => {
  it('a value longer than 64 KB is checked on its first 64 KB, and reported when that part holds nothing', () => {
    const long = `${'word '.repeat(14_000)}`;
    assert.ok(long.trim().length > 65_536);
    const match = classifyValue('NOTES', long);
    assert.equal(match?.rule, 'not-fully-checked');
    assert.match(match.statement ?? '', /^is 69999 characters long; only its first 65536 were checked for secrets$/);
    assert.equal(classifyValue('NOTES', `${fake.githubToken('head')} ${long}`)?.rule, 'github-token');
    const { findings } = analyzeEnvText(`NOTES=${long}\n`, '.env');
    assert.equal(findings[0]?.message, 'NOTES is 69999 characters long; only its first 65536 were checked for secrets');
  });

  it('JSON with more strings than are checked, or nested in strings too deep, is reported', () => {
    const many = JSON.stringify(Array.from({ length: 600 }, (_, i) => `item-${i}`));
    assert.match(classifyValue('CONFIG', many)?.statement ?? '', /holds JSON with more than 500 strings; the rest were not checked/);
    assert.equal(classifyValue('CONFIG', JSON.stringify(Array.from({ length: 400 }, (_, i) => `item-${i}`))), undefined);
    let nested: string = JSON.stringify({ note: 'plain' });
    for (let i = 0; i < 5; i++) nested = JSON.stringify({ inner: nested });
    assert.match(classifyValue('CONFIG', nested)?.statement ?? '', /holds JSON nested in JSON strings more than 4 deep/);
  });
});
