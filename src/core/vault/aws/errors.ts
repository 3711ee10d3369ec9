import { VaultError } from '../types';

/** What was being done, for the message and for the IAM action a refusal names. */
export interface AwsOperation {
  readonly verb: 'read' | 'write' | 'create' | 'describe' | 'list' | 'delete' | 'recover' | 'tag';
  readonly secret?: string;
  /** "AWS Secrets Manager (us-east-1)". */
  readonly vault: string;
  /** Overrides the IAM action the verb implies (a batch read: secretsmanager:BatchGetSecretValue). */
  readonly action?: string;
}

const ACTION_FOR: Record<AwsOperation['verb'], string> = {
  read: 'secretsmanager:GetSecretValue',
  write: 'secretsmanager:PutSecretValue (and secretsmanager:UpdateSecretVersionStage for JSON documents)',
  create: 'secretsmanager:CreateSecret and secretsmanager:TagResource',
  describe: 'secretsmanager:DescribeSecret',
  list: 'secretsmanager:ListSecrets',
  delete: 'secretsmanager:DeleteSecret',
  recover: 'secretsmanager:RestoreSecret',
  tag: 'secretsmanager:TagResource',
};

interface ErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $response?: { readonly statusCode?: number };
  readonly errno?: string;
  readonly cause?: unknown;
}

function target(op: AwsOperation): string {
  return op.secret ? `${op.verb} ${op.secret} in ${op.vault}` : `${op.verb} the secrets of ${op.vault}`;
}

