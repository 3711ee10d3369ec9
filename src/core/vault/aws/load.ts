import * as path from 'node:path';
import { lazyModule } from '../../lazy-library';
import type { SecretSource } from '../../resolve';
import { lazySecretSource } from '../lazy-source';
import type { AwsSourceOptions } from './source';

export type AwsModule = typeof import('./index');

/**
 * The AWS module, loaded on first use. From the bundles it is dist/vault-aws.js (a file of its own,
 * so neither activation nor a command without an AWS reference parses the SDK); from the sources
 * (tests under tsx) it is ./index.
 */
export const loadAws = lazyModule<AwsModule>('vault-aws.js', path.join(__dirname, 'index'));

/**
 * A SecretSource for AWS Secrets Manager references that loads the SDK only when a reference needs
 * it (a file without one never does). `options` runs then, with the loaded module.
 */
export function lazyAwsSecretSource(options: (aws: AwsModule) => AwsSourceOptions): SecretSource {
  return lazySecretSource('AWS Secrets Manager', 'aws-secrets-manager', loadAws, (m) => new m.AwsSecretSource(options(m)));
}
