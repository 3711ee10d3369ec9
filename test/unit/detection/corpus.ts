/**
 * A labelled corpus of (key, value, isSecret) cases, generated deterministically from a seed. Every
 * secret-shaped value is fabricated at test time; nothing realistic is checked in as text.
 *
 * Positives: every vendor rule under vendor and neutral key names (and strong formats under public
 * names), key-hint secrets of many shapes, credentials in URLs and connection strings, secrets in
 * JSON, Authorization header values. Negatives: everything the detector must never flag.
 */
import { VENDOR_RULES } from '../../../src/core/detection';
import { Fake, keyVariants, ALNUM, BASE64URL, DIGITS } from './fake';
import { NEUTRAL_KEYS, VENDOR_SAMPLES } from './vendor-samples';

export interface LabelledCase {
  readonly key: string;
  readonly value: string;
  readonly secret: boolean;
  /** What the case exercises, for failure reports (never print values). */
  readonly category: string;
}

const PASSWORD_KEYS = [
  'DB_PASSWORD', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'MY_APP_DB_PASS', 'SMTP_PASS', 'REDIS_PASSWORD', 'PGPASSWORD',
  'EMAIL_HOST_PASSWORD', 'MAIL_PASSWORD', 'KEYSTORE_PASSWORD', 'RABBITMQ_DEFAULT_PASS', 'LDAP_BIND_PASSWORD', 'ADMIN_PASSWD',
  'DB_PW', 'SSH_KEY_PASSPHRASE', 'MONGO_INITDB_ROOT_PASSWORD', 'KEYCLOAK_ADMIN_PASSWORD', 'ELASTIC_PASSWORD',
  'MSSQL_SA_PASSWORD', 'FTP_PWD', 'dbPassword', 'adminPwd', 'redis-pass', 'smtp.password', 'WIFI_PASSWORD',
  'BASIC_AUTH_PASSWORD', 'GRAFANA_ADMIN_PASSWORD', 'DATABASE_PASSWORD', 'DB_USER_PASSWORD', 'PASSWORD', 'ROOT_PASS',
];
const SECRET_KEYS = [
  'SECRET_KEY_BASE', 'DJANGO_SECRET_KEY', 'NEXTAUTH_SECRET', 'AUTH0_CLIENT_SECRET', 'JWT_SECRET', 'SESSION_SECRET',
  'COOKIE_SECRET', 'WEBHOOK_SECRET', 'CLIENT_SECRET', 'AZURE_CLIENT_SECRET', 'GITHUB_CLIENT_SECRET', 'APP_SECRET',
  'clientSecret', 'SECRET', 'OAUTH_CLIENT_SECRET', 'SIGNING_SECRET', 'HMAC_SECRET', 'FLASK_SECRET_KEY', 'SECRET_KEY',
  'AUTH_SECRET', 'BETTER_AUTH_SECRET', 'CSRF_SECRET', 'TOTP_SECRET', 'ENCRYPTION_SECRET', 'FACEBOOK_APP_SECRET',
  'TWITTER_CONSUMER_SECRET', 'KEYCLOAK_CLIENT_SECRET', 'PUSHER_APP_SECRET', 'jwtSecret', 'app.secret',
];
const TOKEN_KEYS = [
  'GH_TOKEN', 'GITHUB_TOKEN', 'NPM_TOKEN', 'SENTRY_AUTH_TOKEN', 'ACCESS_TOKEN', 'REFRESH_TOKEN', 'API_TOKEN', 'AUTH_TOKEN',
  'BEARER_TOKEN', 'VAULT_TOKEN', 'DISCORD_TOKEN', 'accessToken', 'HF_TOKEN', 'CODECOV_TOKEN', 'CI_DEPLOY_TOKEN',
  'PERSONAL_ACCESS_TOKEN', 'INTERNAL_SERVICE_TOKEN', 'ADMIN_TOKEN', 'AUTHTOKEN', 'session-token', 'GITLAB_PAT', 'ID_TOKEN',
];
const API_KEY_KEYS = [
  'OPENAI_API_KEY', 'API_KEY', 'SENDGRID_API_KEY', 'apiKey', 'X_API_KEY', 'APIKEY', 'MAPS_API_KEY', 'WEATHER_API_KEY',
  'BACKEND_API_KEY', 'GEMINI_API_KEY', 'SERPAPI_KEY', 'TMDB_API_KEY', 'EXCHANGE_RATES_APIKEY', 'api-key', 'INTERNAL_API_KEY',
];
const KEY_MATERIAL_KEYS = [
  'ENCRYPTION_KEY', 'SIGNING_KEY', 'MASTER_KEY', 'RAILS_MASTER_KEY', 'JWT_SIGNING_KEY', 'HMAC_KEY', 'SESSION_KEY',
  'COOKIE_KEY', 'AES_KEY', 'WEBHOOK_SIGNING_KEY', 'DATA_ENCRYPTION_KEY', 'MEILI_MASTER_KEY', 'JWT_KEY', 'SECRET_ACCESS_KEY',
  'AWS_SECRET_ACCESS_KEY', 'MINIO_SECRET_KEY', 'ACCESS_KEY', 'STORAGE_ACCESS_KEY',
];
const PRIVATE_KEY_KEYS = ['PRIVATE_KEY', 'WALLET_PRIVATE_KEY', 'DEPLOYER_PRIVATE_KEY', 'ETH_PRIVATE_KEY'];
const CREDENTIAL_KEYS = ['DB_CREDENTIALS', 'SERVICE_CREDENTIALS', 'BASIC_AUTH_CREDENTIALS', 'PROXY_CREDENTIALS', 'REGISTRY_CREDS'];
const WEAK_KEYS = ['APP_KEY', 'LICENSE_KEY', 'AUTH', 'KEY', 'HASH_SALT', 'SIGNATURE', 'MEILISEARCH_KEY', 'TYPESENSE_KEY', 'paymentKey', 'INTEGRATION_KEY'];

