/**
 * References into HashiCorp Vault (and OpenBao, same API), parsed without a regular expression (the
 * parser runs on every value of every env file, so it is a bounded scan of characters). Imported
 * eagerly by the registry: it imports nothing but types.
 *
 * `ref+vault://PATH[?version=N]#/KEY` is read as helmfile/vals reads it: PATH is the whole logical path,
 * mount included; vals asks Vault which mount holds it (`sys/internal/ui/mounts/PATH`) and, on a KV v2
 * mount, inserts `data/` after the mount itself, so `ref+vault://secret/app#/token` reads
 * `secret/data/app`. (vals' README still shows `secret/data/foo`, written before vals did that in 2020:
 * vals now reads it as `secret/data/data/foo`, and so does EnvGuard, saying why when it is not found.)
 * Without a fragment, vals takes PATH's last segment as the key. `vault://MOUNT/PATH#KEY` names the
 * mount as its first segment; its KV version is looked up the same way, never guessed.
 *
 * A reference never says where a token goes or which token: vals' `address`, `host`, `proto`,
 * `namespace` and its credential parameters are refused, because an env file is the workspace's and
 * the Vault address and token are the user's (VAULT_ADDR, VAULT_TOKEN or ~/.vault-token,
 * VAULT_NAMESPACE, VAULT_CACERT, or user settings).
 */
import type { ReferenceSyntax } from '../../references/syntax';

export interface HashiCorpVaultReference {
  readonly kind: 'hashicorp-vault';
  readonly syntax: 'vals' | 'vault';
  /** `vault://` only: the first segment, the mount as written. */
  readonly mount?: string;
  /** `vals`: the whole logical path (mount included, no `data/` for KV v2); `vault`: the path inside the mount. */
  readonly path: string;
  /** The key inside the path (a path holds several keys). */
  readonly key: string;
  /** A KV v2 version number (decimal, no leading zero); absent: the latest. */
  readonly version?: string;
}

/** Longer references are not references (the same bound as every other syntax). */
const MAX_LENGTH = 4096;
const VALS_PREFIX = 'ref+vault://';
const VAULT_PREFIX = 'vault://';

/** Parameters that would choose where the token goes, which token, or which credentials: never from a file. */
const CREDENTIAL_PARAMETERS: ReadonlySet<string> = new Set([
  'token',
  'address', 'host', 'proto', 'namespace', 'token_env', 'token_file', 'auth_method', 'role_id', 'secret_id',
  'username', 'password_env', 'password_file',
]);

type Dissected = { readonly reference: HashiCorpVaultReference } | { readonly problem: string };

/** `ref+vault://PATH#/KEY`, as helmfile/vals reads it. */
export const valsVaultSyntax: ReferenceSyntax<HashiCorpVaultReference> = {
  prefixes: [VALS_PREFIX],
  name: 'HashiCorp Vault (vals)',
  expected: 'ref+vault://MOUNT/PATH[?version=N]#/KEY (the address and token come from VAULT_ADDR and VAULT_TOKEN, never from the reference)',
  parse: (text) => referenceOf(dissect(text, 'vals')),
  problem: (text) => problemOf(dissect(text, 'vals')),
};

