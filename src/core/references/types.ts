import type { ReferenceOf } from '../vault/kind';
import type { VAULT_KINDS } from '../vault/kinds';
import type { OnePasswordReference, ValsReference } from './foreign';

/** A value that points into a vault instead of holding the secret: one of the registry's kinds, or a foreign tool's. */
export type VaultReference = ReferenceOf<(typeof VAULT_KINDS)[number]> | OnePasswordReference | ValsReference;

export type { LocalVaultReference } from '../vault/local/kind';
export type { AzureKeyVaultReference, AzureReferenceSyntax } from '../vault/azure/kind';
export type { HashiCorpVaultReference } from '../vault/hashicorp/reference';
export type { AwsSecretsManagerReference } from '../vault/aws/reference';
export type { OnePasswordReference, ValsReference } from './foreign';
