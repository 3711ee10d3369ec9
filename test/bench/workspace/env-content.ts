/**
 * Realistic env file text: ordinary config, comments, placeholders, multiline quoted values and a
 * mix of secrets. Vendor prefixes are assembled at run time so that no token-shaped literal sits in
 * this source (scanners, push protection and reviewers would rightly flag one).
 */
import { ALNUM, BASE64, DIGITS, HEX, UPPER, type Prng } from '../lib/prng';

const GITHUB_PAT = ['gh', 'p_'].join('');
const AWS_KEY_ID = ['AK', 'IA'].join('');
const STRIPE_LIVE = ['sk', 'live', ''].join('_');
const SLACK_BOT = ['xo', 'xb-'].join('');
const PEM = (label: string, edge: 'BEGIN' | 'END'): string => `${'-'.repeat(5)}${edge} ${label}${'-'.repeat(5)}`;

type Line = readonly [key: string, written: string] | string;

const SECTIONS = ['Server', 'Database', 'Cache', 'Queue', 'Auth', 'Payments', 'Observability', 'Feature flags', 'Mail', 'Storage'];
const HOSTS = ['db.internal', 'postgres.svc.cluster.local', 'localhost', '10.0.3.12', 'primary.rds.example.com'];

/** Ordinary settings: what most of an env file is. */
const CONFIG: ReadonlyArray<(rng: Prng) => readonly [string, string]> = [
  (r) => ['PORT', String(r.pick([3000, 8080, 8000, 5173, 4000]))],
  (r) => ['NODE_ENV', r.pick(['production', 'development', 'test', 'staging'])],
  (r) => ['LOG_LEVEL', r.pick(['debug', 'info', 'warn', 'error'])],
  (r) => [`ENABLE_${r.pick(['CACHE', 'METRICS', 'TRACING', 'NEW_CHECKOUT', 'BETA_UI'])}`, r.pick(['true', 'false', '1', '0'])],
  (r) => [`${r.pick(['HTTP', 'DB', 'REDIS', 'UPSTREAM'])}_TIMEOUT_MS`, String(r.int(1, 120) * 250)],
  (r) => ['API_BASE_URL', `https://api.${r.pick(['example.com', 'internal.test', 'staging.example.org'])}/v${r.int(1, 3)}`],
  (r) => [`${r.pick(['REDIS', 'DB', 'SMTP', 'KAFKA'])}_HOST`, r.pick(HOSTS)],
  (r) => ['CORS_ORIGINS', `"https://app.example.com,https://admin.example.com,http://localhost:${r.int(3000, 3999)}"`],
  (r) => ['AWS_REGION', r.pick(['us-east-1', 'eu-west-1', 'ap-southeast-2'])],
  (r) => [`${r.pick(['S3', 'GCS'])}_BUCKET`, `acme-${r.pick(['uploads', 'assets', 'backups'])}-${r.pick(['prod', 'dev'])}`],
  (r) => ['SENTRY_ENVIRONMENT', r.pick(['production', 'staging'])],
  (r) => ['WORKERS', String(r.int(1, 16))],
  (r) => ['APP_NAME', `'${r.pick(['Acme Portal', 'Billing Service', 'Reports'])}'`],
  () => ['GREETING', '"Hello, ${USER}!"'],
  (r) => ['PUBLIC_URL', `https://${r.pick(['www', 'app', 'docs'])}.example.com`],
];

/** Placeholders and references: key names that hint at secrets, values that are not. */
const PLACEHOLDERS: ReadonlyArray<(rng: Prng) => readonly [string, string]> = [
  () => ['API_KEY', 'changeme'],
  () => ['DB_PASSWORD', '<your-db-password>'],
  (r) => [r.pick(['SECRET_KEY', 'JWT_SECRET']), '${SECRET_FROM_VAULT}'],
  () => ['AUTH_TOKEN', 'xxxxxxxxxxxxxxxx'],
  () => ['STRIPE_SECRET_KEY', ''],
  () => ['SMTP_PASSWORD', 'your_password_here'],
  () => ['GITHUB_TOKEN', `${GITHUB_PAT}...`],
  () => ['DATABASE_URL', 'postgres://user:password@localhost:5432/app'],
];

const password = (r: Prng): string => r.string(ALNUM, r.int(14, 24)) + r.pick(['!', '%', '*', '@', '']);