const URL_KEYS = [
  'DATABASE_URL', 'REDIS_URL', 'MONGO_URI', 'MONGODB_URI', 'AMQP_URL', 'CELERY_BROKER_URL', 'RABBITMQ_URL', 'DB_DSN',
  'POSTGRES_URL', 'CACHE_URL', 'SMTP_URL', 'FTP_URL', 'ELASTICSEARCH_URL', 'DIRECT_URL', 'dbUrl', 'CONNECTION', 'GIT_REMOTE',
];
const CONNECTION_STRING_KEYS = [
  'AZURE_STORAGE_CONNECTION_STRING', 'SERVICEBUS_CONNECTION_STRING', 'ConnectionStrings__Default', 'SQL_CONNECTION_STRING',
  'AzureWebJobsStorage', 'DB_CONNECTION', 'COSMOS_CONNECTION', 'REDIS_CONNECTION', 'APPCONFIG_CONNECTION_STRING',
];

/** Builds the corpus. The same seed always yields the same cases. */
export function buildCorpus(seed = 20240611): LabelledCase[] {
  const f = new Fake(seed);
  const cases: LabelledCase[] = [];
  const add = (key: string, value: string, secret: boolean, category: string): void => {
    cases.push({ key, value, secret, category });
  };
  vendorCases(f, add);
  keyHintCases(f, add);
  urlCases(f, add);
  connectionStringCases(f, add);
  structuredCases(f, add);
  placeholderCases(f, add);
  interpolationAndReferenceCases(f, add);
  publicIdentifierCases(f, add);
  ordinaryConfigCases(f, add);
  metadataKeyCases(f, add);
  sharpenedCases(f, add);
  return cases;
}

type Add = (key: string, value: string, secret: boolean, category: string) => void;

function vendorCases(f: Fake, add: Add): void {
  for (const rule of VENDOR_RULES) {
    const sample = VENDOR_SAMPLES[rule.id];
    if (!sample) continue;
    for (let i = 0; i < 12; i++) {
      const neutral = !sample.keyedOnly && f.chance(0.35);
      const key = neutral ? f.pick(NEUTRAL_KEYS) : f.pick(keyVariants(f.pick(sample.keys)));
      add(key, sample.make(f), true, `vendor:${rule.id}`);
    }
    // A strong format is a secret even under a key that calls it public.
    if (rule.strength === 'strong' && !sample.keyedOnly) {
      const vendorWord = rule.vendor.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
      add(f.pick([`NEXT_PUBLIC_${vendorWord}_KEY`, `${vendorWord}_PUBLIC_KEY`, `VITE_${vendorWord}_TOKEN`, `${vendorWord}_PUBLISHABLE_KEY`]), sample.make(f), true, `vendor-public-name:${rule.id}`);
    }
    if (sample.nearMiss) {
      for (let i = 0; i < 3; i++) add(f.pick(NEUTRAL_KEYS), sample.nearMiss(f), false, `near-miss:${rule.id}`);
    }
    // Every format's placeholder (its prefix with a placeholder body), under its own key: never a secret.
    const value = sample.make(f);
    const prefix = rule.keyWords ? '' : (rule.literals.find((literal) => value.startsWith(literal)) ?? '');
    add(f.pick(sample.keys), prefix + placeholderBody(f, Math.max(8, value.length - prefix.length)), false, `placeholder:${rule.id}`);
    // And a near-miss every format has: the prefix with a body far too short, from the value alone.
    if (prefix.length >= 3) add(f.pick(NEUTRAL_KEYS), `${prefix}${f.alnum(5)}`, false, `near-miss-short:${rule.id}`);
  }
}

/** The bodies people type in `.env.example` files: x's, one character, a typed sequence, an EXAMPLE, your-…-here. */
function placeholderBody(f: Fake, length: number): string {
  switch (f.int(0, 4)) {
    case 0:
      return 'x'.repeat(length);
    case 1:
      return f.pick(['A', '0', '*', 'X']).repeat(length);
    case 2:
      return 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'.repeat(8).slice(0, length);
    case 3:
      return `${f.upperAlnum(Math.max(1, length - 7))}EXAMPLE`;
    default:
      return 'your-token-here';
  }
}

/** A random value of one of the shapes machine-generated secrets take. */
function machineSecret(f: Fake): string {
  switch (f.int(0, 7)) {
    case 0:
      return f.hex(f.pick([24, 32, 40, 48, 64, 128]));
    case 1:
      return f.base64(f.pick([16, 24, 32, 48, 64]));
    case 2:
      return f.base64url(f.pick([16, 24, 32, 48]));
    case 3:
      return f.alnum(f.int(20, 64));
    case 4:
      return `base64:${f.base64(32)}`;
    case 5:
      return f.strongPassword(f.int(20, 50));
    case 6:
      return `django-insecure-${f.strongPassword(50)}`;
    default:
      return f.mixed(f.int(24, 48), ALNUM + '-_.~');
  }
}

/** Anything a person or a generator might use as a secret, including readable ones. */
function anySecret(f: Fake): string {
  switch (f.int(0, 5)) {
    case 0:
      return f.humanPassword();
    case 1:
      return f.words(f.int(3, 5), f.pick(['-', ' ', '_', '.']));
    case 2:
      return f.guid();
    case 3:
      return f.strongPassword(f.int(12, 32));
    default:
      return machineSecret(f);
  }
}

function keyHintCases(f: Fake, add: Add): void {
  const lowEntropy = ['hunter2', 'letmein1', 'qwerty123', 'dragon', 'p@ssw0rd', 'Passw0rd!', 'trustno1', 'sunshine7', 'iloveyou2', 'admin123', 'root1234', 'monkey99'];
  for (let i = 0; i < 260; i++) {
    const key = f.pick(keyVariants(f.pick(PASSWORD_KEYS)));
    const value = f.pick([f.humanPassword(), f.strongPassword(f.int(10, 24)), f.pick(lowEntropy), f.chars(DIGITS, f.int(4, 8)), anySecret(f)]);
    add(key, value, true, 'key-hint:password');
  }
  const strongFamilies: [string, readonly string[]][] = [
    ['secret', SECRET_KEYS],
    ['token', TOKEN_KEYS],
    ['api-key', API_KEY_KEYS],
    ['key-material', KEY_MATERIAL_KEYS],
  ];
  for (const [family, keys] of strongFamilies) {
    for (let i = 0; i < 160; i++) add(f.pick(keyVariants(f.pick(keys))), anySecret(f), true, `key-hint:${family}`);
  }
  for (let i = 0; i < 40; i++) {
    add(f.pick(PRIVATE_KEY_KEYS), f.chance(0.5) ? `0x${f.hex(64)}` : f.hex(64), true, 'key-hint:private-key');
    add(f.pick(CREDENTIAL_KEYS), f.chance(0.5) ? `${f.word()}:${f.humanPassword()}` : machineSecret(f), true, 'key-hint:credential');
  }
  for (let i = 0; i < 160; i++) add(f.pick(keyVariants(f.pick(WEAK_KEYS))), machineSecret(f), true, 'key-hint:weak-random');
  // Weak hints with readable values are configuration.
  const readable = ['myapp', 'default', 'main', 'basic', 'trial', 'oauth2', 'header', 'primary', 'v2', 'createdAt', 'user:profile', 'tenantId', 'enterprise'];
  for (let i = 0; i < 80; i++) add(f.pick(WEAK_KEYS), f.chance(0.7) ? f.pick(readable) : f.guid(), false, 'key-hint:weak-readable');
  // Random-looking values under neutral names are not flagged: only formats or names reveal secrets.
  const neutralIds = ['BUILD_ID', 'REQUEST_ID', 'DEPLOYMENT_ID', 'TRACE_ID', 'RELEASE', 'IMAGE_TAG', 'CACHE_BUSTER', 'CORRELATION_ID', 'INSTANCE'];
  for (let i = 0; i < 120; i++) add(f.pick(neutralIds), f.pick([f.hex(40), f.guid(), f.hex(32), f.hex(7), f.lowerAlnum(12)]), false, 'neutral-random');
}

