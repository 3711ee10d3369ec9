import { VaultError } from '../types';
import type { SpecContext, VaultKind, VaultSpec } from '../kind';
import { normalizeVaultUrl, VaultUrlError } from './hosts';
import { trimSlashes } from '../slashes';

export type AzureReferenceSyntax = 'app-service-uri' | 'app-service-name' | 'vals';

export interface AzureKeyVaultReference {
  readonly kind: 'azure-keyvault';
  readonly syntax: AzureReferenceSyntax;
  /** `https://NAME.vault.azure.net` (no trailing slash), the host as written. */
  readonly vaultUrl: string;
  readonly host: string;
  readonly secretName: string;
  /** Absent for a versionless reference (follows the latest version, so rotation needs no edit). */
  readonly version?: string;
}

const APP_SERVICE = /^@Microsoft\.KeyVault\((.*)\)$/is;
const VERSION = /^[0-9a-f]{32}$/i;

/** `SecretUri=…` or `VaultName=…;SecretName=…[;SecretVersion=…]`; keys are matched case-insensitively. */
function appServiceParams(inner: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of inner.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return params;
}

function parseAppService(text: string): AzureKeyVaultReference | undefined {
  const match = APP_SERVICE.exec(text);
  if (!match) return undefined;
  const params = appServiceParams(match[1] ?? '');
  const uri = params.get('secreturi');
  if (uri !== undefined) return parseSecretUri(uri);
  const vaultName = params.get('vaultname');
  const secretName = params.get('secretname');
  if (!vaultName || !secretName) return undefined;
  const version = params.get('secretversion');
  const host = `${vaultName.toLowerCase()}.vault.azure.net`;
  return {
    kind: 'azure-keyvault', syntax: 'app-service-name', vaultUrl: `https://${host}`, host, secretName,
    ...(version ? { version } : {}),
  };
}

/** `https://HOST/secrets/NAME[/VERSION][/]` as App Service writes it. */
export function parseSecretUri(uri: string): AzureKeyVaultReference | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const parts = url.pathname.split('/').filter((p) => p.length > 0);
  if (parts.length < 2 || parts.length > 3 || parts[0]?.toLowerCase() !== 'secrets') return undefined;
  const secretName = decodeComponent(parts[1] ?? '');
  const version = parts[2];
  if (!secretName) return undefined;
  return {
    kind: 'azure-keyvault', syntax: 'app-service-uri', vaultUrl: `https://${url.host}`, host: url.hostname.toLowerCase(),
    secretName, ...(version ? { version } : {}),
  };
}

/** decodeURIComponent without its URIError: a bad %-escape (`%ZZ`) makes no name at all. */
function decodeComponent(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}

/** `ref+azurekeyvault://VAULT/NAME[/VERSION]`; VAULT is a name or a full host. */
function parseValsAzure(text: string): AzureKeyVaultReference | undefined {
  const rest = text.slice('ref+azurekeyvault://'.length);
  const [vault, name, version, ...extra] = rest.replace(/[?#].*$/, '').split('/');
  if (!vault || !name || extra.length > 0 || (version !== undefined && version !== '' && !VERSION.test(version))) return undefined;
  const host = vault.includes('.') ? vault.toLowerCase() : `${vault.toLowerCase()}.vault.azure.net`;
  return {
    kind: 'azure-keyvault', syntax: 'vals', vaultUrl: `https://${host}`, host, secretName: name,
    ...(version ? { version } : {}),
  };
}

function appServiceProblem(text: string): string | undefined {
  if (!text.endsWith(')')) return 'it does not end with ")"';
  const params = appServiceParams(text.slice(text.indexOf('(') + 1, -1));
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
  if (decodeComponent(parts[1] ?? '') === undefined) return 'the secret name in its SecretUri has an invalid %-escape';
  return undefined;
}

/** App Service's form, versionless unless a version is given: rotation then needs no edit. */
export function formatAppServiceReference(vaultUrl: string, secretName: string, version?: string): string {
  const base = trimSlashes(vaultUrl, 'end');
  return `@Microsoft.KeyVault(SecretUri=${base}/secrets/${encodeURIComponent(secretName)}${version ? `/${version}` : ''})`;
}

/** helmfile/vals' form: `ref+azurekeyvault://VAULT/NAME[/VERSION]`. */
export function formatValsReference(vaultName: string, secretName: string, version?: string): string {
  return `ref+azurekeyvault://${vaultName}/${secretName}${version ? `/${version}` : ''}`;
}

export const azureKind: VaultKind<AzureKeyVaultReference> = {
  kind: 'azure-keyvault',
  title: 'Azure Key Vault',
  syntaxes: [
    {
      prefixes: ['@microsoft.keyvault('],
      name: 'Azure Key Vault (App Service)',
      expected: '@Microsoft.KeyVault(SecretUri=https://VAULT.vault.azure.net/secrets/NAME[/VERSION]) or @Microsoft.KeyVault(VaultName=…;SecretName=…)',
      parse: parseAppService,
      problem: appServiceProblem,
    },
    {
      prefixes: ['ref+azurekeyvault://'],
      name: 'Azure Key Vault (vals)',
      expected: 'ref+azurekeyvault://VAULT/NAME[/VERSION] with a 32-hex version',
      parse: parseValsAzure,
    },
  ],
  describe: (ref) => `Azure Key Vault ${ref.host}, secret ${ref.secretName}${ref.version ? ` (version ${ref.version})` : ''}`,
  spec: { help: 'azure:NAME | https://NAME.vault.azure.net', parse: parseAzureSpec },
};

/**
 * `azure:NAME` or a Key Vault URL, normalised to `https://NAME.vault.azure.net` (the form confirmations
 * are remembered under); a host outside the Key Vault domains and the user's allowed hosts is refused
 * here, before anything could be sent to it.
 */
function parseAzureSpec(text: string, context: SpecContext): VaultSpec | undefined {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  const named = lower.startsWith('azure:') ? trimmed.slice('azure:'.length) : lower.startsWith('https://') ? trimmed : undefined;
  if (named === undefined) return undefined;
  try {
    const vaultUrl = normalizeVaultUrl(named, context.allowedHosts('azure-keyvault'));
    return azureSpec(vaultUrl);
  } catch (error) {
    if (error instanceof VaultUrlError) throw new VaultError('invalid-name', error.message);
    throw error;
  }
}

export function azureSpec(vaultUrl: string): VaultSpec {
  return { kind: 'azure-keyvault', location: vaultUrl, description: `Azure Key Vault ${vaultUrl}`, key: vaultUrl.toLowerCase(), remote: true };
}
