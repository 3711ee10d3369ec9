import * as path from 'node:path';
import { lazyModule } from '../../lazy-library';
import type { SecretSource } from '../../resolve';
import { lazySecretSource } from '../lazy-source';
import type { HashiCorpSourceOptions } from './source';

export type HashiCorpModule = typeof import('./index');

/**
 * The HashiCorp Vault module, loaded on first use. From the bundles it is dist/vault-hashicorp.js (a
 * file of its own, as the cloud SDKs are: activation and every command that meets no Vault
 * reference never parse it); from the sources (tests under tsx) it is ./index.
 */
export const loadHashiCorp = lazyModule<HashiCorpModule>('vault-hashicorp.js', path.join(__dirname, 'index'));

/** A SecretSource for HashiCorp Vault references that loads the client only when a reference needs it. */
export function lazyHashiCorpSecretSource(options: () => HashiCorpSourceOptions): SecretSource {
  return lazySecretSource('HashiCorp Vault', 'hashicorp-vault', loadHashiCorp, (m) => new m.HashiCorpVaultSource(options()));
}
