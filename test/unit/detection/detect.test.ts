import { strict as assert } from 'node:assert';
import { parseEnv } from '../../../src/core/dotenv';
import { detectSecrets } from '../../../src/core/detection';
import { Fake } from './fake';

describe('detectSecrets', () => {
  const f = new Fake(77);
  const stripe = `sk_live_${f.alnum(24)}`;
  const password = f.humanPassword();
  const pemBody = Array.from({ length: 6 }, () => f.base64(48));

  const text = [
    '# Production settings',
    `DB_PASSWORD=${password}`,
    'PORT=3000',
    `  export STRIPE_KEY = ${stripe}`,
    `IGNORED_TOKEN=${f.alnum(32)} # envguard-ignore`,
    '# envguard-ignore-next-line',
    `ALSO_IGNORED_SECRET=${f.alnum(32)}`,
    `NOT_IGNORED_SECRET=${f.alnum(32)}`,
    'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----',
    ...pemBody,
    '-----END PRIVATE KEY-----"',
    `ESCAPED_KEY='-----BEGIN EC PRIVATE KEY-----\\n${pemBody.join('\\n')}\\n-----END EC PRIVATE KEY-----'`,
    `DATABASE_URL=postgres://app:${f.alnum(16)}@db:5432/app`,
    'API_KEY=',
    'SECRET=${SECRET_FROM_ENV}',
  ].join('\r\n');
  const doc = parseEnv(text);
  const findings = detectSecrets(doc, 'config/.env');

  it('reports each secret with file, key, rule and positions', () => {
    assert.deepEqual(
      findings.map((x) => [x.key, x.rule, x.line, x.column]),
      [
        ['DB_PASSWORD', 'key-hint-password', 2, 1],
        ['STRIPE_KEY', 'stripe-secret-key', 4, 10],
        ['NOT_IGNORED_SECRET', 'key-hint-secret', 8, 1],
        ['PRIVATE_KEY', 'private-key', 9, 1],
        ['ESCAPED_KEY', 'private-key', 17, 1],
        ['DATABASE_URL', 'url-credentials', 18, 1],
      ],
    );
    for (const finding of findings) assert.equal(finding.file, 'config/.env');
  });

  it('spans the written value, across lines for a multi-line key', () => {
    const stripeFinding = findings.find((x) => x.key === 'STRIPE_KEY')!;
    assert.deepEqual([stripeFinding.valueLine, stripeFinding.valueColumn, stripeFinding.valueEndLine, stripeFinding.valueEndColumn], [4, 23, 4, 23 + stripe.length]);
    const pem = findings.find((x) => x.key === 'PRIVATE_KEY')!;
    assert.deepEqual([pem.valueLine, pem.valueColumn, pem.valueEndLine, pem.valueEndColumn], [9, 13, 16, '-----END PRIVATE KEY-----"'.length + 1]);
  });

  it('names the key and the rule in the message, never the value', () => {
    const stripeFinding = findings.find((x) => x.key === 'STRIPE_KEY')!;
    assert.equal(stripeFinding.message, 'STRIPE_KEY holds a plaintext Stripe secret key');
    for (const finding of findings) {
      const value = doc.entries.find((e) => e.key === finding.key)!.value;
      const serialized = JSON.stringify(finding);
      // No run of six value characters containing a digit (words like "PRIVATE" may legitimately recur).
      for (let i = 0; i + 6 <= value.length; i++) {
        const run = value.slice(i, i + 6);
        if (/\d/.test(run)) assert.ok(!serialized.includes(run), `${finding.key}'s finding leaks part of its value`);
      }
    }
  });

  it('allows keys by exact name or glob', () => {
    const allowed = detectSecrets(doc, '.env', { allowKeys: ['DB_PASSWORD', '*_KEY', 'DATABASE_*'] });
    assert.deepEqual(allowed.map((x) => x.key), ['NOT_IGNORED_SECRET']);
  });

  it('needs the ignore comment right above the entry', () => {
    const spaced = parseEnv(`# envguard-ignore-next-line\n\nTOKEN=${f.alnum(32)}\n`);
    assert.equal(detectSecrets(spaced, '.env').length, 1);
  });

  it('returns nothing for an empty file', () => {
    assert.deepEqual(detectSecrets(parseEnv(''), '.env'), []);
  });
});
