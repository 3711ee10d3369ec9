import { trimSlashes } from '../slashes';

/**
 * Where EnvGuard may send Azure credentials: the Key Vault domains of the public and sovereign
 * clouds, plus hosts the user adds (private endpoints, Azure Stack). A reference to any other host
 * is refused before any request, so a planted reference cannot collect a token.
 */
export const KEY_VAULT_DOMAINS: readonly string[] = [
  'vault.azure.net', // Azure public cloud
  'vault.azure.cn', // Azure operated by 21Vianet (China)
  'vault.usgovcloudapi.net', // Azure US Government
  'vault.microsoftazure.de', // Azure Germany (legacy)
];

/** Key Vault names: 3 to 24 letters, digits and dashes, starting with a letter, not ending with a dash. */
const VAULT_NAME = /^[a-zA-Z](?:[a-zA-Z0-9-]{1,22})[a-zA-Z0-9]$/;

export class VaultUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultUrlError';
  }
}

/** True when `host` is a vault in a Key Vault domain, or one of the `extra` hosts (exact, case-insensitive). */
export function isAllowedVaultHost(host: string, extra: readonly string[] = []): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (extra.some((e) => e.toLowerCase() === h)) return true;
  return KEY_VAULT_DOMAINS.some((domain) => h.endsWith(`.${domain}`) && VAULT_NAME.test(h.slice(0, -domain.length - 1)));
}

/** True when `host` is one of the Key Vault domains (challenge verification applies). */
export function isKeyVaultDomain(host: string): boolean {
  const h = host.toLowerCase();
  return KEY_VAULT_DOMAINS.some((domain) => h.endsWith(`.${domain}`));
}

/**
 * `myvault` or `https://myvault.vault.azure.net[/]` → `https://myvault.vault.azure.net`.
 * Throws VaultUrlError for anything else, or a host outside the allow-list.
 */
export function normalizeVaultUrl(input: string, extraHosts: readonly string[] = []): string {
  const trimmed = input.trim();
  if (VAULT_NAME.test(trimmed)) return `https://${trimmed.toLowerCase()}.vault.azure.net`;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new VaultUrlError(`'${trimmed}' is neither a Key Vault name (3 to 24 letters, digits and dashes) nor a vault URL such as https://myvault.vault.azure.net`);
  }
  if (url.protocol !== 'https:') throw new VaultUrlError(`a Key Vault URL must use https: (got ${url.protocol}//${url.host})`);
  if (trimSlashes(url.pathname, 'end') !== '' || url.search || url.hash) throw new VaultUrlError(`a Key Vault URL is just https://NAME.vault.azure.net, without a path (got ${trimmed})`);
  if (!isAllowedVaultHost(url.hostname, extraHosts)) throw new VaultUrlError(hostRefusal(url.hostname));
  return `https://${url.host.toLowerCase()}`;
}

export function hostRefusal(host: string): string {
  return `${host} is not a Key Vault host EnvGuard sends credentials to (allowed: *.${KEY_VAULT_DOMAINS.join(', *.')}, and hosts you add to the allowed hosts setting for private endpoints)`;
}

/** The vault's short name, for messages and vals references: `myvault` for https://myvault.vault.azure.net. */
export function vaultNameOf(vaultUrl: string): string {
  const host = new URL(vaultUrl).hostname;
  return isKeyVaultDomain(host) ? host.split('.')[0]! : host;
}
