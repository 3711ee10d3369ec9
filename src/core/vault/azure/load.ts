import { lazyModule } from '../../lazy-library';
import * as path from 'node:path';
import type { SecretSource } from '../../resolve';
import { lazySecretSource } from '../lazy-source';
import type { AzureSourceOptions } from './source';

export type AzureModule = typeof import('./index');

/**
 * The Azure module, loaded on first use. From the bundles it is dist/vault-azure.js (a file of its
 * own, so neither activation nor a local-only CLI command parses the SDK); from the sources (tests
 * under tsx) it is ./index.
 */
export const loadAzure = lazyModule<AzureModule>('vault-azure.js', path.join(__dirname, 'index'));

/**
 * A SecretSource for Azure Key Vault references that loads the SDK only when a reference needs it
 * (a file without one never does). `options` runs then, with the loaded module.
 */
export function lazyAzureSecretSource(options: (azure: AzureModule) => AzureSourceOptions): SecretSource {
  return lazySecretSource('Azure Key Vault', 'azure-keyvault', loadAzure, (m) => new m.AzureSecretSource(options(m)));
}
