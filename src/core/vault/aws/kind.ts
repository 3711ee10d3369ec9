import type { VaultKind, VaultSpec } from '../kind';
import { VaultError } from '../types';
import { awsReferenceSyntaxes, awsVaultKey, describeAwsReference, REGION, type AwsSecretsManagerReference } from './reference';

/**
 * AWS Secrets Manager in the registry. As a destination it is named `aws` (the region of the user's
 * own configuration: AWS_REGION, the profile) or `aws:REGION`. A workspace that names a region
 * chooses where your identity writes, so that needs the user's confirmation once (the unit the
 * source confirms references by: the region, see awsVaultKey); plain `aws` does not.
 */
export const awsKind: VaultKind<AwsSecretsManagerReference> = {
  kind: 'aws-secrets-manager',
  title: 'AWS Secrets Manager',
  syntaxes: awsReferenceSyntaxes,
  describe: describeAwsReference,
  spec: { help: 'aws[:REGION]', parse: parseAwsSpec },
};

const ACCOUNT = /^\d{12}$/;

function parseAwsSpec(text: string): VaultSpec | undefined {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  if (lower === 'aws') return { kind: 'aws-secrets-manager', location: '', description: 'AWS Secrets Manager (your default region)', key: 'aws-secrets-manager', remote: false };
  // aws:REGION, or aws:REGION:ACCOUNT (what a reference by ARN into another account is confirmed as);
  // aws-secrets-manager:… too, the key a refusal names.
  const prefix = ['aws:', 'aws-secrets-manager:'].find((p) => lower.startsWith(p));
  if (prefix === undefined) return undefined;
  const [region = '', account, ...rest] = lower.slice(prefix.length).split(':');
  if (!REGION.test(region) || rest.length > 0 || (account !== undefined && !ACCOUNT.test(account))) {
    throw new VaultError('invalid-name', `'${trimmed}' does not name an AWS region: use aws, aws:REGION (such as aws:eu-west-1) or aws:REGION:ACCOUNT`);
  }
  return { kind: 'aws-secrets-manager', location: region, description: `AWS Secrets Manager (${region}${account ? `, account ${account}` : ''})`, key: awsVaultKey(region, account), remote: true };
}
