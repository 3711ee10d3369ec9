import { strict as assert } from 'node:assert';
import { analyseKey, tokeniseKey } from '../../../src/core/detection';

describe('key names', () => {
  it('are split on _ - . and camelCase', () => {
    assert.deepEqual(tokeniseKey('STRIPE_SECRET_KEY'), ['stripe', 'secret', 'key']);
    assert.deepEqual(tokeniseKey('stripeSecretKey'), ['stripe', 'secret', 'key']);
    assert.deepEqual(tokeniseKey('db-password.main'), ['db', 'password', 'main']);
    assert.deepEqual(tokeniseKey('XMLHttpToken'), ['xml', 'http', 'token']);
    assert.deepEqual(tokeniseKey('AUTH0_CLIENT_ID'), ['auth0', 'client', 'id']);
    assert.deepEqual(tokeniseKey('s3Bucket'), ['s3', 'bucket']);
    assert.deepEqual(tokeniseKey('__'), []);
  });

  const hints: [string, string | undefined][] = [
    ['DB_PASSWORD', 'key-hint-password'],
    ['MY_APP_DB_PASS', 'key-hint-password'],
    ['PGPASSWORD', 'key-hint-password'],
    ['dbPwd', 'key-hint-password'],
    ['SSH_PASSPHRASE', 'key-hint-password'],
    ['DJANGO_SECRET_KEY', 'key-hint-secret'],
    ['SECRET_KEY_BASE', 'key-hint-secret'],
    ['clientSecret', 'key-hint-secret'],
    ['GH_TOKEN', 'key-hint-token'],
    ['AUTHTOKEN', 'key-hint-token'],
    ['OPENAI_API_KEY', 'key-hint-api-key'],
    ['APIKEY', 'key-hint-api-key'],
    ['x-api-key', 'key-hint-api-key'],
    ['WALLET_PRIVATE_KEY', 'key-hint-private-key'],
    ['MINIO_ACCESS_KEY', 'key-hint-access-key'],
    ['SERVICE_CREDENTIALS', 'key-hint-credential'],
    ['RAILS_MASTER_KEY', 'key-hint-key-material'],
    ['JWT_SIGNING_KEY', 'key-hint-key-material'],
    ['APP_KEY', 'key-hint-key'],
    ['BASIC_AUTH', 'key-hint-auth'],
    ['PASSPORT_STRATEGY', undefined],
    ['BYPASS_CACHE', undefined],
    ['TOKENIZER_PATH', undefined],
    ['KEYBOARD_LAYOUT', undefined],
    ['NODE_ENV', undefined],
  ];
  for (const [key, rule] of hints) {
    it(`${key} hints at ${rule ?? 'nothing'}`, () => assert.equal(analyseKey(key).hint?.rule, rule));
  }

  const negated = ['PASSWORD_MIN_LENGTH', 'TOKEN_TTL', 'JWT_EXPIRES_IN', 'API_KEY_HEADER', 'SECRET_NAME', 'AWS_ACCESS_KEY_ID', 'DB_PASSWORD_FILE', 'AUTH_URL', 'TOKEN_TYPE', 'MAX_TOKENS', 'STRIPE_PUBLISHABLE_KEY', 'SUPABASE_ANON_KEY', 'RECAPTCHA_SITE_KEY', 'JWT_ALGORITHM', 'DISCORD_CLIENT_ID'];
  for (const key of negated) it(`${key} talks about a secret without holding one`, () => assert.equal(analyseKey(key).negated, true));

  const notNegated = ['DB_USER_PASSWORD', 'KEY_FILE_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'SESSION_COOKIE_SECRET', 'SITE_PASSWORD', 'AUTH0_CLIENT_SECRET'];
  for (const key of notNegated) it(`${key} holds the secret itself`, () => assert.equal(analyseKey(key).negated, false));

  it('recognises client-exposed variables', () => {
    for (const key of ['NEXT_PUBLIC_API_KEY', 'VITE_TOKEN', 'REACT_APP_SECRET', 'EXPO_PUBLIC_KEY']) assert.equal(analyseKey(key).publicVariable, true, key);
    assert.equal(analyseKey('API_KEY').publicVariable, false);
  });
});
