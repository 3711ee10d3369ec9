import { strict as assert } from 'node:assert';
import { classifyValue, InvalidCustomPatternError } from '../../../src/core/detection';
import { Fake } from './fake';

describe('classifyValue', () => {
  const f = new Fake(31);

  describe('key hints', () => {
    it('flags low-entropy passwords under a password key', () => {
      for (const value of ['hunter2', 'letmein', 'Postgres2024!', '4821', 'correct horse battery staple']) {
        assert.equal(classifyValue('DB_PASSWORD', value)?.rule, 'key-hint-password', value);
      }
    });

    it('flags secrets of many shapes under secret-sounding names', () => {
      const cases: [string, string][] = [
        ['SECRET_KEY_BASE', f.hex(128)],
        ['APP_KEY', `base64:${f.base64(32)}`],
        ['DJANGO_SECRET_KEY', `django-insecure-${f.strongPassword(50)}`],
        ['NEXTAUTH_SECRET', f.base64(32)],
        ['AUTH0_CLIENT_SECRET', f.base64url(48)],
        ['TWILIO_AUTH_TOKEN', f.hex(32)],
        ['AWS_SECRET_ACCESS_KEY', f.mixed(40)],
        ['AZURE_CLIENT_SECRET', f.guid()],
        ['SESSION_SECRET', 'keyboard cat'],
        ['ENCRYPTION_KEY', f.alnum(32)],
        ['BASIC_AUTH', `admin:${f.humanPassword()}`],
        ['MNEMONIC', f.words(12, ' ')],
      ];
      for (const [key, value] of cases) assert.ok(classifyValue(key, value), key);
    });

    it('needs a random-looking value under a weak hint', () => {
      assert.ok(classifyValue('APP_KEY', f.alnum(32)));
      assert.equal(classifyValue('APP_KEY', 'myapp'), undefined);
      assert.equal(classifyValue('SORT_KEY', 'createdAt'), undefined);
      assert.equal(classifyValue('LICENSE_KEY', f.guid()), undefined);
      assert.equal(classifyValue('AUTH', 'basic'), undefined);
    });

    it('ignores metadata about secrets', () => {
      const cases: [string, string][] = [
        ['PASSWORD_MIN_LENGTH', '12'], ['TOKEN_TTL', '3600'], ['JWT_EXPIRES_IN', '7d'], ['API_KEY_HEADER', 'X-API-Key'],
        ['SECRET_NAME', 'prod-db-password'], ['JWT_ALGORITHM', 'HS256'], ['AUTH_PROVIDER', 'github'], ['TOKEN_TYPE', 'Bearer'],
        ['DB_PASSWORD_FILE', '/run/secrets/db'], ['GOOGLE_APPLICATION_CREDENTIALS', './sa.json'], ['MAX_TOKENS', '4096'],
        ['AZURE_CLIENT_ID', f.guid()], ['API_KEY_ID', f.guid()], ['AUTH_ENABLED', 'true'], ['TOKEN_ENDPOINT', 'https://login.example.com/token'],
      ];
      for (const [key, value] of cases) assert.equal(classifyValue(key, value), undefined, key);
    });

    it('never flags a client-exposed variable without a strong vendor format', () => {
      assert.equal(classifyValue('VITE_API_KEY', f.alnum(32)), undefined);
      assert.equal(classifyValue('NEXT_PUBLIC_FIREBASE_API_KEY', `AIza${f.alnum(35)}`), undefined);
      assert.equal(classifyValue('NEXT_PUBLIC_STRIPE_KEY', `sk_live_${f.alnum(24)}`)?.rule, 'stripe-secret-key');
    });
  });

  describe('never flags', () => {
    const cases: [string, string][] = [
      ['API_KEY', ''], ['API_KEY', 'your_api_key_here'], ['SECRET', 'changeme'], ['TOKEN', '${GITHUB_TOKEN}'],
      ['DB_PASSWORD', '${DB_PASSWORD:-postgres}'], ['DB_PASSWORD', 'op://Private/db/password'],
      ['DB_PASSWORD', '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)'],
      ['API_KEY', `encrypted:${f.base64(64)}`], ['STRIPE_PUBLISHABLE_KEY', `pk_live_${f.alnum(24)}`],
      ['MAPBOX_TOKEN', `pk.${f.jsonSegment({ u: 'me', a: 'x1' })}.${f.base64url(16)}`],
      ['GOOGLE_CLIENT_ID', `${f.chars('0123456789', 12)}-${f.lowerAlnum(32)}.apps.googleusercontent.com`],
      ['TWILIO_ACCOUNT_SID', `AC${f.hex(32)}`], ['GIT_SHA', f.hex(40)], ['IMAGE_DIGEST', `sha256:${f.hex(64)}`],
      ['SENTRY_DSN', `https://${f.hex(32)}@o12345.ingest.sentry.io/123456`], ['PORT', '3000'], ['NODE_ENV', 'production'],
      ['LOG_LEVEL', 'debug'], ['ADMIN_EMAIL', 'ops@example.com'], ['REGION', 'eu-west-1'], ['FEATURES', 'search,export,beta'],
      ['CONFIG', JSON.stringify({ theme: 'dark', retries: 3 })], ['JWT_PUBLIC_KEY', f.pem('PUBLIC KEY')],
      ['SUPABASE_ANON_KEY', f.jwt({ role: 'anon', iss: 'supabase' })], ['AWS_ACCESS_KEY_ID', `AKIA${'IOSFODNN7'}EXAMPLE`],
      ['PRIVATE_KEY', '-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----'],
    ];
    for (const [key, value] of cases) it(`${key} = ${value.slice(0, 24)}…`, () => assert.equal(classifyValue(key, value), undefined));
  });

  describe('private keys', () => {
    it('finds multi-line and \\n-escaped PEM keys under any name', () => {
      const pem = f.pem('RSA PRIVATE KEY');
      assert.equal(classifyValue('TLS', pem)?.rule, 'private-key');
      assert.equal(classifyValue('TLS', pem.replace(/\n/g, '\\n'))?.rule, 'private-key');
      assert.equal(classifyValue('CERT', f.pem('CERTIFICATE')), undefined);
    });
  });

  describe('JSON values', () => {
    it('classifies each string under its property name', () => {
      assert.equal(classifyValue('CONFIG', JSON.stringify({ db: { password: f.humanPassword() } }))?.rule, 'key-hint-password');
      assert.equal(classifyValue('CONFIG', JSON.stringify({ clientId: f.guid(), secretName: 'db' })), undefined);
    });
  });

  describe('custom patterns', () => {
    const settings = {
      customPatterns: [
        { id: 'acme-token', description: 'ACME internal token', value: '^acme_[a-z0-9]{24}$' },
        { id: 'legacy-vault', key: '^LEGACY_VAULT_' },
        { id: 'both', key: 'BILLING', value: '^bill-[0-9]{8}$' },
      ],
    };

    it('match by value, by key, or by both', () => {
      assert.deepEqual(classifyValue('ANYTHING', `acme_${f.lowerAlnum(24)}`, settings), { rule: 'custom:acme-token', description: 'ACME internal token', source: 'custom' });
      assert.equal(classifyValue('LEGACY_VAULT_ITEM', 'whatever-it-holds', settings)?.rule, 'custom:legacy-vault');
      assert.equal(classifyValue('BILLING_REF', 'bill-12345678', settings)?.rule, 'custom:both');
      assert.equal(classifyValue('OTHER_REF', 'bill-12345678', settings), undefined);
      assert.equal(classifyValue('LEGACY_VAULT_ITEM', 'changeme', settings), undefined);
    });

    it('report an invalid regular expression with the pattern id', () => {
      const bad = { customPatterns: [{ id: 'broken', value: '([a-z' }] };
      assert.throws(() => classifyValue('KEY', 'value', bad), (error: unknown) => error instanceof InvalidCustomPatternError && error.patternId === 'broken' && error.message.includes('"broken"'));
      assert.throws(() => classifyValue('KEY', 'value', { customPatterns: [{ id: 'empty' }] }), /"empty"/);
    });
  });
});
