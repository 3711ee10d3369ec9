/**
 * A generated monorepo laid out as real ones are: `.env` beside `.env.development`, `.env.production`,
 * `.env.test`, `.env.local`, `.env.<env>.local`, `<env>.env`, nested `services/NAME/.env*`, a key that two
 * files hold with different values (the normal case), a duplicate key inside one file, CRLF files,
 * every quote style, comments and ordinary settings between the secrets. Deterministic: the same
 * files and values on every run, built at run time so that no token-shaped string sits in the repository.
 */

/** A small deterministic generator (xorshift32 over an FNV-1a seed). */
function stream(seed: string): () => number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return () => {
    h ^= h << 13; h >>>= 0; h ^= h >>> 17; h ^= h << 5; h >>>= 0;
    return h;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function chars(next: () => number, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[next() % alphabet.length];
  return out;
}

/** A secret of a recognisable kind for `key`, unique to `seed`. */
function secretFor(key: string, seed: string): string {
  const next = stream(`${key}\0${seed}`);
  if (key.includes('GITHUB')) return `gh${'p'}_${chars(next, ALNUM, 36)}`;
  if (key.includes('STRIPE')) return `sk_${'live'}_${chars(next, ALNUM, 24)}`;
  // Every OpenAI key carries `T3BlbkFJ` (base64 of `OpenAI`) between its random halves.
  if (key.includes('OPENAI')) return `sk-${'proj'}-${chars(next, ALNUM, 24)}${'T3Blbk'}FJ${chars(next, ALNUM, 24)}`;
  if (key.includes('DATABASE_URL')) return `postgres://app:${chars(next, ALNUM, 14)}@db-${chars(next, 'abcdefgh', 4)}.internal:5432/app`;
  if (key.includes('REDIS_URL')) return `redis://default:${chars(next, ALNUM, 20)}@cache.internal:6379`;
  return `${chars(next, ALNUM, 12)}!${chars(next, '0123456789', 3)}${chars(next, ALNUM, 8)}`;
}

const SECRET_KEYS = ['DATABASE_URL', 'REDIS_URL', 'SESSION_SECRET', 'JWT_SECRET', 'STRIPE_SECRET_KEY', 'GITHUB_TOKEN', 'OPENAI_API_KEY', 'SMTP_PASSWORD', 'WEBHOOK_SECRET', 'ADMIN_PASSWORD', 'ENCRYPTION_KEY', 'API_SECRET'];
const ORDINARY = ['PORT=3000', 'LOG_LEVEL=info', 'FEATURE_FLAGS=search,beta', 'PUBLIC_URL=https://example.com', 'TIMEOUT_MS=5000', 'NODE_ENV=production'];
const STYLES = ['none', 'double', 'single', 'export', 'colon', 'comment'] as const;

export interface Monorepo {
  /** Relative path → content. */
  readonly files: Record<string, string>;
  /** Relative path → the keys whose values are plaintext secrets there. */
  readonly secretKeys: Record<string, string[]>;
  /** How many secret entries in all (a duplicate key counts each time it is written). */
  readonly secrets: number;
}

/** One env file: `secrets` secret keys (from `offset` in the key list), ordinary settings between them. */
function envFile(path: string, secrets: number, offset: number, crlf: boolean, duplicate: boolean): { text: string; keys: string[]; count: number } {
  const lines: string[] = [`# ${path}: generated`];
  const keys: string[] = [];
  for (let i = 0; i < secrets; i++) {
    const base = SECRET_KEYS[(offset + i) % SECRET_KEYS.length]!;
    // Every file sets DATABASE_URL, each to its own value: the key that two files always share.
    const key = i === 0 ? 'DATABASE_URL' : offset + i >= SECRET_KEYS.length ? `${base}_${Math.floor((offset + i) / SECRET_KEYS.length)}` : base;
    const value = secretFor(key, path);
    const style = STYLES[(offset + i) % STYLES.length]!;
    lines.push(
      style === 'double' ? `${key}="${value}"`
        : style === 'single' ? `${key}='${value}'`
          : style === 'export' ? `export ${key}=${value}`
            : style === 'colon' ? `${key}: ${value}`
              : style === 'comment' ? `${key}=${value} # rotate yearly`
                : `${key}=${value}`,
    );
    keys.push(key);
    if (i % 3 === 1) lines.push(ORDINARY[(offset + i) % ORDINARY.length]!, '');
  }
  let count = secrets;
  if (duplicate && keys.length > 0) {
    // The same key twice in one file: dotenv reads the last; both values are secrets.
    lines.splice(1, 0, `${keys[0]}=${secretFor(keys[0]!, `${path}#earlier`)}`);
    count++;
  }
  const eol = crlf ? '\r\n' : '\n';
  return { text: lines.join(eol) + eol, keys, count };
}

/**
 * The monorepo of the projects issue: 27 env files and 137 secret entries with the default
 * arguments; `services`, `perFile` and `files` scale it for the bench (50 files, 1,002 secrets).
 */
export function generateMonorepo(options: { services?: number; perFile?: number; files?: number } = {}): Monorepo {
  const services = options.services ?? 4;
  const perFile = options.perFile ?? 4;
  const layout: string[] = [
    '.env', '.env.development', '.env.production', '.env.test', '.env.local', '.env.development.local', '.env.production.local',
    '.env.test.local', 'staging.env', 'config/ci.env', 'deploy/production.env',
  ];
  const names = ['api', 'web', 'worker', 'billing', 'auth', 'search', 'mailer', 'gateway', 'admin', 'reports', 'jobs', 'media'];
  for (let s = 0; s < services; s++) {
    const name = names[s % names.length]! + (s >= names.length ? `${Math.floor(s / names.length)}` : '');
    layout.push(`services/${name}/.env`, `services/${name}/.env.development`, `services/${name}/.env.production`, `services/${name}/.env.local`);
  }
  if (options.files !== undefined) layout.splice(options.files);
  const files: Record<string, string> = {};
  const secretKeys: Record<string, string[]> = {};
  let secrets = 0;
  layout.forEach((path, i) => {
    // The same first keys in every file (DATABASE_URL in development and production: the normal case).
    const { text, keys, count } = envFile(path, perFile + (i % 3), i % 2 === 0 ? 0 : i, i % 4 === 1, i === 2 || i === 10);
    files[path] = text;
    secretKeys[path] = keys;
    secrets += count;
  });
  for (const path of layout) if (!files[path]) throw new Error(path);
  return { files, secretKeys, secrets };
}