/** Plaintext secrets: key-hinted values, credentials in URLs, vendor-format tokens. */
const SECRETS: ReadonlyArray<(rng: Prng) => readonly [string, string]> = [
  (r) => [r.pick(['DB_PASSWORD', 'POSTGRES_PASSWORD', 'ADMIN_PASSWORD', 'SMTP_PASS']), password(r)],
  (r) => [r.pick(['JWT_SECRET', 'SESSION_SECRET', 'COOKIE_SECRET']), `"${r.string(BASE64, 44)}"`],
  (r) => [r.pick(['API_TOKEN', 'INTERNAL_API_KEY', 'WEBHOOK_SECRET']), r.string(HEX, 40)],
  (r) => ['DATABASE_URL', `postgres://app:${r.string(ALNUM, 18)}@${r.pick(HOSTS)}:5432/app_${r.pick(['prod', 'main'])}`],
  (r) => ['REDIS_URL', `redis://default:${r.string(ALNUM, 24)}@cache.internal:6379/0`],
  (r) => ['AMQP_URL', `amqps://worker:${r.string(ALNUM, 16)}@mq.example.com:5671/vhost`],
  (r) => ['GITHUB_TOKEN', GITHUB_PAT + r.string(ALNUM, 36)],
  (r) => ['AWS_ACCESS_KEY_ID', AWS_KEY_ID + r.string(UPPER + DIGITS, 16)],
  (r) => ['AWS_SECRET_ACCESS_KEY', r.string(BASE64, 40)],
  (r) => ['STRIPE_SECRET_KEY', STRIPE_LIVE + r.string(ALNUM, 24)],
  (r) => ['SLACK_BOT_TOKEN', `${SLACK_BOT}${r.string(DIGITS, 12)}-${r.string(DIGITS, 13)}-${r.string(ALNUM, 24)}`],
];

/** Multiline quoted values: a private key (secret), a certificate and a JSON blob (not secrets). */
function multiline(r: Prng): readonly [string, string] {
  const body = (n: number): string => Array.from({ length: n }, () => r.string(BASE64, 64)).join('\n');
  switch (r.int(0, 2)) {
    case 0:
      return ['TLS_PRIVATE_KEY', `"${PEM('RSA PRIVATE KEY', 'BEGIN')}\n${body(r.int(4, 8))}\n${PEM('RSA PRIVATE KEY', 'END')}"`];
    case 1:
      return ['CA_CERT', `"${PEM('CERTIFICATE', 'BEGIN')}\n${body(r.int(4, 8))}\n${PEM('CERTIFICATE', 'END')}"`];
    default:
      return ['FEATURE_FLAGS', `'{\n  "beta": ${String(r.chance(0.5))},\n  "rollout": ${r.int(0, 100)},\n  "regions": ["eu", "us"]\n}'`];
  }
}

export interface EnvContentOptions {
  /** Share of entries that are plaintext secrets (templates such as .env.example hold few). */
  readonly secretRate: number;
  /** Prefixed to every key: keeps keys unique when blocks are concatenated into one big file. */
  readonly keyPrefix?: string;
}

/** 40–60 lines of env file text, ending with a newline. */
export function envFileText(r: Prng, options: EnvContentOptions): string {
  const target = r.int(40, 60);
  const used = new Set<string>();
  const lines: Line[] = [`# ${r.pick(['Local settings', 'Service configuration', 'Generated by setup.sh', 'Do not commit'])}`];
  let lineCount = 1;
  while (lineCount < target) {
    const roll = r.next();
    if (roll < 0.08) {
      lines.push('', `# ${r.pick(SECTIONS)}`);
      lineCount += 2;
      continue;
    }
    const [key, written] =
      roll < 0.08 + options.secretRate ? r.pick(SECRETS)(r)
      : roll < 0.2 + options.secretRate ? r.pick(PLACEHOLDERS)(r)
      : roll < 0.23 + options.secretRate ? multiline(r)
      : r.pick(CONFIG)(r);
    let unique = `${options.keyPrefix ?? ''}${key}`;
    for (let n = 2; used.has(unique); n++) unique = `${options.keyPrefix ?? ''}${key}_${n}`;
    used.add(unique);
    lines.push([unique, written]);
    lineCount += written.split('\n').length;
  }
  return `${lines.map((line) => (typeof line === 'string' ? line : render(r, line))).join('\n')}\n`;
}

/** Spellings dotenv accepts: `export`, spaces around `=`, inline comments. */
function render(r: Prng, [key, written]: readonly [string, string]): string {
  const prefix = r.chance(0.05) ? 'export ' : '';
  const separator = r.chance(0.05) ? ' = ' : '=';
  const comment = r.chance(0.07) && !written.includes('\n') ? ` # ${r.pick(['required', 'see README', 'rotate yearly', 'TODO: move to vault'])}` : '';
  return `${prefix}${key}${separator}${written}${comment}`;
}
