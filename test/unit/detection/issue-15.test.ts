/**
 * The detection issue's cases, each written from the words: placeholders are never
 * secrets, a vendor prefix with a placeholder body is not flagged, hints do not flag values that
 * are plainly not credentials, local development defaults are a setting, and the formats the
 * issue found missing are recognised. Tokens are built at test time (no token-shaped literal).
 */
import { strict as assert } from 'node:assert';
import { classifyValue } from '../../../src/core/detection';
import { analyzeEnvText } from '../../../src/core/scan';
import { Fake, ALNUM, DIGITS, HEX } from './fake';
import { cloudflareToken, withCrc32Base62 } from './vendor-samples';

const f = new Fake(1515);
const join = (...parts: string[]): string => parts.join('');

describe('issue 15: placeholders are never secrets, whatever the key', () => {
  it('a vendor prefix with a placeholder body is not flagged, live or test alike', () => {
    const cases: [string, string][] = [
      ['STRIPE_SECRET_KEY', join('sk_', 'live_', 'xxx')],
      ['STRIPE_SECRET_KEY', join('sk_', 'test_', 'xxx')],
      ['STRIPE_SECRET_KEY', join('sk_', 'live_', 'x'.repeat(24))],
      ['GITHUB_TOKEN', join('gh', 'p_', 'xxx')],
      ['GITHUB_TOKEN', join('gh', 'p_', 'x'.repeat(36))],
      ['SLACK_BOT_TOKEN', join('xo', 'xb-', 'xxx')],
      ['HF_TOKEN', join('hf', '_', 'x'.repeat(34))],
      ['HF_TOKEN', join('hf', '_', 'FakeFakeFake1FakeFakeFakeFakeFakeFa')],
      ['GROQ_API_KEY', join('gsk', '_', 'aBcDeFgHiJkLmNoPqRsT1234567890abcdefghijklmnopqrstuv')],
      ['SENTRY_AUTH_TOKEN', join('sntryu', '_', 'a'.repeat(64))],
      ['AWS_ACCESS_KEY_ID', join('AKIA', 'IOSFODNN7', 'EXAMPLE')],
      ['AWS_ACCESS_KEY_ID', join('AKIA', f.chars('ABCDEFGHJKLMNOPQRSTUVWXYZ234567', 9), 'EXAMPLE')],
      ['LINEAR_API_KEY', join('lin_', 'api_', f.alnum(33), 'EXAMPLE')],
      ['VAULT_TOKEN', 's.AcceptanceTimeoutSeconds'],
      ['SLACK_TOKEN', join('xoxe.', 'xoxp-1-', 'SlackAppConfigurationAccessTokenHere')],
    ];
    for (const [key, value] of cases) assert.equal(classifyValue(key, value), undefined, `${key} (${value.length} characters)`);
  });

  it('runs of one character, x/X/*/. bodies, EXAMPLE, sample, dummy, your-…-here, <…>, ${…}', () => {
    const values = ['aaaaaaaaaaaaaaaaaaaaaaaa', 'XXXXXXXXXXXXXXXX', '****************', '................', 'my-secret-EXAMPLE', 'sample', 'dummy', 'your-api-key-here', '<your token>', '${API_TOKEN}', 'dummy_token_value'];
    for (const value of values) for (const key of ['API_SECRET', 'DB_PASSWORD', 'GITHUB_TOKEN', 'VALUE_1']) assert.equal(classifyValue(key, value), undefined, `${key}=${value}`);
  });

  it('a placeholder word counts only as the whole body or a whole segment: a random token containing `test` is a secret', () => {
    const random = `${f.alnum(14)}test${f.alnum(14)}`;
    assert.ok(classifyValue('API_SECRET', random));
    assert.ok(classifyValue('STRIPE_SECRET_KEY', join('sk_', 'live_', random)));
    assert.equal(classifyValue('API_SECRET', `${f.alnum(4)}-test-token`), undefined);
  });

  it('documentation values vendors publish are not flagged (AWS pair, NuGet samples)', () => {
    assert.equal(classifyValue('AWS_SECRET_ACCESS_KEY', join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY')), undefined);
    assert.equal(classifyValue('NUGET_PASSWORD', join('33f!!', 'lloppa')), undefined);
  });
});

describe('issue 15: key hints stay strong for generic values, never for plain non-credentials', () => {
  it('a random 40-character string under API_SECRET is a secret', () => {
    for (let i = 0; i < 20; i++) assert.equal(classifyValue('API_SECRET', f.alnum(40))?.rule, 'key-hint-secret');
  });

  it('identifiers with dots, words, sentences, code, short numbers and booleans are not', () => {
    const values = ['s.AcceptanceTimeoutSeconds', 'var.db_password', 'external-secrets.io/v1beta1', 'ReplicationController', 'registry-auth-data', 'alert_status', 'Overriding bean definition for bean', '(NSString *)property', 'translate3d(0,0,0)}', '24, 20120323', '4821', 'true', 'getPages,searchConfluenceSpace'];
    for (const value of values) for (const key of ['API_TOKEN', 'CLIENT_SECRET', 'VAULT_SERVICE_TOKEN']) assert.equal(classifyValue(key, value), undefined, `${key}=${value}`);
  });

  it('a random token after an environment word is no identifier (letter pairs with digits are not words)', () => {
    // Upper, lower, digit, eight times: `Zq8Wm2…`, the shape of the integration workspace's tokens.
    const body = Array.from({ length: 8 }, () => f.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1) + f.chars('abcdefghjkmnpqrstuvwxyz', 1) + f.chars(DIGITS, 1)).join('');
    for (const prefix of ['tok_dev_', 'tok_prd_', 'app-', '']) assert.ok(classifyValue('API_TOKEN', `${prefix}${body}`), `${prefix}…`);
  });

  it('passphrases of unrelated words still count under a secret key', () => {
    assert.ok(classifyValue('SESSION_SECRET', 'apple-river-stone-maple'));
    assert.ok(classifyValue('JWT_SECRET', 'correct horse battery staple'));
  });
});

describe('issue 15: formats found missing or too narrow', () => {
  const cases: [string, () => string][] = [
    ['jwt-base64', () => Buffer.from(f.jwt({ sub: f.guid(), iat: f.int(1.6e9, 1.8e9) })).toString('base64')],
    ['cloudflare-api-token', () => cloudflareToken(f.pick(['cfat_', 'cfut_', 'cfk_']), f)],
    ['github-app-installation-token', () => `ghs_${f.int(1000, 999999)}_${f.jwt({ iss: '12345', exp: f.int(1.7e9, 1.9e9) })}`],
    ['shopify-token', () => `shpat_${f.alnum(40)}`],
    ['databricks-token', () => `dapi${f.hex(32).toUpperCase()}`],
    ['figma-token', () => `figd_${f.mixed(56, ALNUM + '_-')}`],
    ['newrelic-browser-key', () => `NRJS-${f.hex(19)}`],
    ['gitlab-session-cookie', () => `_gitlab_session=${f.lowerAlnum(32)}`],
    ['heroku-api-key', () => `HRKU-AA${f.alnum(20)}_____${f.alnum(33)}`],
    ['slack-token', () => `xoxa-2-${f.alnum(40)}`],
    ['hashicorp-vault-token-legacy', () => `s.${f.alnum(24)}`],
    ['telegram-bot-token', () => `${f.chars(DIGITS, 10)}:AA${f.mixed(33, ALNUM + '_-')}`],
  ];
  for (const [rule, make] of cases) {
    it(`${rule} from the value alone`, () => {
      for (let i = 0; i < 5; i++) assert.equal(classifyValue('VALUE_1', make())?.rule, rule);
    });
  }

  it('keyed vendors: Sumo Logic, Okta, JFrog identity tokens, Atlassian legacy tokens', () => {
    assert.equal(classifyValue('SUMO_ACCESS_ID', `su${f.alnum(12)}`)?.rule, 'sumologic-access-id');
    assert.equal(classifyValue('OKTA_API_TOKEN', `00${f.mixed(40, ALNUM + '_-')}`)?.rule, 'okta-api-token');
    assert.equal(classifyValue('JFROG_ACCESS_TOKEN', f.alnum(64))?.rule, 'jfrog-identity-token');
    assert.equal(classifyValue('JIRA_API_TOKEN', f.alnum(24))?.rule, 'atlassian-api-token-legacy');
  });

  it('checksums: a GitHub or npm token with a valid CRC-32 is reported even when its body looks typed', () => {
    // A valid checksum over a body that starts with an ascending run (filler to the heuristics).
    let token = '';
    for (let i = 0; i < 5000 && !/abcdef/i.test(token); i++) token = withCrc32Base62('ghp_', f);
    const typed = `ghp_abcdef${token.slice(10)}`;
    assert.equal(classifyValue('VALUE_1', typed), undefined, 'without its checksum a typed body is a placeholder');
    for (let i = 0; i < 20; i++) assert.equal(classifyValue('VALUE_1', withCrc32Base62('npm_', f))?.rule, 'npm-token');
  });
});

describe('issue 15: random-looking tokens under neutral keys', () => {
  it('are flagged from the value alone', () => {
    for (let i = 0; i < 20; i++) assert.equal(classifyValue('VALUE_1', f.alnum(f.int(24, 64)))?.rule, 'high-entropy-value');
  });

  it('but not hex digests, GUIDs, ids, versions, URLs or paths', () => {
    const values = [f.hex(40), f.hex(64), f.guid(), 'claude-3-opus-20240229', `https://cdn.example.com/${f.alnum(30)}.js`, `/var/lib/${f.alnum(24)}`];
    for (const value of values) assert.equal(classifyValue('VALUE_1', value), undefined, value.slice(0, 12));
    assert.equal(classifyValue('BUILD_ID', f.alnum(32)), undefined);
    assert.equal(classifyValue('NEXT_PUBLIC_ANALYTICS', f.alnum(32)), undefined);
  });
});

describe('issue 15: local development defaults (a setting)', () => {
  const defaults: [string, string][] = [
    ['DB_PASSWORD', 'postgres'],
    ['DATABASE_URL', 'postgres://postgres:postgres@localhost:5432/app'],
    ['AMQP_URL', 'amqp://guest:guest@rabbitmq:5672'],
    ['MINIO_ROOT_PASSWORD', 'minioadmin'],
  ];

  it('are not reported by default: they are public knowledge', () => {
    for (const [key, value] of defaults) assert.equal(classifyValue(key, value), undefined, key);
  });

  it('are reported when detection.reportLocalDefaults is on', () => {
    for (const [key, value] of defaults) assert.ok(classifyValue(key, value, { reportLocalDefaults: true }), key);
  });

  it('a default password on a remote host, or a real password on localhost, is still a secret', () => {
    assert.ok(classifyValue('DATABASE_URL', 'postgres://postgres:postgres@db.prod.example.com:5432/app'));
    assert.ok(classifyValue('DATABASE_URL', `postgres://postgres:${f.alnum(20)}@localhost:5432/app`));
  });

  it('the .envguard.json setting reaches the scan (analyzeEnvText)', () => {
    const text = 'DB_PASSWORD=postgres\n';
    assert.equal(analyzeEnvText(text, '.env').findings.length, 0);
    assert.equal(analyzeEnvText(text, '.env', { reportLocalDefaults: true }).findings.length, 1);
  });
});

describe('issue 15: credentials in command lines and pasted headers', () => {
  it('curl -H "Authorization: …", curl -u user:pass', () => {
    const bearer = f.alnum(40);
    assert.equal(classifyValue('HEALTHCHECK', `curl -s -H "Authorization: Bearer ${bearer}" https://api.example.com/health`)?.rule, 'command-line-credentials');
    assert.equal(classifyValue('HEALTHCHECK', `curl -u admin:${f.strongPassword(14)} https://localhost:9200`)?.rule, 'command-line-credentials');
    assert.equal(classifyValue('HEALTHCHECK', 'curl -H "Authorization: Bearer $TOKEN" https://api.example.com'), undefined);
    assert.equal(classifyValue('HEALTHCHECK', 'curl -u admin:${ES_PASSWORD} https://localhost:9200'), undefined);
  });

  it('a header line pasted as a value is judged under its own name', () => {
    assert.ok(classifyValue('EXTRA_HEADER', `Authorization: Bearer ${f.alnum(32)}`));
    assert.ok(classifyValue('EXTRA_HEADER', `X-Api-Key: ${f.hex(8)}${f.alnum(24)}`));
  });
});

// Guard against accidentally relying on the fake alphabet helpers in the tests above.
void HEX;
