import { strict as assert } from 'node:assert';
import { isEncryptedValue, isInterpolation, isPlaceholder } from '../../../src/core/detection';
import { Fake } from './fake';

describe('placeholders', () => {
  const placeholders = [
    '', '   ', 'changeme', 'CHANGE_ME', '<your-key>', '<YOUR_OPENAI_API_KEY>', 'your_api_key_here', 'YOUR-TOKEN', 'xxx', 'xxxxxxxxxxxx',
    '***', '••••••', 'TODO', 'REPLACE_ME', 'replace-with-your-key', 'example', 'dummy', 'test', '...', 'none', 'null', 'secret',
    'password', '[api key]', 'insert-token-here', 'put_your_key_here', 'my-secret-key', 'mysupersecretkey', 'change-this-in-production',
    'your-256-bit-secret', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'sk-...', '0000000000000000',
    '1234567890', 'abcdefghijklmnop', 'n/a', 'REDACTED', 'test-key', 'dummy_token', 'fake-password',
  ];
  for (const value of placeholders) it(`${JSON.stringify(value)} is a placeholder`, () => assert.equal(isPlaceholder(value), true));

  const real = ['hunter2', 'test123', 'Summer2024!', 'correct horse battery staple', 'keyboard cat', 'admin', 'postgres', 's3cr3t-Pa55', 'testing-is-fun-9'];
  for (const value of real) it(`${JSON.stringify(value)} is a real value`, () => assert.equal(isPlaceholder(value), false));

  it('rarely mistakes random tokens for placeholders', () => {
    const f = new Fake(5);
    let hits = 0;
    for (let i = 0; i < 20000; i++) if (isPlaceholder(f.pick([f.base64url(f.int(16, 48)), f.alnum(f.int(20, 64)), f.hex(40)]))) hits++;
    assert.ok(hits <= 2, `${hits} random tokens taken for placeholders`);
  });

  it('recognises interpolations, not literal dollars', () => {
    for (const value of ['${DB_PASSWORD}', '$DB_PASSWORD', '${API_KEY:-}', '${SECRET:-default}', '$(cat /run/secrets/db)', '{{ .Values.token }}', '%APP_SECRET%', '${A}${B}', '#{Octopus.Secret}']) {
      assert.equal(isInterpolation(value), true, value);
    }
    for (const value of ['P@ss$word1', '$2b$12$abcdefghijklmnopqrstuv', 'abc${X}def', 'price$5']) assert.equal(isInterpolation(value), false, value);
  });

  it('recognises values encrypted at rest', () => {
    assert.equal(isEncryptedValue(`encrypted:${Buffer.from('x'.repeat(40)).toString('base64')}`), true);
    assert.equal(isEncryptedValue('ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]'), true);
    assert.equal(isEncryptedValue('encrypted'), false);
  });
});