function encodedPassword(f: Fake): string {
  return encodeURIComponent(f.pick([f.humanPassword(), f.alnum(f.int(12, 32)), f.hex(32), f.strongPassword(20)]));
}

function urlCases(f: Fake, add: Add): void {
  const hosts = ['db.internal', 'localhost', 'db.example.com', `${f.word()}.rds.amazonaws.com`, '10.0.0.12', 'postgres', `${f.word()}-prod.cluster.local`];
  for (let i = 0; i < 240; i++) {
    const user = f.pick(['app', 'admin', 'postgres', 'root', 'svc_api', f.word()]);
    const host = f.pick(hosts);
    const value = f.pick([
      `postgres://${user}:${encodedPassword(f)}@${host}:5432/${f.word()}`,
      `postgresql://${user}:${encodedPassword(f)}@${host}/${f.word()}?sslmode=require`,
      `mysql://${user}:${encodedPassword(f)}@${host}:3306/${f.word()}`,
      `mongodb+srv://${user}:${encodedPassword(f)}@cluster0.${f.lowerAlnum(5)}.mongodb.net/${f.word()}?retryWrites=true&w=majority`,
      `mongodb://${user}:${encodedPassword(f)}@${host}:27017,${host}:27018/${f.word()}?replicaSet=rs0`,
      `redis://:${encodedPassword(f)}@${host}:6379/0`,
      `rediss://default:${f.alnum(32)}@${f.word()}.upstash.io:6379`,
      `amqp://${user}:${encodedPassword(f)}@${host}:5672/vhost`,
      `amqps://${user}:${encodedPassword(f)}@${f.word()}.cloudamqp.com/${f.word()}`,
      `https://${user}:${f.alnum(40)}@git.${f.word()}.com/org/repo.git`,
      `smtp://${user}@example.com:${encodedPassword(f)}@smtp.${f.word()}.com:587`,
      `https://${f.hex(32)}:${f.hex(32)}@sentry.io/${f.int(1000, 99999)}`,
      `sqlserver://${user}:${encodedPassword(f)}@${host}:1433?database=${f.word()}`,
      `https://api.${f.word()}.com/v1/data?api_key=${f.alnum(32)}`,
      `https://${f.word()}.blob.core.windows.net/files?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(f.base64(32))}`,
      `postgres://${host}:5432/${f.word()}?user=${user}&password=${encodedPassword(f)}`,
    ]);
    const key = f.chance(0.25) ? f.pick(NEUTRAL_KEYS) : f.pick(keyVariants(f.pick(URL_KEYS)));
    add(key, value, true, 'url-credentials');
  }
  // URLs without a password, or with a placeholder or interpolation for it.
  for (let i = 0; i < 200; i++) {
    const host = f.pick(hosts);
    const value = f.pick([
      `postgres://${host}:5432/${f.word()}`,
      `postgres://app@${host}/${f.word()}`,
      `redis://${host}:6379`,
      `https://api.${f.word()}.com/v1`,
      `https://${f.hex(32)}@o${f.int(10000, 999999)}.ingest.sentry.io/${f.int(1000, 9999999)}`,
      `postgres://app:\${DB_PASSWORD}@${host}:5432/app`,
      `postgres://\${DB_USER}:\${DB_PASS}@\${DB_HOST}:5432/\${DB_NAME}`,
      `redis://:\${REDIS_PASSWORD}@${host}:6379`,
      `mongodb+srv://<username>:<password>@cluster0.mongodb.net/app`,
      `postgres://user:password@localhost:5432/mydb`,
      `mysql://root:changeme@localhost/app`,
      `https://github.com/${f.word()}/${f.word()}.git`,
      `amqp://guest@${host}:5672`,
      `https://hooks.example.com/notify?channel=${f.word()}`,
      `s3://${f.word()}-bucket/path/to/file.json`,
      `http://localhost:${f.int(3000, 9000)}/callback?state=${f.word()}`,
    ]);
    add(f.pick(keyVariants(f.pick([...URL_KEYS, 'SENTRY_DSN', 'NEXT_PUBLIC_SENTRY_DSN', 'API_URL', 'WEBHOOK_URL']))), value, false, 'url-without-credentials');
  }
}

