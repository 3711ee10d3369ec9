/**
 * Vault's HTTP answers, as its http package writes them: a success is the logical response envelope
 * (request_id, lease_id, renewable, lease_duration, data, wrap_info, warnings, auth, mount_type); a
 * write with nothing to say is 204; an error is `{"errors":[…]}` (json.Encoder: a newline follows)
 * with the status its error maps to. Content-Type is exactly `application/json` (hvac compares it).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export class VaultError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly string[],
    /** Some 404s carry a whole response (a deleted version's metadata, a warning) instead of errors. */
    readonly envelope?: Envelope,
  ) {
    super(errors.join('; ') || `HTTP ${status}`);
    this.name = 'VaultError';
  }
}

/** 403 for a missing token (the bare error, as checkToken returns it). */
export const missingToken = (): VaultError => new VaultError(403, ['permission denied']);
/** 403 for a token that is unknown, revoked or expired (Vault 1.16+: both messages in a multierror). */
export const invalidToken = (): VaultError => new VaultError(403, [multiError(['permission denied', 'invalid token'])]);
/** 403 when the token's policies do not grant the capability (a multierror of one). */
export const permissionDenied = (): VaultError => new VaultError(403, [multiError(['permission denied'])]);
/** 400 with the message, as `logical.ErrorResponse(msg), logical.ErrInvalidRequest` gives. */
export const badRequest = (message: string): VaultError => new VaultError(400, [message]);
/** 404 with no message: "nothing here" for reads and lists. */
export const nothingHere = (): VaultError => new VaultError(404, []);
export const sealed = (): VaultError => new VaultError(503, ['Vault is sealed']);
export const noRoute = (path: string): VaultError => new VaultError(404, [`no handler for route "${path}". route entry not found.`]);

/** hashicorp/go-multierror's format, which Vault's permission errors pass through. */
export function multiError(messages: readonly string[]): string {
  const head = messages.length === 1 ? '1 error occurred:' : `${messages.length} errors occurred:`;
  return `${head}\n${messages.map((m) => `\t* ${m}`).join('\n')}\n\n`;
}

export interface Envelope {
  data: unknown;
  warnings?: string[] | null;
  auth?: unknown;
  leaseDuration?: number;
  mountType?: string;
}

export function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope): void {
  send(res, status, {
    request_id: randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: envelope.leaseDuration ?? 0,
    data: envelope.data,
    wrap_info: null,
    warnings: envelope.warnings ?? null,
    auth: envelope.auth ?? null,
    ...(envelope.mountType !== undefined ? { mount_type: envelope.mountType } : {}),
  });
}

export function sendError(res: ServerResponse, error: VaultError): void {
  if (error.envelope) return sendEnvelope(res, error.status, error.envelope);
  send(res, error.status, { errors: error.errors });
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/** Go's time.RFC3339Nano: UTC, fraction without trailing zeros (none at all when zero). */
export function goTime(ms: number | undefined): string {
  if (ms === undefined) return '';
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}
