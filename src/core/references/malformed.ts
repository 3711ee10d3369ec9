/**
 * A value that starts like a vault reference but does not parse is neither a reference nor an
 * ordinary value: it is a mistake of its own (a typo, a bad %-escape, a missing parenthesis), and
 * the one who wrote it needs to hear what is wrong. Messages describe the form, never the value.
 */
import { awsSecretsNameSyntax } from '../vault/aws/reference';
import { MAX_REFERENCE_LENGTH, parseReference, parseSecretUri } from './parse';

interface ReferenceForm {
  /** Lower case: values are compared case-insensitively, as the parsers do. */
  readonly prefix: string;
  readonly name: string;
  readonly expected: string;
  /** What exactly is wrong, when it can be told. */
  readonly problem?: (text: string) => string | undefined;
}

const FORMS: readonly ReferenceForm[] = [
  {
    prefix: '@microsoft.keyvault(',
    name: 'Azure Key Vault (App Service)',
    expected: '@Microsoft.KeyVault(SecretUri=https://VAULT.vault.azure.net/secrets/NAME[/VERSION]) or @Microsoft.KeyVault(VaultName=…;SecretName=…)',
    problem: appServiceProblem,
  },
  { prefix: 'envguard://', name: 'EnvGuard', expected: 'envguard://local/PROJECT/ENVIRONMENT/KEY[@VERSION] (or, stored before projects, envguard://local/NAME[/VERSION])' },
  { prefix: 'ref+awssecrets://', name: awsSecretsNameSyntax.name, expected: awsSecretsNameSyntax.expected, problem: (text) => awsSecretsNameSyntax.problem?.(text) },
  { prefix: 'ref+', name: 'vals', expected: 'ref+BACKEND://PATH, for Key Vault ref+azurekeyvault://VAULT/NAME[/VERSION] with a 32-hex version' },
  { prefix: 'op://', name: '1Password', expected: 'op://VAULT/ITEM[/SECTION]/FIELD' },
];

const LONGEST_PREFIX = Math.max(...FORMS.map((f) => f.prefix.length));
/** The prefixes as one anchored test: every value of a file goes through it, so it must cost next to nothing. */
const REFERENCE_START = /^(?:@microsoft\.keyvault\(|envguard:\/\/|ref\+|op:\/\/)/i;

function formOf(text: string): ReferenceForm | undefined {
  if (!REFERENCE_START.test(text)) return undefined;
  const start = text.slice(0, LONGEST_PREFIX).toLowerCase();
  return FORMS.find((f) => start.startsWith(f.prefix));
}

/** Does the value start like a vault reference (`@Microsoft.KeyVault(`, `envguard://`, `ref+`, `op://`)? */
export function looksLikeReference(value: string): boolean {
  return formOf(value.trim()) !== undefined;
}

/**
 * What is wrong with a value that starts like a vault reference but is not one; undefined for a
 * valid reference and for any value that does not start like one. Never throws, never quotes the value.
 */
export function referenceProblem(value: string): string | undefined {
  const text = value.trim();
  const form = formOf(text);
  if (!form || parseReference(text)) return undefined;
  const detail = text.length > MAX_REFERENCE_LENGTH ? `it is longer than ${MAX_REFERENCE_LENGTH} characters` : form.problem?.(text);
  return `is a malformed ${form.name} reference${detail ? ` (${detail})` : ''}: expected ${form.expected}`;
}

function appServiceProblem(text: string): string | undefined {
  if (!text.endsWith(')')) return 'it does not end with ")"';
  const params = new Map<string, string>();
  for (const part of text.slice(text.indexOf('(') + 1, -1).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const uri = params.get('secreturi');
  if (uri === undefined) return params.get('vaultname') && params.get('secretname') ? undefined : 'it names neither SecretUri nor VaultName and SecretName';
  if (parseSecretUri(uri)) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'its SecretUri is not a URL';
  }
  if (url.protocol !== 'https:') return 'its SecretUri does not use https';
  const parts = url.pathname.split('/').filter((p) => p.length > 0);
  if (parts.length < 2 || parts.length > 3 || parts[0]?.toLowerCase() !== 'secrets') return 'the path of its SecretUri is not /secrets/NAME[/VERSION]';
  if (hasBadEscape(parts[1] ?? '')) return 'the secret name in its SecretUri has an invalid %-escape';
  return undefined;
}

/** A `%` not followed by two hex digits, or escapes that do not decode as UTF-8. */
function hasBadEscape(component: string): boolean {
  try {
    decodeURIComponent(component);
    return false;
  } catch {
    return true;
  }
}