function connectionStringCases(f: Fake, add: Add): void {
  for (let i = 0; i < 150; i++) {
    const account = `${f.word()}${f.lowerAlnum(4)}`;
    const value = f.pick([
      `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${f.base64(64)};EndpointSuffix=core.windows.net`,
      `Endpoint=sb://${account}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${f.base64(32)}`,
      `Server=tcp:${account}.database.windows.net,1433;Initial Catalog=${f.word()};User ID=${f.word()};Password=${f.humanPassword()};Encrypt=True;`,
      `Data Source=${account};Initial Catalog=app;User Id=sa;Pwd=${f.strongPassword(16).replace(/[;=]/g, 'x')};`,
      `jdbc:sqlserver://${account}:1433;databaseName=app;user=sa;password=${f.alnum(16)}`,
      `host=${account} port=5432 dbname=app user=app password=${f.alnum(20)} sslmode=require`,
      `${account}.redis.cache.windows.net:6380,password=${f.base64(32)},ssl=True,abortConnect=False`,
      `AccountEndpoint=https://${account}.documents.azure.com:443/;AccountKey=${f.base64(64)};`,
      `BlobEndpoint=https://${account}.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(f.base64(32))}`,
      `Endpoint=https://${account}.azconfig.io;Id=${f.alnum(4)}-l0-s0:${f.alnum(20)};Secret=${f.base64(32)}`,
      `Endpoint=https://${account}.service.signalr.net;AccessKey=${f.base64(32)};Version=1.0;`,
      `sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2030-12-31T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(f.base64(32))}`,
    ]);
    const key = f.chance(0.2) ? f.pick(NEUTRAL_KEYS) : f.pick(CONNECTION_STRING_KEYS);
    add(key, value, true, 'connection-string');
  }
  // Connection strings without a secret: integrated auth, managed identity, instrumentation keys.
  for (let i = 0; i < 60; i++) {
    const account = `${f.word()}${f.lowerAlnum(4)}`;
    const value = f.pick([
      `Server=tcp:${account}.database.windows.net,1433;Initial Catalog=app;Authentication=Active Directory Default;Encrypt=True;`,
      `Data Source=${account};Initial Catalog=app;Integrated Security=True;`,
      `InstrumentationKey=${f.guid()};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/`,
      `Endpoint=sb://${account}.servicebus.windows.net/;Authentication=ManagedIdentity`,
      `Server=${account};Database=app;User Id=app;Password=\${SQL_PASSWORD};`,
      `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=<your-account-key>;EndpointSuffix=core.windows.net`,
    ]);
    add(f.pick(CONNECTION_STRING_KEYS), value, false, 'connection-string-without-secret');
  }
}

function structuredCases(f: Fake, add: Add): void {
  for (let i = 0; i < 50; i++) {
    const value = f.pick([
      JSON.stringify({ endpoint: `https://api.${f.word()}.com`, apiKey: f.alnum(32), retries: 3 }),
      JSON.stringify({ db: { host: 'db.internal', user: 'app', password: f.humanPassword() } }),
      JSON.stringify({ clientId: f.guid(), clientSecret: f.mixed(40, ALNUM + '~.') }),
      JSON.stringify({ token: `ghp_${f.alnum(36)}` }),
    ]);
    add(f.pick(['APP_CONFIG', 'SERVICE_CONFIG_JSON', 'INTEGRATIONS', 'SETTINGS_JSON']), value, true, 'json-with-secret');
    add(f.pick(['APP_CONFIG', 'FEATURES', 'UI_SETTINGS', 'CREDENTIALS_CONFIG']), f.pick([
      JSON.stringify({ theme: 'dark', retries: 3, regions: ['eu-west-1', 'us-east-1'] }),
      JSON.stringify({ clientId: f.guid(), tenantId: f.guid(), authority: 'https://login.microsoftonline.com/common' }),
      JSON.stringify([{ name: f.word(), enabled: true }, { name: f.word(), enabled: false }]),
      JSON.stringify({ tokenEndpoint: 'https://auth.example.com/token', passwordMinLength: 12, secretName: 'prod-db' }),
    ]), false, 'json-without-secret');
  }
  for (let i = 0; i < 40; i++) {
    const value = f.pick([`Bearer ${f.alnum(40)}`, `Basic ${Buffer.from(`${f.word()}:${f.humanPassword()}`).toString('base64')}`, `Token ${f.hex(40)}`]);
    add(f.pick(['AUTHORIZATION', 'DEFAULT_AUTH', 'UPSTREAM_HEADER_VALUE', 'PROXY_AUTHORIZATION']), value, true, 'authorization-header');
  }
}

function placeholderCases(f: Fake, add: Add): void {
  const placeholders = [
    'changeme', 'CHANGEME', 'change-me', '<your-key>', '<YOUR_API_KEY>', 'your_api_key_here', 'your-secret-here', 'YOUR_TOKEN_HERE',
    'xxx', 'xxxxxxxxxxxxxxxx', 'XXXXXXXXXXXXXXXXXXXXXXXX', '***', '********', 'TODO', 'todo', 'REPLACE_ME', 'replace-with-your-key',
    'example', 'EXAMPLE', 'dummy', 'test', 'TEST', '...', 'none', 'None', 'null', 'NULL', 'secret', 'password', 'Password',
    '<password>', '[your token]', 'insert-your-key-here', 'put_your_token_here', 'placeholder', 'REDACTED', '<redacted>',
    'tbd', 'fixme', 'my-secret-key', 'your-256-bit-secret', '<secret>', 'changeit', 'dummy-token', 'test_key', 'fake-password',
    'sample', '••••••', 'CHANGE_ME_IN_PRODUCTION', 'super-secret-key', 'my-super-secret-jwt-key-change-this-in-production',
    '-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----', 'xoxb-your-token', 'sk-...', 'sk-proj-...', 'pcsk_...', 'hf_...',
    `sk_live_${'x'.repeat(24)}`, `ghp_${'X'.repeat(36)}`, `AKIA${'IOSFODNN7'}EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLE'}KEY`,
    'not-set', 'unset', 'n/a', 'undefined', 'default', 'testtoken', 'dev-secret', 'mysecretpassword',
  ];
  const secretKeys = [...PASSWORD_KEYS, ...SECRET_KEYS, ...TOKEN_KEYS, ...API_KEY_KEYS, ...KEY_MATERIAL_KEYS, 'STRIPE_SECRET_KEY', 'OPENAI_API_KEY', 'AWS_ACCESS_KEY_ID'];
  for (let i = 0; i < 420; i++) add(f.pick(secretKeys), f.pick(placeholders), false, 'placeholder');
  for (let i = 0; i < 40; i++) add(f.pick(secretKeys), '', false, 'empty');
}

