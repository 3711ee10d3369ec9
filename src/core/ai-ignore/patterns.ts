/**
 * What AI tools must not see (env files, credentials) and what they should keep seeing (env
 * templates, which document the variables and hold no secrets). Patterns use gitignore syntax:
 * a pattern without `/` matches at any depth.
 */

/** Env files in every folder: `.env`, `.env.local`, `.env.production`, `prod.env`, ... */
export const ENV_FILE_PATTERNS: readonly string[] = ['.env', '.env.*', '*.env'];

/**
 * Files that hold keys rather than configuration. `.env.keys` (dotenvx private keys) is covered by
 * `.env.*`. Not listed: `.npmrc`. It often carries registry settings an agent legitimately needs,
 * a committed one should reference `${NPM_TOKEN}` rather than hold a token, and the token-bearing
 * one usually lives in the home folder, out of the project anyway.
 */
export const CREDENTIAL_FILE_PATTERNS: readonly string[] = [
  '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519',
];

const TEMPLATE_SUFFIXES = ['example', 'sample', 'template', 'dist'];

/** Env templates that stay visible: `.env.example` and per-environment ones like `.env.local.example`. */
export const ENV_TEMPLATE_PATTERNS: readonly string[] = [
  ...TEMPLATE_SUFFIXES.map((suffix) => `.env.${suffix}`),
  ...TEMPLATE_SUFFIXES.map((suffix) => `.env.*.${suffix}`),
];

/**
 * For syntaxes without `!`: env files by name, so that no pattern matches a template.
 * The price: an env file with an unlisted suffix is not excluded.
 */
const NAMED_ENV_SUFFIXES = [
  'local', 'development', 'dev', 'production', 'prod', 'test', 'testing', 'staging', 'stage',
  'preview', 'ci', 'qa', 'uat', 'keys', 'me',
];
export const NAMED_ENV_FILE_PATTERNS: readonly string[] = [
  '.env',
  ...NAMED_ENV_SUFFIXES.map((suffix) => `.env.${suffix}`),
  '.env.*.local',
  '*.env',
];

/** The body of the managed block of a gitignore-syntax ignore file (without the markers). */
export function ignoreFileLines(supportsNegation: boolean): string[] {
  if (supportsNegation) {
    return [
      '# Env files and credentials stay out of AI context; env templates stay visible.',
      ...ENV_FILE_PATTERNS,
      ...CREDENTIAL_FILE_PATTERNS,
      ...ENV_TEMPLATE_PATTERNS.map((pattern) => `!${pattern}`),
    ];
  }
  return [
    '# Env files and credentials stay out of AI context. This file has no "!" negation, so env',
    '# files are listed by name rather than as ".env.*", which would hide the templates too',
    '# (.env.example, .env.sample, ...). The price: an env file with an unlisted suffix',
    '# (say .env.demo) is not excluded; list such files outside this block.',
    ...NAMED_ENV_FILE_PATTERNS,
    ...CREDENTIAL_FILE_PATTERNS,
  ];
}

/**
 * Where the local vault lives by default on each platform (core/vault/local/home.ts), from the home
 * folder: written for every platform, so that one committed settings file serves a mixed team.
 * A vault moved elsewhere with ENVGUARD_HOME is not covered (README, "AI tools' controls").
 */
export const VAULT_HOMES: readonly string[] = [
  '~/.local/share/envguard',
  '~/Library/Application Support/EnvGuard',
  '~/AppData/Roaming/EnvGuard',
];

/**
 * Claude Code `permissions.deny` rules. Read rules use gitignore-style paths (`./` is the project
 * folder, `~/` the home folder); they also stop the file commands Claude Code recognises in Bash
 * (`cat`, `head`, `tail`, `sed`) and join the sandbox's read denials. Bash rules match the command
 * with `*` standing for any text, after Claude Code strips wrappers such as `timeout` and `nice` and
 * splits compound commands: https://code.claude.com/docs/en/permissions ("Read and Edit",
 * "Wildcard patterns", "Compound commands").
 * Deny rules cannot be negated, so `.env.*` hides the templates from Claude too: for a deny list
 * that is the safer side, an unknown `.env.something` is more likely a secret than a template.
 */
export const CLAUDE_DENY_RULES: readonly string[] = [
  'Read(./.env)',
  'Read(./.env.*)',
  ...ENV_FILE_PATTERNS.map((pattern) => `Read(**/${pattern})`),
  ...CREDENTIAL_FILE_PATTERNS.map((pattern) => `Read(**/${pattern})`),
  ...VAULT_HOMES.map((home) => `Read(${home}/**)`),
];

/** Programs that print a file named on their command line (or read it into the shell). */
const FILE_PRINTERS = ['cat', 'tac', 'less', 'more', 'head', 'tail', 'bat', 'nl', 'grep', 'rg', 'sed', 'awk', 'cut', 'sort', 'strings', 'xxd', 'od', 'base64', 'cp', 'source', '.'];

/**
 * Claude Code Bash deny rules: printing the environment, printing an env file, inline scripts that
 * open one, the environment of `envguard run`, the vault's folder. A rule stops one command shape;
 * `envguard hook` (the PreToolUse hook) and the sandbox catch what the shapes miss.
 */
export const CLAUDE_BASH_DENY_RULES: readonly string[] = [
  'Bash(printenv)',
  'Bash(printenv *)',
  'Bash(env)',
  'Bash(set)',
  'Bash(export)',
  'Bash(export -p)',
  'Bash(declare -p)',
  'Bash(declare -x)',
  ...FILE_PRINTERS.map((program) => `Bash(${program} *.env*)`),
  'Bash(python* -c *.env*)',
  'Bash(node -e *.env*)',
  'Bash(node -p *.env*)',
  'Bash(ruby -e *.env*)',
  'Bash(perl -e *.env*)',
  'Bash(envguard run * printenv*)',
  'Bash(envguard run * env)',
  'Bash(*.local/share/envguard*)',
  'Bash(*Application Support/EnvGuard*)',
  'Bash(*AppData/Roaming/EnvGuard*)',
];

/**
 * `sandbox.filesystem.denyRead` (project settings: a path without `/` or `~/` is the project's):
 * enforced by the OS for every process a sandboxed Bash command starts, when the sandbox is on.
 * https://code.claude.com/docs/en/sandboxing ("Configure sandboxing", path prefixes).
 */
export const CLAUDE_SANDBOX_DENY_READ: readonly string[] = [
  ...ENV_FILE_PATTERNS.map((pattern) => `./**/${pattern}`),
  ...VAULT_HOMES,
];
