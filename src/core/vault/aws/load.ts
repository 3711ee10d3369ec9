import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { SecretSource } from '../../resolve';
import type { AwsSourceOptions } from './source';

export type AwsModule = typeof import('./index');

let loaded: Promise<AwsModule> | undefined;

/**
 * The AWS module, loaded on first use. From the bundles it is dist/vault-aws.js (a file of its own,
 * so neither activation nor a command without an AWS reference parses the SDK); from the sources
 * (tests under tsx) it is ./index.
 */
export function loadAws(): Promise<AwsModule> {
  loaded ??= Promise.resolve().then(() => {
    for (const candidate of [path.join(__dirname, 'vault-aws.js'), path.join(__dirname, '..', 'vault-aws.js')]) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (existsSync(candidate)) return require(candidate) as AwsModule;
    }
    // From the sources: a require (not import()) so that it works under tsx's CommonJS hook, which
    // mocha and the tests' children use; a name esbuild does not follow, so no bundle holds the SDK.
    const sources = './index';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(sources) as AwsModule;
  });
  return loaded;
}

/**
 * A SecretSource for AWS Secrets Manager references that loads the SDK only when a reference needs
 * it (a file without one never does). `options` runs then, with the loaded module.
 */
export function lazyAwsSecretSource(options: (aws: AwsModule) => AwsSourceOptions): SecretSource {
  let source: Promise<SecretSource> | undefined;
  return {
    name: 'AWS Secrets Manager',
    canResolve: (reference) => reference.kind === 'aws-secrets-manager',
    resolve: async (references) => (await (source ??= loadAws().then((m) => new m.AwsSecretSource(options(m))))).resolve(references),
  };
}
