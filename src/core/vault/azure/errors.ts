import { VaultError } from '../types';

/** What was being done, for the message: "read SECRET", "write SECRET", "list the secrets of". */
export interface Operation {
  readonly verb: 'read' | 'write' | 'list' | 'delete' | 'recover';
  readonly secret?: string;
  readonly vault: string;
}

interface ErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly statusCode?: number;
  readonly message?: string;
  readonly response?: { readonly headers?: { get(name: string): string | undefined }; readonly bodyAsText?: string | null };
  readonly errors?: readonly unknown[];
  /** The deserialized error body: `{ error: { code, message, innerError: { code } } }`. */
  readonly details?: { readonly error?: { readonly innerError?: { readonly code?: string }; readonly innererror?: { readonly code?: string } } };
  /** @azure/identity's AuthenticationError: what the token endpoint answered. */
  readonly errorResponse?: { readonly error?: string; readonly errorDescription?: string };
}

const ROLE_FOR: Record<Operation['verb'], string> = {
  read: 'Key Vault Secrets User (or Reader of secrets) to read',
  list: 'Key Vault Secrets User (or Reader of secrets) to list',
  write: 'Key Vault Secrets Officer to write',
  delete: 'Key Vault Secrets Officer to delete',
  recover: 'Key Vault Secrets Officer to recover',
};

function target(op: Operation): string {
  return op.secret ? `${op.verb} ${op.secret} in ${op.vault}` : `${op.verb} the secrets of ${op.vault}`;
}

/**
 * Turns what the Azure SDK throws into a VaultError a user can act on. Messages are built here from
 * the status, the error code and the names involved; the SDK's own message text is never passed on
 * (it may quote a request), so no value can travel through an error.
 */
export function toVaultError(error: unknown, op: Operation): VaultError {
  if (error instanceof VaultError) return error;
  const e = (error ?? {}) as ErrorLike;
  const name = e.name ?? '';
  const code = e.code ?? '';
  const innerCode = innerErrorCode(e);

  // Said of the vault, not of the secret: every item of a migration or a launch fails the same way,
  // and adapters report a shared cause once.
  const refusal = credentialRefusal(e);
  if (refusal) return new VaultError('unauthenticated', `${refusal.what}, so EnvGuard cannot use ${op.vault}: ${refusal.fix}`);
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError' || name === 'AuthenticationRequiredError' || name === 'AuthenticationError') {
    return new VaultError('unauthenticated', `not signed in to Azure, so EnvGuard cannot use ${op.vault}: sign in (az login, azd auth login, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET; in VS Code, the Microsoft account) and try again`);
  }
  if (name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new VaultError('timeout', `${op.vault} did not answer in time (${target(op)}); check the network and try again`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return code === 'ENOTFOUND'
      ? new VaultError('not-found', `the vault ${op.vault} does not exist (its name does not resolve); check the vault name`)
      : new VaultError('unreachable', `${op.vault} cannot be reached (DNS lookup failed); check the network`);
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET'].includes(code)) {
    return new VaultError('unreachable', `${op.vault} cannot be reached (${code}); check the network and try again`);
  }
  switch (e.statusCode) {
    case 401:
      return new VaultError('unauthenticated', `${op.vault} refused the sign-in (401): sign in again, with an account of the vault's tenant`);
    case 403:
      return new VaultError('forbidden', `no permission to ${target(op)}: your identity needs the role ${ROLE_FOR[op.verb]} on this vault${innerCode === 'ForbiddenByFirewall' ? ' (the vault\'s firewall also blocks this network)' : ''}`);
    case 404:
      return op.secret
        ? new VaultError('not-found', `${op.vault} has no secret named ${op.secret} (or it was deleted)`)
        : new VaultError('not-found', `${op.vault} was not found`);
    case 409:
      if (innerCode === 'ObjectIsDeletedButRecoverable' || code === 'ObjectIsDeletedButRecoverable') {
        return new VaultError('deleted', `a deleted secret named ${op.secret ?? '?'} is still recoverable in ${op.vault}: recover it (envguard vault recover ${op.secret ?? 'NAME'} --vault …) or choose another name (--prefix)`);
      }
      if (innerCode === 'ObjectIsBeingDeleted' || code === 'ObjectIsBeingDeleted') {
        return new VaultError('conflict', `${op.secret ?? 'the secret'} is being deleted in ${op.vault}; try again in a minute`);
      }
      return new VaultError('conflict', `${op.vault} reported a conflict for ${op.secret ?? 'the request'} (${innerCode || code || '409'}); try again`);
    case 429:
      return new VaultError('throttled', `${op.vault} is throttling requests (429) and kept doing so after retries; wait ${retryAfterSeconds(e) ?? 'a few'} seconds and try again`, (retryAfterSeconds(e) ?? 10) * 1000);
    case 400:
      if (code === 'BadParameter' || innerCode === 'BadParameter') return new VaultError('invalid-name', `${op.vault} refused the request for ${op.secret ?? 'a secret'} as invalid (names are 1 to 127 letters, digits and dashes; values at most 25 KB)`);
      return new VaultError('unknown', `${op.vault} refused to ${target(op)} (400 ${code})`);
    default:
      break;
  }
  if (e.statusCode !== undefined && e.statusCode >= 500) {
    return new VaultError('unreachable', `${op.vault} failed (${e.statusCode}${code ? ` ${code}` : ''}) to ${target(op)} and kept failing after retries; try again later`);
  }
  return new VaultError('unknown', `could not ${target(op)} (${[e.statusCode, code, name].filter((x) => x !== undefined && x !== '').join(' ') || 'unexpected error'})`);
}