/** `vault://MOUNT/PATH#KEY`. */
export const vaultSyntax: ReferenceSyntax<HashiCorpVaultReference> = {
  prefixes: [VAULT_PREFIX],
  name: 'HashiCorp Vault',
  expected: 'vault://MOUNT/PATH[?version=N]#KEY (the address and token come from VAULT_ADDR and VAULT_TOKEN, never from the reference)',
  // A URL of a Vault server (`vault://host:8200`, `vault://user:pw@host`) is not a reference: the mount has neither `:` nor `@`.
  claims: (text) => {
    const rest = text.slice(VAULT_PREFIX.length, VAULT_PREFIX.length + 300);
    const end = rest.search(/[/?#]/);
    const first = end < 0 ? rest : rest.slice(0, end);
    return !first.includes(':') && !first.includes('@');
  },
  parse: (text) => referenceOf(dissect(text, 'vault')),
  problem: (text) => problemOf(dissect(text, 'vault')),
};

export const hashiCorpVaultSyntaxes: readonly ReferenceSyntax<HashiCorpVaultReference>[] = [valsVaultSyntax, vaultSyntax];

/** The syntax whose prefix starts `text` (case-insensitive), if any. */
export function hashiCorpSyntaxOf(text: string): ReferenceSyntax<HashiCorpVaultReference> | undefined {
  const start = text.slice(0, VALS_PREFIX.length).toLowerCase();
  if (start.startsWith(VALS_PREFIX)) return valsVaultSyntax;
  if (start.startsWith(VAULT_PREFIX)) return vaultSyntax;
  return undefined;
}

/** The logical path the reference reads (mount included), as vals and `vault kv` name it. */
export function vaultPathOf(reference: Pick<HashiCorpVaultReference, 'syntax' | 'mount' | 'path'>): string {
  return reference.syntax === 'vault' ? `${reference.mount ?? ''}/${reference.path}` : reference.path;
}

/** The reference text; parsing it gives the same reference (keys and segments as `dissect` accepts them). */
export function formatVaultReference(reference: Omit<HashiCorpVaultReference, 'kind'>): string {
  const query = reference.version ? `?version=${reference.version}` : '';
  return reference.syntax === 'vault'
    ? `${VAULT_PREFIX}${reference.mount ?? ''}/${reference.path}${query}#${reference.key}`
    : `${VALS_PREFIX}${reference.path}${query}#/${reference.key}`;
}

/** For messages and hovers: the path and key, never a value. */
export function describeVaultReference(reference: HashiCorpVaultReference): string {
  return `HashiCorp Vault, ${vaultPathOf(reference)} key ${reference.key}${reference.version ? ` (version ${reference.version})` : ''}`;
}

/** True for a character a path segment or key may hold: printable ASCII except `/ ? # % & = :` and space. */
export function isNameCharacter(code: number): boolean {
  if (code <= 0x20 || code >= 0x7f) return false;
  // '/', '?', '#' delimit; '%' would be an escape; '&', '=' belong to the query; ':' reads as host:port;
  // '\' and '"' and '`' are kept out of names that end up in URLs and shell lines.
  return !'/?#%&=:\\"`\''.includes(String.fromCharCode(code));
}

function isName(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isNameCharacter(text.charCodeAt(i))) return false;
  return true;
}

function referenceOf(result: Dissected): HashiCorpVaultReference | undefined {
  return 'reference' in result ? result.reference : undefined;
}

function problemOf(result: Dissected): string | undefined {
  return 'problem' in result ? result.problem : undefined;
}

/** The reference, or what is wrong with it (never quoting the text). Never throws. */
function dissect(text: string, syntax: 'vals' | 'vault'): Dissected {
  const prefix = syntax === 'vals' ? VALS_PREFIX : VAULT_PREFIX;
  if (text.length > MAX_LENGTH) return { problem: `it is longer than ${MAX_LENGTH} characters` };
  if (text.slice(0, prefix.length).toLowerCase() !== prefix) return { problem: `it does not start with ${prefix}` };
  const rest = text.slice(prefix.length);
  const hash = rest.indexOf('#');
  const beforeFragment = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? undefined : rest.slice(hash + 1);
  const question = beforeFragment.indexOf('?');
  const pathText = question < 0 ? beforeFragment : beforeFragment.slice(0, question);
  const query = question < 0 ? undefined : beforeFragment.slice(question + 1);

  const version = query === undefined ? { version: undefined } : versionOf(query);
  if ('problem' in version) return version;

  const segments = pathText.split('/');
  if (segments.some((s) => s === '')) return { problem: 'its path has an empty segment (a leading, trailing or double slash)' };
  if (segments.some((s) => s === '.' || s === '..')) return { problem: 'its path has a . or .. segment' };
  if (segments.some((s) => s.includes(':'))) return { problem: 'its path holds a host:port; the Vault address comes from VAULT_ADDR (or your user settings), never from a reference' };
  if (!segments.every(isName)) return { problem: 'its path holds a character other than letters, digits and punctuation such as - _ . @ + , ~' };

  let key: string;
  let pathSegments = segments;
  if (fragment === undefined) {
    if (syntax === 'vault') return { problem: 'it names no key (#KEY after the path)' };
    // vals: without a fragment, the last segment of the path is the key.
    key = segments.at(-1) ?? '';
    pathSegments = segments.slice(0, -1);
  } else {
    key = fragment.startsWith('/') ? fragment.slice(1) : fragment;
    if (key.includes('/')) return { problem: 'it names a nested key (#/a/b); EnvGuard reads a key whose value is a string' };
    if (key === '') return { problem: 'it names no key (#/KEY after the path)' };
    if (!isName(key)) return { problem: 'its key holds a character other than letters, digits and punctuation such as - _ . @ + , ~' };
  }
  if (pathSegments.length < 2) return { problem: 'its path names no secret inside a mount (MOUNT/PATH)' };
  const versionPart = version.version === undefined ? {} : { version: version.version };
  if (syntax === 'vault') {
    return { reference: { kind: 'hashicorp-vault', syntax, mount: pathSegments[0]!, path: pathSegments.slice(1).join('/'), key, ...versionPart } };
  }
  return { reference: { kind: 'hashicorp-vault', syntax, path: pathSegments.join('/'), key, ...versionPart } };
}

/** The query: `version=N` (vals' one parameter that only chooses what to read); `decode=raw` is the default. */
function versionOf(query: string): { readonly version: string | undefined } | { readonly problem: string } {
  let version: string | undefined;
  const seen = new Set<string>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (CREDENTIAL_PARAMETERS.has(name)) {
      return { problem: `its parameter ${name} would choose where your Vault token goes or which credentials are used; the address and token come only from VAULT_ADDR, VAULT_TOKEN (or ~/.vault-token), VAULT_NAMESPACE or your user settings, never from a file of the workspace` };
    }
    if (seen.has(name)) return { problem: 'it repeats a parameter' };
    seen.add(name);
    if (name === 'version') {
      if (!isVersionNumber(value)) return { problem: 'its version is not a positive whole number' };
      version = value;
    } else if (name === 'decode') {
      if (value !== 'raw') return { problem: 'its decode parameter is not supported (only decode=raw, the default)' };
    } else {
      return { problem: 'it has a parameter EnvGuard does not read (only version=N)' };
    }
  }
  return { version };
}

function isVersionNumber(text: string): boolean {
  if (text.length === 0 || text.length > 10 || text[0] === '0') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
