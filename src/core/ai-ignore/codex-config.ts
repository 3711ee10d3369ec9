/**
 * Codex reads no ignore file. Its project config (.codex/config.toml, loaded for trusted projects
 * only) gets a managed block at the top of the file:
 * - a permission profile that extends the built-in `:workspace` and makes env files unreadable to
 *   the commands Codex runs (`"none"`, enforced by the OS sandbox), selected with `default_permissions`;
 *   https://developers.openai.com/codex/permissions and
 *   https://developers.openai.com/codex/agent-approvals-security ("Deny reads with filesystem profiles")
 * - `shell_environment_policy`: those commands do not inherit variables whose names look like
 *   secrets (Codex's own `*KEY*`, `*SECRET*`, `*TOKEN*` plus EnvGuard's).
 *   https://developers.openai.com/codex/config-reference (`shell_environment_policy.*`)
 * Only dotted keys are written, so the block can stand before the user's tables; the result is
 * parsed before it is written, and a file whose own keys conflict with the block is refused with
 * the key named. Parser messages are never shown (they quote the file's lines): line and column only.
 */
import type { TextEdit } from '../files/text-format';
import { withoutManagedBlock, writeManagedBlock } from './managed-block';
import { loadLibrary } from '../lazy-library';
import { ENV_FILE_PATTERNS } from './patterns';

/**
 * smol-toml ships CommonJS for require() (what the bundles use), but its type declarations are ESM
 * only: the two members used here are typed by hand.
 */
interface SmolToml {
  parse(text: string): Record<string, unknown>;
  TomlError: new (...args: never[]) => Error & { readonly line: number; readonly column: number };
}
/** Parsed only by `protect` and its status (dist/smol-toml.js): the extension's activation never needs it. */
let loadedToml: SmolToml | undefined;
const tomlLibrary = (): SmolToml => (loadedToml ??= loadLibrary<SmolToml>('smol-toml.js', 'smol-toml'));

export const CODEX_CONFIG_PATH = '.codex/config.toml';
export const CODEX_PROFILE = 'envguard';

/** Variable names Codex's shells do not inherit: TOML strings, `*` is any text, case-insensitive. */
export const CODEX_ENV_EXCLUDES: readonly string[] = ['*KEY*', '*SECRET*', '*TOKEN*', '*PASSWORD*', '*PASSWD*', '*CREDENTIAL*', '*PRIVATE*', '*_PAT', '*CONNECTION_STRING*', 'DATABASE_URL'];

const quote = (value: string): string => JSON.stringify(value);

export function codexBlockLines(): string[] {
  const denied = ENV_FILE_PATTERNS.map((pattern) => `${quote(`**/${pattern}`)} = "none"`);
  return [
    '# Codex (trusted projects): the commands it runs cannot read env files, and do not inherit',
    '# variables named like secrets. Remove this block (or run Codex with --sandbox) to opt out.',
    `default_permissions = ${quote(CODEX_PROFILE)}`,
    `permissions.${CODEX_PROFILE}.extends = ":workspace"`,
    `permissions.${CODEX_PROFILE}.filesystem.glob_scan_max_depth = 3`,
    `permissions.${CODEX_PROFILE}.filesystem.":project_roots" = { "." = "write", ${denied.join(', ')} }`,
    'shell_environment_policy.ignore_default_excludes = false',
    `shell_environment_policy.exclude = [${CODEX_ENV_EXCLUDES.map(quote).join(', ')}]`,
  ];
}

type Parsed = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly reason: string };

export function parseToml(text: string): Parsed {
  // Loaded outside the try: a missing library is EnvGuard's fault, not the file's, and must not read as invalid TOML.
  const toml = tomlLibrary();
  try {
    return { ok: true, value: toml.parse(text) };
  } catch (error) {
    if (error instanceof toml.TomlError) return { ok: false, reason: `invalid TOML (line ${error.line}, column ${error.column})` };
    return { ok: false, reason: 'invalid TOML' };
  }
}

/** The config text with EnvGuard's block current (the same text when it already is). */
export function codexConfigText(current: string | undefined): TextEdit {
  const own = current === undefined ? '' : withoutManagedBlock(current);
  if (own === undefined) return writeManagedBlock(current, []); // reports the damaged block
  const before = parseToml(own);
  if (!before.ok) return { ok: false, reason: `${before.reason}; not modified` };
  const edit = writeManagedBlock(current, codexBlockLines(), 'start');
  if (!edit.ok) return edit;
  const conflicts = conflictingKeys(before.value);
  if (conflicts.length > 0) {
    return { ok: false, reason: `it sets ${conflicts.join(', ')} itself, which EnvGuard's block also sets; move them into a profile of your own or remove them; not modified` };
  }
  const after = parseToml(edit.text);
  if (!after.ok) {
    return { ok: false, reason: `EnvGuard's block conflicts with its own [permissions] or [shell_environment_policy] table (the result would be ${after.reason}); move those lines into the block's dotted keys or remove them; not modified` };
  }
  return edit;
}

/** The user's own keys that EnvGuard's block would define a second time. */
function conflictingKeys(config: Record<string, unknown>): string[] {
  const found: string[] = [];
  if (config['default_permissions'] !== undefined) found.push('default_permissions');
  const permissions = config['permissions'];
  if (typeof permissions === 'object' && permissions !== null && CODEX_PROFILE in permissions) found.push(`permissions.${CODEX_PROFILE}`);
  const policy = config['shell_environment_policy'];
  if (typeof policy === 'object' && policy !== null) {
    for (const key of ['ignore_default_excludes', 'exclude']) if (key in policy) found.push(`shell_environment_policy.${key}`);
  }
  return found;
}