/** Microsoft Entra ID's answers (AADSTS codes) that say what is wrong with a credential. */
const ENTRA_REFUSALS: Readonly<Record<string, string>> = {
  '7000215': 'the client secret is wrong',
  '7000222': 'the client secret has expired',
  '700016': 'the application (client id) is not known in this tenant',
  '90002': 'the tenant does not exist',
  '900023': 'the tenant id is not valid',
  '700024': 'the client assertion is outside its validity period',
  '700027': 'the client certificate or assertion is not accepted',
  '700213': 'no federated credential of the application matches this token',
  '50126': 'the user name or password is wrong',
  '50053': 'the account is locked',
  '50057': 'the account is disabled',
  '70043': 'the sign-in has expired',
  '700082': 'the sign-in has expired',
};

/** The token endpoint's OAuth 2.0 error codes that mean the credential itself was refused. */
const OAUTH_REFUSALS: ReadonlySet<string> = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client', 'invalid_request', 'access_denied', 'interaction_required', 'consent_required', 'login_required']);

/** How to fix a refused credential, by the @azure/identity credential that was refused. */
const CREDENTIAL_FIXES: Readonly<Record<string, string>> = {
  EnvironmentCredential: 'check AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or the certificate)',
  ClientSecretCredential: 'check the client id, the tenant and the client secret',
  ClientCertificateCredential: 'check the client id, the tenant and the certificate',
  WorkloadIdentityCredential: "check the workload identity's federated credential",
  ManagedIdentityCredential: "check the managed identity's assignment",
  AzureCliCredential: 'sign in again with az login',
  AzureDeveloperCliCredential: 'sign in again with azd auth login',
  AzurePowerShellCredential: 'sign in again with Connect-AzAccount',
};

/**
 * When the sign-in service answered and refused the credential (a wrong or expired client secret,
 * an unknown application): who refused what, and why, built from the error codes only (the
 * service's description is not passed on). Undefined for every other failure.
 */
function credentialRefusal(e: ErrorLike): { what: string; fix: string } | undefined {
  if (e.name !== 'AuthenticationError' && e.name !== 'AuthenticationRequiredError') return undefined;
  // EnvironmentCredential answers in errorResponse; a ClientSecretCredential used alone, in its message.
  const { error = '', errorDescription = e.message ?? '' } = e.errorResponse ?? {};
  const oauthCode = [error, errorDescription].map((text) => /^([a-z_]+)(?::|$)/.exec(text)?.[1]).find((code) => code !== undefined && OAUTH_REFUSALS.has(code));
  const aadsts = /AADSTS(\d+)/.exec(`${error} ${errorDescription}`)?.[1];
  if (!oauthCode && !aadsts) return undefined;
  const credential = /\b([A-Za-z]+Credential)\b/.exec(error)?.[1];
  const why = (aadsts && ENTRA_REFUSALS[aadsts]) ?? 'the credential was not accepted';
  const codes = [aadsts && `AADSTS${aadsts}`, oauthCode].filter(Boolean).join(', ');
  const fix = (credential && CREDENTIAL_FIXES[credential]) ?? 'check the credential';
  return { what: `Microsoft Entra ID refused the sign-in${credential ? ` of ${credential}` : ''}: ${why} (${codes})`, fix };
}

function innerErrorCode(e: ErrorLike): string {
  const fromDetails = e.details?.error?.innerError?.code ?? e.details?.error?.innererror?.code;
  if (fromDetails) return fromDetails;
  const body = e.response?.bodyAsText;
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as { error?: { innererror?: { code?: string } } };
    return parsed.error?.innererror?.code ?? '';
  } catch {
    return '';
  }
}

function retryAfterSeconds(e: ErrorLike): number | undefined {
  const header = e.response?.headers?.get('retry-after');
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds : undefined;
}
