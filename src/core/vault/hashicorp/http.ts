/**
 * The one HTTP client of the HashiCorp Vault provider: Vault's API is small and documented, and the
 * npm clients are thin wrappers of the same calls, so EnvGuard speaks it directly over node:https.
 * The address is the user's (VAULT_ADDR, or an adapter's user-level setting): nothing a reference or a
 * workspace file holds reaches it. VAULT_CACERT / VAULT_CAPATH replace the system roots, as Vault's
 * own client does; X-Vault-Namespace carries VAULT_NAMESPACE. Lists are `GET ?list=true` (Vault
 * answers it as LIST, and proxies and Node's HTTP parser know no LIST method). Answers are bounded in
 * size and time; 429, a 503 that is not "sealed", and a reset connection are tried again with backoff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { VaultError } from '../types';
import { trimSlashes } from '../slashes';

export interface VaultHttpOptions {
  /** The Vault address; default VAULT_ADDR. Adapters fill it from USER settings only. */
  readonly address?: string;
  /** Default VAULT_NAMESPACE. */
  readonly namespace?: string;
  /** PEM file of the CA(s) to trust; default VAULT_CACERT. */
  readonly caCert?: string;
  /** Folder of PEM files to trust; default VAULT_CAPATH. */
  readonly caPath?: string;
  /** Where VAULT_* are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Per request, retries apart. Default 30 s. */
  readonly timeoutMs?: number;
  /** Largest answer read, in bytes. Default 8 MiB. */
  readonly maxResponseBytes?: number;
  /** Tries after the first, for 429, 503 (not sealed) and reset connections. Default 4. */
  readonly retries?: number;
  /** First backoff; doubles each try, with jitter, or Retry-After when given (capped at 10 s). Default 250 ms. */
  readonly retryDelayMs?: number;
}

export interface VaultResponse {
  readonly status: number;
  /** The parsed JSON body; undefined for an empty one (204). */
  readonly body: unknown;
}

export interface VaultRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The API path after /v1/, e.g. `secret/data/app`. */
  readonly path: string;
  readonly token?: string;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string>>;
  /** A LIST, sent as `GET ?list=true`. */
  readonly list?: boolean;
}

const DEFAULT_MAX_RESPONSE = 8 * 1024 * 1024;
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const RETRY_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** The origin of a Vault address (`https://vault.example.com:8200`); a VaultError for anything else. */
export function vaultOrigin(address: string): string {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new VaultError('unreachable', 'the Vault address (VAULT_ADDR) is not a URL such as https://vault.example.com:8200');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  // A token over plain HTTP is readable on the way; only a dev server on this machine is let through.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new VaultError('unreachable', `the Vault address (VAULT_ADDR) must use https (http only for a dev server on this machine), not ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash || trimSlashes(url.pathname, 'end') !== '') {
    throw new VaultError('unreachable', 'the Vault address (VAULT_ADDR) is a scheme, a host and a port only, without a path, query or credentials');
  }
  return url.origin;
}

export class VaultHttp {
  /** The origin every request goes to: fixed at construction, never changed by a reference. */
  readonly address: string;
  readonly namespace: string;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(options: VaultHttpOptions = {}) {
    const env = options.env ?? process.env;
    const address = options.address ?? env.VAULT_ADDR ?? '';
    if (address.trim() === '') throw new VaultError('unreachable', 'no Vault address: set VAULT_ADDR (for example https://vault.example.com:8200) or the Vault address in your user settings');
    this.address = vaultOrigin(address);
    this.namespace = trimSlashes(options.namespace ?? env.VAULT_NAMESPACE ?? '');
    const ca = trustedCertificates(options.caCert ?? env.VAULT_CACERT, options.caPath ?? env.VAULT_CAPATH);
    // One keep-alive agent: fifty reads share a few TLS connections.
    this.agent = this.address.startsWith('https:')
      ? new https.Agent({ keepAlive: true, maxSockets: 16, ...(ca ? { ca } : {}) })
      : new http.Agent({ keepAlive: true, maxSockets: 16 });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
    this.retries = options.retries ?? 4;
    this.retryDelayMs = options.retryDelayMs ?? 250;
  }

  /** For messages: "HashiCorp Vault https://vault.example.com:8200 (namespace team-a)". */
  get displayName(): string {
    return `HashiCorp Vault ${this.address}${this.namespace ? ` (namespace ${this.namespace})` : ''}`;
  }

  /** One request, retried on throttling, an unavailable (not sealed) server or a reset connection. */
  async send(request: VaultRequest): Promise<VaultResponse> {
    for (let attempt = 0; ; attempt++) {
      let response: VaultResponse & { retryAfterMs?: number };
      try {
        response = await this.once(request);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (attempt < this.retries && RETRY_CODES.has(code)) {
          await delay(this.backoff(attempt));
          continue;
        }
        throw error;
      }
      if (attempt < this.retries && RETRY_STATUSES.has(response.status) && !isSealed(response)) {
        await delay(response.retryAfterMs ?? this.backoff(attempt));
        continue;
      }
      return { status: response.status, body: response.body };
    }
  }

  /** Closes idle connections (a CLI process then exits at once). */
  close(): void {
    this.agent.destroy();
  }

  private backoff(attempt: number): number {
    const base = this.retryDelayMs * 2 ** attempt;
    return Math.min(10_000, base / 2 + Math.random() * base);
  }

  private once(request: VaultRequest): Promise<VaultResponse & { retryAfterMs?: number }> {
    const url = new URL(`/v1/${request.path.split('/').map(encodeURIComponent).join('/')}`, this.address);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    if (request.list) url.searchParams.set('list', 'true');
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.token) headers['X-Vault-Token'] = request.token;
    if (this.namespace) headers['X-Vault-Namespace'] = this.namespace;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(url, { method: request.method, headers, agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBytes) {
            req.destroy(Object.assign(new Error('too large'), { code: 'ERESPONSETOOLARGE' }));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text.trim() === '' ? undefined : JSON.parse(text);
          } catch {
            parsed = undefined; // a proxy's HTML page: the status says enough
          }
          const retryAfter = Number(res.headers['retry-after']);
          resolve({ status: res.statusCode ?? 0, body: parsed, ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: Math.min(10_000, retryAfter * 1000) } : {}) });
        });
      });
      // A whole-request deadline too: `timeout` above only measures an idle socket.
      const deadline = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), this.timeoutMs);
      req.on('close', () => clearTimeout(deadline));
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** Vault's answer while sealed: 503 with "Vault is sealed" (retrying cannot help; an operator must unseal). */
export function isSealed(response: VaultResponse): boolean {
  return response.status === 503 && errorsOf(response).some((e) => e.includes('Vault is sealed'));
}

/** The `errors` of a Vault error body (strings only). */
export function errorsOf(response: VaultResponse): string[] {
  const errors = (response.body as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [];
}

/** The CA certificates of VAULT_CACERT and VAULT_CAPATH, or undefined for the system's roots. */
function trustedCertificates(caCert: string | undefined, caPath: string | undefined): string[] | undefined {
  const pems: string[] = [];
  try {
    if (caCert) pems.push(readFileSync(caCert, 'utf8'));
    if (caPath) {
      for (const name of readdirSync(caPath).sort()) {
        if (/\.(pem|crt|cer)$/i.test(name)) pems.push(readFileSync(path.join(caPath, name), 'utf8'));
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new VaultError('unreachable', `the CA certificate of VAULT_CACERT or VAULT_CAPATH cannot be read (${code})`);
  }
  return pems.length > 0 ? pems : undefined;
}
