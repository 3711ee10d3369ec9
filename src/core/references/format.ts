import { describeAwsReference } from '../vault/aws/reference';
import type { OnePasswordReference, VaultReference } from './types';

/**
 * EnvGuard's local vault: `envguard://local/NAME[@VERSION]`. A name of one segment keeps the form it
 * always had, `NAME/VERSION`, so references written before projects read the same.
 */
export function formatLocalReference(name: string, version?: string): string {
  if (!version) return `envguard://local/${name}`;
  return name.includes('/') ? `envguard://local/${name}@${version}` : `envguard://local/${name}/${version}`;
}

/** App Service's form, versionless unless a version is given: rotation then needs no edit. */
export function formatAppServiceReference(vaultUrl: string, secretName: string, version?: string): string {
  const base = vaultUrl.replace(/\/+$/, '');
  return `@Microsoft.KeyVault(SecretUri=${base}/secrets/${encodeURIComponent(secretName)}${version ? `/${version}` : ''})`;
}

/** helmfile/vals' form: `ref+azurekeyvault://VAULT/NAME[/VERSION]`. */
export function formatValsReference(vaultName: string, secretName: string, version?: string): string {
  return `ref+azurekeyvault://${vaultName}/${secretName}${version ? `/${version}` : ''}`;
}

export function formatOnePasswordReference(ref: Omit<OnePasswordReference, 'kind'>): string {
  const path = [ref.vault, ref.item, ...(ref.section ? [ref.section] : []), ref.field].join('/');
  return `op://${path}${ref.query ? `?${ref.query}` : ''}`;
}

/** A short, value-free description of a reference for messages and hovers. */
export function describeReference(ref: VaultReference): string {
  if (ref.kind === 'vals') return `a vals ${ref.backend} reference (${ref.path})`;
  if (ref.kind === 'local') return `the local vault, secret ${ref.name}${ref.version ? ` (version ${ref.version})` : ''}`;
  if (ref.kind === 'aws-secrets-manager') return describeAwsReference(ref);
  if (ref.kind === 'azure-keyvault') return `Azure Key Vault ${ref.host}, secret ${ref.secretName}${ref.version ? ` (version ${ref.version})` : ''}`;
  return `1Password vault ${ref.vault}, item ${ref.item}, field ${ref.field}`;
}
