import type { SecretSource } from '../../resolve';
import type { HashiCorpSourceOptions } from './source';

export type HashiCorpModule = typeof import('./index');

let loaded: Promise<HashiCorpModule> | undefined;

/**
 * The HashiCorp Vault module, loaded on first use. It is small (no SDK: node:https and a few files),
 * so it needs no bundle of its own; loading it lazily still keeps activation and every command that
 * meets no Vault reference from parsing it.
 */
export function loadHashiCorp(): Promise<HashiCorpModule> {
  // A require inside a function: esbuild keeps the module in the bundle but runs it only on this call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= Promise.resolve().then(() => require('./index') as HashiCorpModule);
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
