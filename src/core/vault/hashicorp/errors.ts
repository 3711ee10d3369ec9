/**
 * Vault's answers and network failures as VaultErrors a user can act on. Messages are built from the
 * status, a few known error phrases, the address and the path: never from the body's text (it may
 * echo a request), so no value can travel through an error.
 */
import { VaultError } from '../types';
import { errorsOf, isSealed, type VaultResponse } from './http';

export type Capability = 'read' | 'create' | 'update' | 'list' | 'delete';

/** What was being done, for the message. */
export interface VaultOperation {
  /** "read", "write", "list", "delete", "recover", "log in to". */
  readonly verb: string;
  /** The API path (`secret/data/app`), or undefined for the vault as a whole. */
  readonly path?: string;
  /** The capability the token's policy needs on `path`. */
  readonly capability?: Capability | 'create or update';
  /** "HashiCorp Vault https://vault.example.com:8200". */
  readonly vault: string;
}

const CAS_MISMATCH = 'check-and-set parameter did not match the current version';

function what(op: VaultOperation): string {
  return op.path ? `${op.verb} ${op.path} in ${op.vault}` : `${op.verb} ${op.vault}`;
}

/** A non-2xx answer as a VaultError (a 404 is 'not-found'; callers that expect one check first). */
export function responseError(response: VaultResponse, op: VaultOperation): VaultError {
  const errors = errorsOf(response);
  if (isSealed(response)) {
    return new VaultError('unreachable', `${op.vault} is sealed: it answers nothing until an operator unseals it (vault operator unseal)`);
  }
  switch (response.status) {
    case 400:
      if (errors.some((e) => e.includes(CAS_MISMATCH))) return new VaultError('conflict', `${op.path ?? 'the secret'} changed in ${op.vault} while EnvGuard wrote it (check-and-set); try again`);
      if (errors.some((e) => e.includes('check-and-set parameter required'))) return new VaultError('conflict', `${op.path ?? 'the secret'} in ${op.vault} requires check-and-set writes`);
      if (errors.some((e) => e.includes('invalid role or secret ID') || e.includes('missing role_id') || e.includes('missing secret_id'))) {
        return new VaultError('unauthenticated', `${op.vault} refused the AppRole login: check VAULT_ROLE_ID and VAULT_SECRET_ID (a secret ID may have expired or been used up)`);
      }
      return new VaultError('unknown', `${op.vault} refused to ${op.verb} ${op.path ?? ''} as a bad request (400)`.replace(/ {2,}/g, ' '));
    case 401:
    case 403:
      if (errors.some((e) => e.includes('invalid token'))) return invalidToken(op);
      if (errors.some((e) => e.includes('preflight capability check'))) {
        return new VaultError('forbidden', `no permission to ${what(op)}: no mount holds that path, or your token's policies grant nothing inside it`);
      }
      return new VaultError('forbidden', `permission denied to ${what(op)}: your token's policies need the ${op.capability ?? 'read'} capability on ${op.path ?? 'that path'}`);
    case 404:
      return new VaultError('not-found', `${op.vault} has nothing at ${op.path ?? 'that path'}`);
    case 412:
      return new VaultError('unreachable', `${op.vault} is not yet up to date with a write (412); try again`);
    case 429:
      return new VaultError('throttled', `${op.vault} is rate limiting requests (429) and kept doing so after retries; wait a few seconds and try again`, 5_000);
    default:
      break;
  }
  if (response.status === 503) return new VaultError('unreachable', `${op.vault} is unavailable (503: standby, or in maintenance) and stayed so after retries; try again later`);
  if (response.status >= 500) return new VaultError('unreachable', `${op.vault} failed (${response.status}) to ${op.verb} ${op.path ?? ''} and kept failing after retries; try again later`.replace(/ {2,}/g, ' '));
  return new VaultError('unknown', `could not ${what(op)} (HTTP ${response.status})`);
}

/** The token was refused as unknown, expired or revoked. */
export function invalidToken(op: VaultOperation): VaultError {
  return new VaultError('unauthenticated', `${op.vault} refused the token (expired, revoked or unknown): run vault login, or set VAULT_TOKEN (in CI, VAULT_ROLE_ID and VAULT_SECRET_ID for AppRole)`);
}

/** A network failure (no answer at all) as a VaultError. */
export function transportError(error: unknown, op: VaultOperation): VaultError {
  if (error instanceof VaultError) return error;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new VaultError('timeout', `${op.vault} did not answer in time (${what(op)}); check the network and VAULT_ADDR`);
  if (code === 'ERESPONSETOOLARGE') return new VaultError('too-large', `${op.vault} sent a larger answer than EnvGuard reads (${what(op)})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new VaultError('unreachable', `${op.vault} cannot be reached: its host name does not resolve (${code}); check VAULT_ADDR`);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new VaultError('unreachable', `${op.vault} presented a certificate that is not trusted (${code}): set VAULT_CACERT to the CA that signed it`);
  }
  return new VaultError('unreachable', `${op.vault} cannot be reached (${code || 'connection failed'}); check the network and VAULT_ADDR`);
}