function interpolationAndReferenceCases(f: Fake, add: Add): void {
  const secretKeys = [...PASSWORD_KEYS, ...SECRET_KEYS, ...TOKEN_KEYS, ...API_KEY_KEYS];
  for (let i = 0; i < 150; i++) {
    const name = f.pick(['DB_PASSWORD', 'API_KEY', 'SECRET', 'VAULT_TOKEN', 'stripe_key']);
    const value = f.pick([`\${${name}}`, `$${name}`, `\${${name}:-}`, `\${${name}:-default}`, `\${${name}?is required}`, `$(cat /run/secrets/${name.toLowerCase()})`, `{{ .Values.${name.toLowerCase()} }}`, `%${name}%`, `\${${name}}\${SUFFIX}`]);
    add(f.pick(secretKeys), value, false, 'interpolation');
  }
  for (let i = 0; i < 120; i++) {
    const vault = `kv-${f.word()}`;
    const name = `${f.word()}-${f.word()}`;
    const value = f.pick([
      `@Microsoft.KeyVault(SecretUri=https://${vault}.vault.azure.net/secrets/${name}/)`,
      `@Microsoft.KeyVault(SecretUri=https://${vault}.vault.azure.net/secrets/${name}/${f.hex(32)})`,
      `@Microsoft.KeyVault(VaultName=${vault};SecretName=${name})`,
      `op://${f.pick(['Private', 'Engineering', 'Prod'])}/${f.word()}/${f.pick(['password', 'credential', 'api-key'])}`,
      `ref+azurekeyvault://${vault}/${name}`,
      `ref+awssecrets://prod/${name}#/password`,
      `ref+vault://secret/data/${f.word()}#/token`,
    ]);
    add(f.pick(secretKeys), value, false, 'reference');
  }
  for (let i = 0; i < 60; i++) {
    const value = f.chance(0.7) ? `encrypted:${f.base64(96)}` : `ENC[AES256_GCM,data:${f.base64(24)},iv:${f.base64(32)},tag:${f.base64(16)},type:str]`;
    add(f.pick(secretKeys), value, false, 'encrypted');
  }
}

