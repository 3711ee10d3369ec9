import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { SecretSource } from '../../resolve';
import { lazySecretSource } from '../lazy-source';
import type { AzureSourceOptions } from './source';

export type AzureModule = typeof import('./index');

let loaded: Promise<AzureModule> | undefined;

/**
 * The Azure module, loaded on first use. From the bundles it is dist/vault-azure.js (a file of its
 * own, so neither activation nor a local-only CLI command parses the SDK); from the sources (tests
 * under tsx) it is ./index.
 */
export function loadAzure(): Promise<AzureModule> {
  loaded ??= (async () => {
    for (const candidate of [path.join(__dirname, 'vault-azure.js'), path.join(__dirname, '..', 'vault-azure.js')]) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (existsSync(candidate)) return require(candidate) as AzureModule;
    }
    const sources = './index';
    return (await import(sources)) as AzureModule;
  })().catch((error: unknown) => { loaded = undefined; throw error; });
  return loaded;
}

/**
 * A SecretSource for Azure Key Vault references that loads the SDK only when a reference needs it
 * (a file without one never does). `options` runs then, with the loaded module.
 */
export function lazyAzureSecretSource(options: (azure: AzureModule) => AzureSourceOptions): SecretSource {
  return lazySecretSource('Azure Key Vault', 'azure-keyvault', async () => {
    const m = await loadAzure();
    return new m.AzureSecretSource(options(m));
  });
}
