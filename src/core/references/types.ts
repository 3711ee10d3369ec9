import type { AwsSecretsManagerReference } from '../vault/aws/reference';

export type { AwsSecretsManagerReference };

/** A value that points into a vault instead of holding the secret. */
export type VaultReference = LocalVaultReference | AzureKeyVaultReference | AwsSecretsManagerReference | OnePasswordReference | ValsReference;

/** EnvGuard's own local vault: `envguard://local/NAME[@VERSION]` (and the older `envguard://local/NAME/VERSION`). */
export interface LocalVaultReference {
  readonly kind: 'local';
  readonly name: string;
  readonly version?: string;
}

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

/** 1Password's secret reference: `op://vault/item[/section]/field[?attribute=…]`. */
export interface OnePasswordReference {
  readonly kind: 'onepassword';
  readonly vault: string;
  readonly item: string;
  readonly section?: string;
  readonly field: string;
  readonly query?: string;
}

/** Any other helmfile/vals backend (`ref+vault://…`, `ref+gcpsecrets://…`): recognised, not yet resolvable. */
export interface ValsReference {
  readonly kind: 'vals';
  readonly backend: string;
  readonly path: string;
}