const SIGN_IN = 'configure credentials: aws configure (access keys), aws sso login (IAM Identity Center), AWS_PROFILE, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY';
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID']);
const TLS_CODES = new Set(['CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/**
 * Turns what the AWS SDK throws into a VaultError a user can act on, from the error's `name`
 * (the service's error code), its HTTP status and Node's error codes. The SDK's message text is never
 * passed on (a service message may quote a request); it is only matched to tell SSO failures and a
 * scheduled deletion from their siblings.
 */
export function toAwsVaultError(error: unknown, op: AwsOperation): VaultError {
  if (error instanceof VaultError) return error;
  const e = (error ?? {}) as ErrorLike;
  return fromCode(e.name ?? '', op, e) ?? networkError(e, op) ?? unknownError(e, op);
}

/** A per-secret error of BatchGetSecretValue (`ErrorCode`), mapped as the same error of a single read. */
export function fromBatchErrorCode(code: string, message: string, op: AwsOperation): VaultError {
  return fromCode(code, op, { name: code, message }) ?? new VaultError('unknown', `could not ${target(op)} (${code || 'unknown error'})`);
}

function fromCode(name: string, op: AwsOperation, e: ErrorLike): VaultError | undefined {
  const text = e.message ?? '';
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  switch (name) {
    case 'CredentialsProviderError':
      if (/\bSSO\b|sso login/i.test(text)) return ssoExpired(op);
      return new VaultError('unauthenticated', `no AWS credentials were found, so EnvGuard cannot use ${op.vault}: ${SIGN_IN}`);
    case 'TokenProviderError':
      return ssoExpired(op);
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'RequestExpired':
    case 'UnauthorizedException':
      return new VaultError('unauthenticated', `your AWS session or token has expired, so EnvGuard cannot use ${op.vault}: sign in again (aws sso login, or renew the temporary credentials) and try again`);
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
      return new VaultError('unauthenticated', `AWS does not recognise the access key (or its session token) used for ${op.vault}: check the credentials (aws configure list shows which are used)`);
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return new VaultError('unauthenticated', `AWS refused the request signature for ${op.vault}: the secret access key does not match the access key id, or this machine's clock is wrong`);
    case 'MissingAuthenticationTokenException':
    case 'IncompleteSignatureException':
      return new VaultError('unauthenticated', `${op.vault} received a request without a valid signature: ${SIGN_IN}`);
    case 'AccessDeniedException':
    case 'AccessDenied':
      return new VaultError('forbidden', `no permission to ${target(op)}: your AWS identity needs the IAM action ${op.action ?? ACTION_FOR[op.verb]} on this secret (an explicit deny, a resource policy or a KMS key policy may also refuse it)`);
    case 'ResourceNotFoundException':
      return op.secret
        ? new VaultError('not-found', `${op.vault} has no secret named ${op.secret} (or not the version asked for, or it has no value yet)`)
        : new VaultError('not-found', `${op.vault} has no such secret`);
    case 'InvalidRequestException':
      if (/deletion|deleted/i.test(text)) {
        return new VaultError('deleted', `${op.secret ?? 'the secret'} is scheduled for deletion in ${op.vault}: restore it (envguard vault recover ${op.secret ?? 'NAME'} …, or aws secretsmanager restore-secret) or choose another name`);
      }
      return new VaultError('conflict', `${op.vault} cannot ${op.verb} ${op.secret ?? 'the secret'} in its current state (InvalidRequestException); check it in the AWS console`);
    case 'ResourceExistsException':
      return new VaultError('conflict', `${op.secret ?? 'the secret'} already exists in ${op.vault}`);
    case 'DecryptionFailure':
      return new VaultError('forbidden', `${op.vault} cannot decrypt ${op.secret ?? 'the secret'} with its KMS key: your identity needs kms:Decrypt on that key, and the key must be enabled`);
    case 'EncryptionFailure':
      return new VaultError('forbidden', `${op.vault} cannot encrypt ${op.secret ?? 'the secret'} with its KMS key: your identity needs kms:GenerateDataKey on that key, and the key must be enabled`);
    case 'ThrottlingException':
    case 'TooManyRequestsException':
    case 'RequestLimitExceeded':
    case 'LimitExceededException':
      return new VaultError('throttled', `${op.vault} is throttling requests and kept doing so after the SDK's retries; wait a minute and try again`, 10_000);
    case 'InvalidParameterException':
    case 'ValidationException':
      return new VaultError('invalid-name', `${op.vault} refused the request to ${target(op)} as invalid (${name}): names are 1 to 512 letters, digits and /_+=.@-, values at most 64 KB`);
    case 'InternalServiceError':
    case 'InternalFailure':
    case 'ServiceUnavailable':
      return new VaultError('unreachable', `${op.vault} failed (${name}) to ${target(op)} and kept failing after retries; try again later`);
    default:
      break;
  }
  if (/Region is missing/i.test(text)) {
    return new VaultError('unknown', `no AWS region is configured for ${op.vault}: set AWS_REGION, run aws configure set region REGION, or name the region in the reference (?region=…)`);
  }
  if (status === 429) return new VaultError('throttled', `${op.vault} is throttling requests (429); wait a minute and try again`, 10_000);
  if (status !== undefined && status >= 500) return new VaultError('unreachable', `${op.vault} failed (${status}) to ${target(op)} and kept failing after retries; try again later`);
  return undefined;
}

function ssoExpired(op: AwsOperation): VaultError {
  return new VaultError('unauthenticated', `your AWS SSO session has expired or is missing, so EnvGuard cannot use ${op.vault}: run aws sso login (with --profile for your profile) and try again`);
}

function networkError(e: ErrorLike, op: AwsOperation): VaultError | undefined {
  const name = e.name ?? '';
  const code = e.code ?? e.errno ?? (e.cause as ErrorLike | undefined)?.code ?? '';
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'RequestTimeout') {
    return new VaultError('timeout', `${op.vault} did not answer in time (${target(op)}); check the network and try again`);
  }
  if (TLS_CODES.has(code)) return new VaultError('unreachable', `${op.vault} presented a certificate this machine does not trust (${code}); behind a corporate proxy, give EnvGuard its CA`);
  if (NETWORK_CODES.has(code)) return new VaultError('unreachable', `${op.vault} cannot be reached (${code}); check the network and try again`);
  return undefined;
}

function unknownError(e: ErrorLike, op: AwsOperation): VaultError {
  const status = e.$metadata?.httpStatusCode;
  return new VaultError('unknown', `could not ${target(op)} (${[status, e.name].filter((x) => x !== undefined && x !== '').join(' ') || 'unexpected error'})`);
}
