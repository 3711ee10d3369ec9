import * as path from 'node:path';
import { loadLibrary } from '../../lazy-library';
import type { SecretSource } from '../../resolve';
import { lazySecretSource } from '../lazy-source';
import type { AwsSourceOptions } from './source';

export type AwsModule = typeof import('./index');

let loaded: Promise<AwsModule> | undefined;

/**
 * The AWS module, loaded on first use. From the bundles it is dist/vault-aws.js (a file of its own,
 * so neither activation nor a command without an AWS reference parses the SDK); from the sources
 * (tests under tsx) it is ./index.
 */
export function loadAws(): Promise<AwsModule> {
  // From the sources, a require of ./index (tsx's CommonJS hook, which mocha and the tests' children use);
  // a name esbuild does not follow, so no bundle holds the SDK. A failed load is tried again next time.
  loaded ??= Promise.resolve().then(() => loadLibrary<AwsModule>('vault-aws.js', path.join(__dirname, 'index')))
    .catch((error: unknown) => { loaded = undefined; throw error; });
  return loaded;
}

/**
 * A SecretSource for AWS Secrets Manager references that loads the SDK only when a reference needs
 * it (a file without one never does). `options` runs then, with the loaded module.
 */
export function lazyAwsSecretSource(options: (aws: AwsModule) => AwsSourceOptions): SecretSource {
  return lazySecretSource('AWS Secrets Manager', 'aws-secrets-manager', async () => {
    const m = await loadAws();
    return new m.AwsSecretSource(options(m));
  });
}
