// AWS Secrets Manager: loaded only on the first AWS call (the SDK is large).
// Bundled on its own as dist/vault-aws.js; adapters reach it through ./load.ts.
export { AwsSecretsManager, DEFAULT_AWS_LAYOUT, type AwsSecretsManagerOptions } from './aws-secrets-manager';
export { TAG_LAYOUT } from './tags';
export { AwsSecretSource, type AwsSourceOptions } from './source';
export { createSecretsManagerClient, type AwsClientOptions, type AwsCredentials } from './client';
export { toAwsVaultError } from './errors';
export { isAllowedAwsHost, awsHostRefusal, SECRETS_MANAGER_DOMAINS } from './hosts';
export { awsNameRules, type AwsLayout } from './names';

