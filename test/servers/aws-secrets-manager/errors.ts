/**
 * An error as Secrets Manager writes it (JSON 1.1 protocol): HTTP 400 (500 for InternalServiceError)
 * with `{"__type": CODE, "Message": …}`. Errors raised by the service's own model carry `Message`
 * (the member botocore's model names); those of AWS's authentication front end (signature, token,
 * throttling) carry `message` in lower case. Both SDKs read either.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly messageKey: 'Message' | 'lower' = 'Message',
  ) {
    super(message);
    this.name = 'AwsError';
  }

  body(): Record<string, string> {
    return { __type: this.code, [this.messageKey === 'lower' ? 'message' : 'Message']: this.message };
  }
}

export const notFound = (detail = ''): AwsError => new AwsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret${detail}.`);
export const markedForDeletion = (): AwsError => new AwsError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);
export const invalidRequest = (message: string): AwsError => new AwsError('InvalidRequestException', message);
export const decryptionFailure = (): AwsError => new AwsError('DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");

/** A constraint of the service model broken (lengths, ranges), as AWS's validation layer reports it. */
export function validation(field: string, constraint: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${constraint}`, 400, 'lower');
}

/** What a deny-list entry answers: AWS's wording for an explicit deny in an identity-based policy. */
export function accessDenied(principalArn: string, action: string, resource?: string): AwsError {
  const on = resource === undefined ? '' : ` on resource: ${resource}`;
  return new AwsError('AccessDeniedException', `User: ${principalArn} is not authorized to perform: secretsmanager:${action}${on} with an explicit deny in an identity-based policy`);
}

/** Faults a test can plan by code; any other code is sent as given, with HTTP 400. */
export const FAULT_DEFAULTS: Record<string, { status: number; message: string; messageKey: 'Message' | 'lower' }> = {
  ThrottlingException: { status: 400, message: 'Rate exceeded', messageKey: 'lower' },
  InternalServiceError: { status: 500, message: 'An error occurred on the server side.', messageKey: 'Message' },
  ServiceUnavailable: { status: 503, message: 'Service Unavailable', messageKey: 'lower' },
  DecryptionFailure: { status: 400, message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key.", messageKey: 'Message' },
};
