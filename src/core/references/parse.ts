import { awsSecretsNameSyntax } from '../vault/aws/reference';
import type { AzureKeyVaultReference, VaultReference } from './types';

const APP_SERVICE = /^@Microsoft\.KeyVault\((.*)\)$/is;
const VALS = /^ref\+([a-z0-9]+):\/\/(.+)$/i;
/**
 * `envguard://local/NAME[@VERSION]`, NAME a path of key-like segments (`shop/production/DB_PASSWORD`);
 * before names had segments a version was written `NAME/VERSION`, which still reads as it did.
 */
const LOCAL = /^envguard:\/\/local\/([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*)(?:@([0-9a-f]{32}))?$/;
const LEGACY_LOCAL_VERSION = /^([A-Za-z0-9_.-]{1,256})\/([0-9a-f]{32})$/;
const OP = /^op:\/\/([^/?]+)\/([^/?]+)(?:\/([^/?]+))?(?:\/([^/?]+))?(?:\?(.*))?$/;
const VERSION = /^[0-9a-f]{32}$/i;

export const MAX_REFERENCE_LENGTH = 4096;

/** Recognises a vault reference in a value as dotenv reads it; undefined for anything else. Never throws. */
export function parseReference(value: string): VaultReference | undefined {
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_REFERENCE_LENGTH) return undefined;
  const local = text.length <= 600 ? LOCAL.exec(text) : null;
  if (local) {
    const legacy = local[2] === undefined ? LEGACY_LOCAL_VERSION.exec(local[1]!) : null;
    if (legacy) return { kind: 'local', name: legacy[1]!, version: legacy[2]! };
    return { kind: 'local', name: local[1]!, ...(local[2] ? { version: local[2] } : {}) };
  }
  const appService = APP_SERVICE.exec(text);
  if (appService) return parseAppService(appService[1] ?? '');
  const vals = VALS.exec(text);
  if (vals) return parseVals((vals[1] ?? '').toLowerCase(), vals[2] ?? '');
  const op = OP.exec(text);
  if (op) {
    const [, vault, item, third, fourth, query] = op;
    if (!vault || !item || !third) return undefined;
    return fourth
      ? { kind: 'onepassword', vault, item, section: third, field: fourth, ...(query ? { query } : {}) }
      : { kind: 'onepassword', vault, item, field: third, ...(query ? { query } : {}) };
  }
  return undefined;
}

export function isReference(value: string): boolean {
  return parseReference(value) !== undefined;
}

/** `SecretUri=…` or `VaultName=…;SecretName=…[;SecretVersion=…]`; keys are matched case-insensitively. */
function parseAppService(inner: string): AzureKeyVaultReference | undefined {
  const params = new Map<string, string>();
  for (const part of inner.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
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

function parseVals(backend: string, rest: string): VaultReference | undefined {
  if (backend === 'awssecrets') return awsSecretsNameSyntax.parse(`ref+awssecrets://${rest}`);
  if (backend !== 'azurekeyvault') return { kind: 'vals', backend, path: rest };
  // ref+azurekeyvault://VAULT/NAME[/VERSION]; VAULT is a name or a full host.
  const [vault, name, version, ...extra] = rest.replace(/[?#].*$/, '').split('/');
  if (!vault || !name || extra.length > 0 || (version !== undefined && version !== '' && !VERSION.test(version))) return undefined;
  const host = vault.includes('.') ? vault.toLowerCase() : `${vault.toLowerCase()}.vault.azure.net`;
  return {
    kind: 'azure-keyvault', syntax: 'vals', vaultUrl: `https://${host}`, host, secretName: name,
    ...(version ? { version } : {}),
  };
}