function publicIdentifierCases(f: Fake, add: Add): void {
  const pick = <T>(items: readonly T[]): T => f.pick(items);
  for (let i = 0; i < 40; i++) {
    add(pick(['STRIPE_PUBLISHABLE_KEY', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'STRIPE_PUBLIC_KEY', 'VITE_STRIPE_KEY', 'STRIPE_PK']), `pk_${pick(['live', 'test'])}_${f.alnum(pick([24, 99]))}`, false, 'public:stripe-pk');
    add(pick(['CLERK_PUBLISHABLE_KEY', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY']), `pk_${pick(['live', 'test'])}_${Buffer.from(`${f.word()}.clerk.accounts.dev$`).toString('base64').replace(/=+$/, '')}`, false, 'public:clerk-pk');
    add(pick(['MAPBOX_TOKEN', 'NEXT_PUBLIC_MAPBOX_TOKEN', 'MAPBOX_ACCESS_TOKEN']), `pk.${f.jsonSegment({ u: f.word(), a: f.lowerAlnum(25) })}.${f.base64url(16)}`, false, 'public:mapbox-pk');
    add(pick(['GOOGLE_CLIENT_ID', 'NEXT_PUBLIC_GOOGLE_CLIENT_ID', 'OAUTH_CLIENT_ID']), `${f.chars(DIGITS, 12)}-${f.lowerAlnum(32)}.apps.googleusercontent.com`, false, 'public:google-client-id');
    add(pick(['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'ARM_SUBSCRIPTION_ID', 'APP_ID', 'API_KEY_ID', 'KMS_KEY_ID', 'TENANT_ID', 'APPLICATION_ID', 'AAD_CLIENT_ID', 'SECRET_KEY_ID']), f.guid(), false, 'public:guid-id');
    add(pick(['TWILIO_ACCOUNT_SID', 'TWILIO_SID', 'TWILIO_MESSAGING_SERVICE_SID']), `${pick(['AC', 'MG'])}${f.hex(32)}`, false, 'public:twilio-sid');
    add(pick(['GIT_SHA', 'COMMIT_SHA', 'VERCEL_GIT_COMMIT_SHA', 'SOURCE_VERSION', 'GITHUB_SHA', 'BUILD_COMMIT', 'GIT_COMMIT', 'REVISION']), f.hex(pick([40, 40, 7, 12])), false, 'public:commit');
    add(pick(['IMAGE_DIGEST', 'BASE_IMAGE', 'CONTAINER_IMAGE', 'ARTIFACT_CHECKSUM']), pick([`sha256:${f.hex(64)}`, `ghcr.io/${f.word()}/${f.word()}@sha256:${f.hex(64)}`, `sha512-${f.base64(64)}`]), false, 'public:digest');
    add(pick(['SENTRY_DSN', 'NEXT_PUBLIC_SENTRY_DSN', 'VITE_SENTRY_DSN']), `https://${f.hex(32)}@o${f.int(10000, 999999)}.ingest.${pick(['', 'us.', 'de.'])}sentry.io/${f.int(100000, 9999999)}`, false, 'public:sentry-dsn');
    add(pick(['NEXT_PUBLIC_FIREBASE_API_KEY', 'REACT_APP_FIREBASE_API_KEY', 'VITE_FIREBASE_API_KEY', 'EXPO_PUBLIC_GOOGLE_MAPS_KEY']), `AIza${f.mixed(35, ALNUM + '-_')}`, false, 'public:firebase-web-key');
    add(pick(['SUPABASE_ANON_KEY', 'NEXT_PUBLIC_SUPABASE_ANON_KEY', 'VITE_SUPABASE_ANON_KEY', 'SUPABASE_KEY']), f.jwt({ iss: 'supabase', ref: f.lowerAlnum(20), role: 'anon', iat: f.int(1.6e9, 1.8e9), exp: f.int(1.9e9, 2.1e9) }), false, 'public:supabase-anon');
    add(pick(['VITE_API_KEY', 'NEXT_PUBLIC_API_KEY', 'REACT_APP_API_TOKEN', 'NEXT_PUBLIC_ANALYTICS_KEY', 'VITE_APP_SECRET_SALT', 'EXPO_PUBLIC_API_KEY', 'NEXT_PUBLIC_ALGOLIA_SEARCH_KEY']), pick([f.alnum(32), f.hex(32), f.guid()]), false, 'public:client-variable');
    add(pick(['JWT_PUBLIC_KEY', 'PUBLIC_KEY', 'RSA_PUBLIC_KEY', 'SIGNING_PUBLIC_KEY']), f.chance(0.5) ? f.pem('PUBLIC KEY') : f.pem('PUBLIC KEY').replace(/\n/g, '\\n'), false, 'public:public-key');
    add(pick(['SSH_PUBLIC_KEY', 'DEPLOY_KEY_PUB', 'AUTHORIZED_KEY', 'SSH_KEY']), `ssh-ed25519 ${f.base64(51)} ${f.word()}@${f.word()}`, false, 'public:ssh-public-key');
    const [siteKey, siteValue] = pick<[string, string]>([
      ['RECAPTCHA_SITE_KEY', `6L${f.mixed(38, ALNUM + '-_')}`],
      ['HCAPTCHA_SITE_KEY', f.guid()],
      ['TURNSTILE_SITE_KEY', `0x4AAAAAAA${f.mixed(14, ALNUM + '-_')}`],
      ['ALGOLIA_SEARCH_KEY', f.hex(32)],
      ['POSTHOG_KEY', `phc_${f.alnum(43)}`],
    ]);
    add(siteKey, siteValue, false, 'public:site-key');
    add(pick(['TLS_CERT', 'SSL_CERTIFICATE', 'CA_CERT']), f.pem('CERTIFICATE').replace(/\n/g, '\\n'), false, 'public:certificate');
  }
}

function ordinaryConfigCases(f: Fake, add: Add): void {
  const generators: (() => [string, string])[] = [
    () => ['PORT', String(f.pick([3000, 8080, 5432, 443, 4000]))],
    () => ['NODE_ENV', f.pick(['production', 'development', 'test', 'staging'])],
    () => [f.pick(['DEBUG', 'VERBOSE', 'FEATURE_X_ENABLED', 'USE_SSL', 'SSL', 'TELEMETRY_DISABLED']), f.pick(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])],
    () => [f.pick(['LOG_LEVEL', 'RUST_LOG', 'LOGLEVEL']), f.pick(['info', 'debug', 'warn', 'error', 'trace', 'INFO'])],
    () => [f.pick(['HOST', 'SMTP_HOST', 'DB_HOST', 'REDIS_HOST', 'BIND_ADDRESS']), f.pick(['0.0.0.0', 'localhost', 'smtp.gmail.com', `${f.word()}.internal`, 'db', '127.0.0.1'])],
    () => [f.pick(['API_URL', 'BASE_URL', 'PUBLIC_URL', 'FRONTEND_URL', 'CALLBACK_URL', 'WEBHOOK_URL']), `https://${f.word()}.example.com/${f.word()}`],
    () => [f.pick(['AWS_REGION', 'REGION', 'AZURE_LOCATION', 'GCP_REGION']), f.pick(['us-east-1', 'eu-west-1', 'westeurope', 'europe-west4', 'ap-southeast-2'])],
    () => [f.pick(['TIMEOUT', 'CACHE_TTL', 'SESSION_MAX_AGE', 'POLL_INTERVAL']), f.pick(['30s', '3600', '15m', '7d', '1h', '250ms'])],
    () => [f.pick(['UPLOAD_DIR', 'CONFIG_PATH', 'LOG_FILE', 'DATA_DIR', 'CERT_PATH']), f.pick(['/var/uploads', './config.json', '/var/log/app.log', '~/data', 'C:\\app\\data', '../shared/certs'])],
    () => [f.pick(['ADMIN_EMAIL', 'SUPPORT_EMAIL', 'MAIL_FROM', 'SMTP_USER', 'SMTP_USERNAME']), `${f.word()}@${f.word()}.com`],
    () => [f.pick(['APP_NAME', 'COMPOSE_PROJECT_NAME', 'SERVICE_NAME', 'DB_NAME', 'S3_BUCKET', 'DB_USER', 'POSTGRES_USER']), f.pick([`${f.word()}-${f.word()}`, 'My App', f.word()])],
    () => [f.pick(['ALLOWED_ORIGINS', 'CORS_ORIGINS', 'FEATURES', 'LANGUAGES', 'OAUTH_SCOPES']), f.pick(['https://a.example.com,https://b.example.com', 'search,export,beta-ui', 'en,fr,de', 'openid profile email', `${f.word()} ${f.word()} ${f.word()}`])],
    () => [f.pick(['VERSION', 'APP_VERSION', 'API_VERSION', 'NODE_VERSION']), f.pick(['1.2.3', 'v2.0.0', '20', '2024-06-01', '3.11.4-beta.1'])],
    () => [f.pick(['OPENAI_MODEL', 'EMBEDDING_MODEL', 'LLM_MODEL', 'CLAUDE_MODEL']), f.pick(['gpt-4o-mini', 'text-embedding-3-small', 'claude-3-5-sonnet-latest', 'llama3.1:8b'])],
    () => [f.pick(['MAX_TOKENS', 'OPENAI_MAX_TOKENS', 'RATE_LIMIT', 'WORKERS', 'DATABASE_POOL_SIZE', 'TEMPERATURE', 'BUILD_NUMBER', 'EMBEDDING_DIM']), f.pick(['4096', '100', '4', '0.7', '1536', '20'])],
    () => [f.pick(['TZ', 'LOCALE', 'LANG']), f.pick(['UTC', 'en-US', 'Europe/Paris', 'en_US.UTF-8'])],
    () => [f.pick(['DATABASE_URL', 'REDIS_URL', 'MONGO_URL']), f.pick(['postgres://localhost:5432/app', 'redis://localhost:6379/0', 'mongodb://mongo:27017/app', 'sqlite:///./data.db', 'file:./dev.db'])],
    () => [f.pick(['JAVA_OPTS', 'NODE_OPTIONS', 'PYTHONPATH']), f.pick(['-Xmx512m -Xms256m', '--max-old-space-size=4096', '/app/src:/app/lib'])],
    () => [f.pick(['GIT_BRANCH', 'BRANCH', 'ENVIRONMENT', 'STAGE']), f.pick(['main', 'develop', 'feature/login', 'prod'])],
    () => [f.pick(['SETTINGS', 'UI_CONFIG']), JSON.stringify({ theme: f.pick(['dark', 'light']), pageSize: f.int(10, 100) })],
    () => [f.pick(['AWS_ROLE_ARN', 'SECRETS_MANAGER_ARN', 'KMS_KEY_ARN']), `arn:aws:iam::${f.chars(DIGITS, 12)}:role/${f.word()}`],
  ];
  for (let i = 0; i < 700; i++) {
    const [key, value] = f.pick(generators)();
    add(key, value, false, 'ordinary-config');
  }
}

function metadataKeyCases(f: Fake, add: Add): void {
  const cases: (() => [string, string])[] = [
    () => [f.pick(['PASSWORD_MIN_LENGTH', 'MIN_PASSWORD_LENGTH', 'PASSWORD_MAX_LENGTH']), String(f.int(8, 64))],
    () => [f.pick(['TOKEN_EXPIRY', 'ACCESS_TOKEN_TTL', 'REFRESH_TOKEN_EXPIRATION', 'JWT_EXPIRES_IN', 'SESSION_SECRET_ROTATION_DAYS', 'TOKEN_LIFETIME']), f.pick(['3600', '15m', '7d', '30d', '90'])],
    () => [f.pick(['AUTH_URL', 'NEXTAUTH_URL', 'TOKEN_ENDPOINT', 'PASSWORD_RESET_URL', 'AUTH_CALLBACK_URL', 'OAUTH_REDIRECT_URI', 'TOKEN_URL', 'JWKS_URI']), `https://auth.${f.word()}.com/${f.word()}`],
    () => [f.pick(['SECRET_NAME', 'API_KEY_NAME', 'KEY_VAULT_NAME', 'TOKEN_NAME', 'SESSION_COOKIE_NAME', 'AUTH_COOKIE_NAME']), f.pick([`prod-${f.word()}-password`, 'sid', `kv-${f.word()}`, f.word()])],
    () => [f.pick(['API_KEY_HEADER', 'AUTH_TOKEN_HEADER', 'AUTH_HEADER']), f.pick(['X-API-Key', 'Authorization', 'X-Auth-Token'])],
    () => [f.pick(['JWT_ISSUER', 'TOKEN_ISSUER', 'JWT_AUDIENCE', 'AUTH0_AUDIENCE']), f.pick([`https://${f.word()}.example.com/`, 'api://default', 'my-api'])],
    () => [f.pick(['TOKEN_TYPE', 'AUTH_TYPE', 'AUTH_SCHEME']), f.pick(['Bearer', 'bearer', 'JWT', 'basic'])],
    () => [f.pick(['PASSWORD_HASH_ALGORITHM', 'JWT_ALGORITHM', 'TOKEN_SIGNING_ALG', 'ENCRYPTION_KEY_ALGORITHM']), f.pick(['argon2id', 'HS256', 'RS256', 'bcrypt', 'aes-256-gcm'])],
    () => [f.pick(['AUTH_PROVIDER', 'AUTH_STRATEGY', 'AUTH_MODE', 'SECRET_STORE', 'TOKEN_STORE', 'CREDENTIALS_PROVIDER', 'SECRETS_BACKEND']), f.pick(['github', 'jwt', 'oauth', 'redis', 'vault', 'env', 'memory'])],
    () => [f.pick(['AUTH_ENABLED', 'PASSWORD_LOGIN_ENABLED', 'API_KEY_REQUIRED', 'TOKEN_REFRESH_ENABLED']), f.pick(['true', 'false'])],
    () => [f.pick(['SECRET_PATH', 'PRIVATE_KEY_PATH', 'GOOGLE_APPLICATION_CREDENTIALS', 'DB_PASSWORD_FILE', 'SSL_KEY_FILE', 'JWT_PRIVATE_KEY_FILE', 'TOKEN_FILE']), f.pick(['/run/secrets/db', './keys/private.pem', '/etc/gcp/service-account.json', 'certs/server.key', 'secrets/token.txt'])],
    () => [f.pick(['TOKEN_REFRESH_INTERVAL', 'SESSION_TIMEOUT', 'AUTH_RETRY_DELAY', 'MAX_PASSWORD_ATTEMPTS', 'PASSWORD_BCRYPT_ROUNDS']), String(f.int(1, 3600))],
    () => [f.pick(['AUTH_DOMAIN', 'AUTH0_DOMAIN', 'AUTH_HOST']), `${f.word()}.us.auth0.com`],
    () => [f.pick(['KEYCLOAK_REALM', 'AUTH_REALM', 'AUTH0_TENANT']), f.pick(['master', f.word()])],
    () => [f.pick(['API_KEY_PREFIX', 'TOKEN_PREFIX', 'SECRET_PREFIX']), f.pick(['sk_', 'app:', 'tok-'])],
    () => [f.pick(['AUTH0_CLIENT_ID', 'GITHUB_CLIENT_ID', 'OAUTH_CLIENT_ID', 'DISCORD_CLIENT_ID', 'SPOTIFY_CLIENT_ID']), f.pick([f.alnum(32), f.chars(DIGITS, 18), f.hex(20), `Iv1.${f.hex(16)}`])],
    () => [f.pick(['TOKEN_USER', 'AUTH_USER', 'API_USERNAME', 'DB_PASSWORD_USER']), f.pick([`svc-${f.word()}`, 'admin', f.word()])],
    () => [f.pick(['SECRET_VERSION', 'API_KEY_VERSION', 'JWT_SECRET_VERSION']), String(f.int(1, 9))],
    () => [f.pick(['PASSWORD_POLICY', 'PASSWORD_COMPLEXITY', 'PASSWORD_REGEX']), f.pick(['strong', 'medium', '^(?=.*\\d).{8,}$'])],
    () => [f.pick(['CSRF_COOKIE_SAMESITE', 'SESSION_COOKIE_SECURE', 'API_KEY_LOCATION', 'API_KEY_IN']), f.pick(['Lax', 'true', 'header', 'query'])],
  ];
  for (let i = 0; i < 600; i++) {
    const [key, value] = f.pick(cases)();
    add(key, value, false, 'metadata-key');
  }
}

const capitalised = (word: string): string => word[0]!.toUpperCase() + word.slice(1);

/**
 * Formats and hints sharpened against other projects' published examples (issue 15): for each, a
 * true positive, a placeholder and a near-miss, built from the format's facts.
 */
function sharpenedCases(f: Fake, add: Add): void {
  for (let i = 0; i < 8; i++) {
    // OpenAI: every key carries `T3BlbkFJ` (base64 of `OpenAI`) between its two random halves.
    const kind = f.pick(['proj', 'svcacct', 'admin']);
    add('OPENAI_API_KEY', `sk-${kind}-${f.mixed(74, BASE64URL)}T3BlbkFJ${f.mixed(74, BASE64URL)}`, true, 'sharpened:openai');
    add('OPENAI_API_KEY', `sk-${kind}-${'x'.repeat(74)}T3BlbkFJ${'x'.repeat(74)}`, false, 'sharpened-placeholder:openai');
    add(f.pick(NEUTRAL_KEYS), `sk-${kind}-${f.mixed(f.int(100, 160), BASE64URL)}`, false, 'sharpened-near-miss:openai');
    // Under a key that says API key or token, a random body after a refused prefix is still a credential (a key cut short, a newer shape).
    add('OPENAI_API_KEY', `sk-${kind}-${f.mixed(f.int(100, 160), BASE64URL)}`, true, 'sharpened-hinted-near-miss:openai');

    // JFrog: an API key is `AKCp` + 69, a reference token `cmVmd` + 59; another case of that start is neither.
    add('ARTIFACTORY_API_KEY', `AKCp${f.alnum(69)}`, true, 'sharpened:jfrog');
    add('ARTIFACTORY_API_KEY', `AKCp${'x'.repeat(69)}`, false, 'sharpened-placeholder:jfrog');
    add(f.pick(NEUTRAL_KEYS), f.pick([`AkCp${f.lowerAlnum(69)}`, `cmVMd${f.lowerAlnum(59)}`]), false, 'sharpened-near-miss:jfrog');
    add(f.pick(['ARTIFACTORY_API_KEY', 'JFROG_ACCESS_TOKEN']), f.pick([`AkCp${f.lowerAlnum(69)}`, `cmVMd${f.lowerAlnum(59)}`]), true, 'sharpened-hinted-near-miss:jfrog');
    add(f.pick(['ARTIFACTORY_API_KEY', 'JFROG_ACCESS_TOKEN']), `AkCp${'x'.repeat(69)}`, false, 'sharpened-placeholder:jfrog');

    // Telegram: a bot id of 5 to 16 digits, a colon, and 34 or 35 characters starting with `A`.
    add('TELEGRAM_BOT_TOKEN', `${f.int(10000000, 9999999999)}:AA${f.mixed(33, BASE64URL)}`, true, 'sharpened:telegram');
    add('TELEGRAM_BOT_TOKEN', `${f.int(10000000, 9999999999)}:AA${'x'.repeat(33)}`, false, 'sharpened-placeholder:telegram');
    add('TELEGRAM_BOT_TOKEN', `${f.int(1000, 9999)}:A${f.mixed(34, BASE64URL)}`, true, 'sharpened-hinted-near-miss:telegram');
    add(f.pick(NEUTRAL_KEYS), f.pick([`${f.int(1000, 9999)}:A${f.mixed(34, BASE64URL)}`, `${f.chars(DIGITS, 17)}:A${f.mixed(34, BASE64URL)}`, `${f.int(10000000, 9999999999)}:A${f.mixed(35, BASE64URL)}`]), false, 'sharpened-near-miss:telegram');

    // Digests with an affix or joined to numbers are not tokens from the value alone; a random token is.
    add(f.pick(NEUTRAL_KEYS), f.mixed(f.int(40, 60)), true, 'sharpened:neutral-random-token');
    add(f.pick(NEUTRAL_KEYS), f.pick([`x${f.hex(63)}`, `${f.hex(64)}${f.upperAlnum(3)}`, `${f.hex(8)}~${f.chars(DIGITS, 2)}~${f.hex(100)}`]), false, 'sharpened-near-miss:hex-digest');

    // Under a token key: a URL, a protocol-relative link or a route is an address, not a token.
    const tokenKey = f.pick(keyVariants(f.pick(['API_TOKEN', 'CLIENT_SECRET', 'SLACK_TOKEN', 'APP_API_KEY'])));
    add(tokenKey, f.mixed(f.int(30, 50)), true, 'sharpened:key-hint');
    add(tokenKey, f.pick([
      `//${f.word()}.${f.word()}.com/${f.mixed(12, BASE64URL)}/${f.mixed(20, BASE64URL)}/${f.word()}.jpg`,
      `//docs.${f.word()}.com/document/d/${f.mixed(44, BASE64URL)}`,
      `#!/registries/${f.int(1, 99)}/${f.word()}~2F${f.word()}`,
      `jdbc:mysql://${f.word()}.internal:3306/${f.word()}`,
    ]), false, 'sharpened-near-miss:key-hint-address');
    // Words mixed with a code, a YAML document, a listing: text around a token, not a token.
    add(tokenKey, f.pick([
      `${f.word()}Of${capitalised(f.word())}${capitalised(f.word())} ${f.alnum(60)}`,
      `${f.words(3, ' ')} ${f.alnum(40)}`,
      `apiVersion: v1\nkind: ${capitalised(f.word())}\nmetadata:\n  name: ${f.word()}`,
    ]), false, 'sharpened-near-miss:key-hint-text');
    // A passphrase, a scheme with its credential and a pasted `name: value` line still are secrets.
    add(tokenKey, f.pick([f.words(5, ' '), `Bearer ${f.alnum(40)}`, `${f.word()}.pem: ${f.mixed(80, ALNUM + '+/')}`]), true, 'sharpened:key-hint-spaced');
    // Names, not secrets: a list of camelCase names (an acronym among the words), a trailing comma.
    add(tokenKey, f.pick([
      `get${capitalised(f.word())}In${capitalised(f.word())}Space,search${capitalised(f.word())}Using${f.pick(['Cql', 'Sql', 'Xml'])}`,
      `_${f.word()}${capitalised(f.word())}GeneratedBy${capitalised(f.word())}ForDebuggingKey,`,
    ]), false, 'sharpened-near-miss:key-hint-names');

    // A command line's credential in a template the reader fills in is not one; a real one is.
    add(f.pick(NEUTRAL_KEYS), `curl -X POST https://${f.word()}.test/api -H "Authorization: Basic {base64(${f.word()}:${f.word()})}"`, false, 'sharpened-placeholder:command-line');
    add(f.pick(NEUTRAL_KEYS), `curl -X POST https://${f.word()}.test/api -H "Authorization: Basic ${Buffer.from(`${f.word()}:${f.strongPassword(16)}`).toString('base64')}"`, true, 'sharpened:command-line');
    // A pasted header line whose quoted value is a name.
    add(f.pick(NEUTRAL_KEYS), `token:"${f.word()}${f.chars(DIGITS, 5)}:${capitalised(f.word())}IdentificationCodeContentType"`, false, 'sharpened-near-miss:named-line');
  }
}
