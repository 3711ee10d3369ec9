import * as path from 'node:path';
import { loadLibrary } from '../../lazy-library';
import type { SecretSource } from '../../resolve';
import type { HashiCorpSourceOptions } from './source';

export type HashiCorpModule = typeof import('./index');

let loaded: Promise<HashiCorpModule> | undefined;

/**
 * The HashiCorp Vault module, loaded on first use. From the bundles it is dist/vault-hashicorp.js (a
 * file of its own, as the cloud SDKs are: activation and every command that meets no Vault
 * reference never parse it); from the sources (tests under tsx) it is ./index.
 */
export function loadHashiCorp(): Promise<HashiCorpModule> {
  loaded ??= Promise.resolve().then(() => loadLibrary<HashiCorpModule>('vault-hashicorp.js', path.join(__dirname, 'index')));
  return loaded;
}

/** A SecretSource for HashiCorp Vault references that loads the client only when a reference needs it. */
export function lazyHashiCorpSecretSource(options: () => HashiCorpSourceOptions): SecretSource {
  let source: Promise<SecretSource> | undefined;
  return {
    name: 'HashiCorp Vault',
    canResolve: (reference) => reference.kind === 'hashicorp-vault',
    resolve: async (references) => (await (source ??= loadHashiCorp().then((m) => new m.HashiCorpVaultSource(options())))).resolve(references),
  };
}
