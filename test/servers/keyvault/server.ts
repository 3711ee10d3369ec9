/**
 * A faithful Azure Key Vault (secrets) server and a Microsoft Entra token endpoint, over HTTPS with a
 * test CA, for tests and the bench. It speaks the documented REST API as the real
 * @azure/keyvault-secrets and @azure/identity clients use it (see ../shared/notes/vault-servers.md):
 * challenge-based auth, versions, paging with nextLink, soft delete, recovery and purge, the real
 * error bodies, RBAC refusals; and switches for latency, 429, 500 and dropped connections.
 * One server serves any number of vaults: the vault is the first label of the Host header.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { AUTHORITY_HOST_NAME, testCertificates } from './certs';

export const TEST_TENANT = '72f988bf-0000-4000-8000-0000000e2e57';
export const TEST_CLIENT_ID = 'envguard-test-client';
export const TEST_CLIENT_SECRET = 'envguard-test-client-secret';
/** Key Vault accepts values up to 25 KB. */
const MAX_VALUE_BYTES = 25 * 1024;
const NAME = /^[0-9a-zA-Z-]{1,127}$/;
const PAGE_SIZE = 3; // small, so that every list the product makes follows nextLink

export type Role = 'officer' | 'user' | 'none';
export type Fault = { readonly status: 429; readonly retryAfterSeconds: number } | { readonly status: 500 | 503 } | { readonly drop: true };

interface Version { readonly version: string; value: string; contentType?: string; tags?: Record<string, string>; enabled: boolean; readonly created: number; updated: number }
interface Secret { readonly name: string; versions: Version[]; deletedDate?: number }

export interface RecordedRequest { readonly method: string; readonly host: string; readonly path: string; readonly authorized: boolean }

export class KeyVaultTestServer {
  readonly requests: RecordedRequest[] = [];
  /** Tokens handed out by the token endpoint, per client. */
  readonly tokensIssued = new Map<string, number>();
  /** Milliseconds added before every Key Vault response (challenges included). */
  latencyMs = 0;
  /** Key Vault requests being answered now, and the most there have been at once (reset with the rest). */
  private inFlight = 0;
  maxInFlight = 0;
  /** What each client may do, per vault name; a client not listed is an officer. */
  readonly roles = new Map<string, Role>();
  private readonly vaults = new Map<string, Map<string, Secret>>();
  private readonly tokens = new Map<string, string>(); // access token → client id
  private faults: { fault: Fault; remaining: number; skip: number }[] = [];
  private readonly sockets = new Set<{ destroy(): void }>();
  private server!: Server;
  port = 0;

  static async start(): Promise<KeyVaultTestServer> {
    const instance = new KeyVaultTestServer();
    const { key, cert } = testCertificates();
    instance.server = createServer({ key, cert, keepAlive: true }, (req, res) => void instance.handle(req, res));
    instance.server.on('connection', (socket) => { instance.sockets.add(socket); socket.on('close', () => instance.sockets.delete(socket)); });
    await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
    instance.port = (instance.server.address() as AddressInfo).port;
    return instance;
  }

  /** `https://NAME.vault.azure.net:PORT`: resolve the host to 127.0.0.1 and trust the test CA to reach it. */
  vaultUrl(name: string): string {
    return `https://${name}.vault.azure.net:${this.port}`;
  }

  get authorityHost(): string {
    return `https://${AUTHORITY_HOST_NAME}:${this.port}`;
  }

  /** `count` authenticated Key Vault requests fail this way, after `after` more succeed. */
  fail(fault: Fault, count = 1, after = 0): void {
    this.faults.push({ fault, remaining: count, skip: after });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** A vault's secret as the server holds it (for assertions): latest version's value, or undefined. */
  peek(vault: string, name: string): string | undefined {
    const secret = this.vaults.get(vault)?.get(name.toLowerCase());
    return secret && secret.deletedDate === undefined ? secret.versions.at(-1)?.value : undefined;
  }

  /** Every value the server holds, in every vault (for "nothing lost" checks). */
  values(vault: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const secret of this.vaults.get(vault)?.values() ?? []) {
      const latest = secret.versions.at(-1);
      if (latest && secret.deletedDate === undefined) out.set(secret.name, latest.value);
    }
    return out;
  }

  reset(): void {
    this.vaults.clear();
    this.requests.length = 0;
    this.tokensIssued.clear();
    this.roles.clear();
    this.latencyMs = 0;
    this.maxInFlight = 0;
    this.faults = [];
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const host = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
    try {
      if (host === AUTHORITY_HOST_NAME || host === 'localhost' || host === '127.0.0.1') return this.identity(req, url, body, res);
      await this.keyVault(req, host, url, body, res);
    } catch (error) {
      send(res, 500, { error: { code: 'InternalError', message: error instanceof Error ? error.message : 'error' } });
    }
  }

  // ---- Microsoft Entra ID (the parts a ClientSecretCredential uses) ----

  private identity(req: IncomingMessage, url: URL, body: string, res: ServerResponse): void {
    if (url.pathname.startsWith('/_control/')) return this.control(req, url, body, res);
    const [tenant, ...rest] = url.pathname.split('/').filter((p) => p.length > 0);
    const route = rest.join('/');
    const base = `${this.authorityHost}/${tenant}`;
    if (req.method === 'GET' && (route === 'v2.0/.well-known/openid-configuration' || route === '.well-known/openid-configuration')) {
      return send(res, 200, {
        issuer: `${base}/v2.0`, token_endpoint: `${base}/oauth2/v2.0/token`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`, jwks_uri: `${base}/discovery/v2.0/keys`, response_types_supported: ['code', 'token'],
        subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'], scopes_supported: ['openid'], tenant_region_scope: 'WW',
      });
    }
    if (req.method === 'POST' && route === 'oauth2/v2.0/token') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== TEST_CLIENT_ID || form.get('client_secret') !== TEST_CLIENT_SECRET || tenant !== TEST_TENANT) {
        return send(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] });
      }
      if (!(form.get('scope') ?? '').split(' ').includes('https://vault.azure.net/.default')) {
        return send(res, 400, { error: 'invalid_scope', error_description: 'AADSTS70011: The provided value for scope is not valid.' });
      }
      const token = `kv-${randomBytes(16).toString('hex')}`;
      this.tokens.set(token, TEST_CLIENT_ID);
      this.tokensIssued.set(TEST_CLIENT_ID, (this.tokensIssued.get(TEST_CLIENT_ID) ?? 0) + 1);
      return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
    }
    send(res, 404, { error: 'not_found' });
  }

  // ---- Control, for tests in another process (the extension host): https://localhost:PORT/_control/… ----

  private control(req: IncomingMessage, url: URL, body: string, res: ServerResponse): void {
    const action = url.pathname.slice('/_control/'.length);
    if (req.method === 'POST' && action === 'fail') {
      const { fault, count, after } = JSON.parse(body) as { fault: Fault; count?: number; after?: number };
      this.fail(fault, count ?? 1, after ?? 0);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && action === 'clear-faults') { this.clearFaults(); return send(res, 200, { ok: true }); }
    if (req.method === 'POST' && action === 'latency') { this.latencyMs = Number(url.searchParams.get('ms') ?? 0); return send(res, 200, { ok: true }); }
    if (req.method === 'GET' && action === 'values') return send(res, 200, Object.fromEntries(this.values(url.searchParams.get('vault') ?? '')));
    if (req.method === 'GET' && action === 'requests') return send(res, 200, this.requests);
    send(res, 404, { error: 'unknown control action' });
  }

  // ---- Key Vault ----

  private async keyVault(req: IncomingMessage, host: string, url: URL, body: string, res: ServerResponse): Promise<void> {
    const vaultName = host.split('.')[0]!;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const client = token ? this.tokens.get(token) : undefined;
    this.requests.push({ method: req.method ?? '', host, path: url.pathname, authorized: client !== undefined });
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      if (this.latencyMs > 0) await delay(this.latencyMs);
    } finally {
      this.inFlight--;
    }
    if (!client) {
      res.setHeader('WWW-Authenticate', `Bearer authorization="https://login.microsoftonline.com/${TEST_TENANT}", resource="https://vault.azure.net"`);
      return send(res, 401, { error: { code: 'Unauthorized', message: token ? 'AKV10032: Invalid issuer.' : 'AKV10000: Request is missing a Bearer or PoP token.' } });
    }
    const fault = this.faults[0];
    if (fault && fault.skip > 0) {
      fault.skip--;
    } else if (fault) {
      if (--fault.remaining <= 0) this.faults.shift();
      if ('drop' in fault.fault) { req.socket.destroy(); return; }
      if (fault.fault.status === 429) res.setHeader('Retry-After', String(fault.fault.retryAfterSeconds));
      return send(res, fault.fault.status, { error: { code: fault.fault.status === 429 ? 'Throttled' : 'InternalServerError', message: 'Injected fault' } });
    }
    if (!keyOf(url.searchParams, 'api-version')) return send(res, 400, { error: { code: 'BadParameter', message: 'The api-version query parameter is missing.' } });
    const vault = this.vaults.get(vaultName) ?? new Map<string, Secret>();
    this.vaults.set(vaultName, vault);
    const origin = `https://${req.headers.host}`;
    const parts = url.pathname.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
    const role = this.roles.get(`${vaultName}:${client}`) ?? 'officer';
    const method = req.method ?? 'GET';
    const writes = method !== 'GET';
    if (role === 'none' || (writes && role !== 'officer')) {
      return send(res, 403, { error: { code: 'Forbidden', message: `Caller is not authorized to perform action on resource.\r\nCaller: appid=${client}\r\nAction: 'Microsoft.KeyVault/vaults/secrets/${writes ? 'setSecret' : 'getSecret'}/action'`, innererror: { code: 'ForbiddenByRbac' } } });
    }
    const [collection, name, third, fourth] = parts;
    const secret = name ? vault.get(name.toLowerCase()) : undefined;
    const live = secret && secret.deletedDate === undefined ? secret : undefined;
    const notFound = (): void => send(res, 404, { error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name ?? ''} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.` } });

    if (collection === 'secrets' && name === undefined && method === 'GET') {
      return send(res, 200, page([...vault.values()].filter((s) => s.deletedDate === undefined).map((s) => itemOf(origin, s, s.versions.at(-1)!, false)), url, origin));
    }
    if (collection === 'secrets' && name !== undefined && method === 'PUT' && third === undefined) {
      if (!NAME.test(name)) return send(res, 400, { error: { code: 'BadParameter', message: `The request URI contains an invalid name: ${name}` } });
      if (secret?.deletedDate !== undefined) {
        return send(res, 409, { error: { code: 'Conflict', message: `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`, innererror: { code: 'ObjectIsDeletedButRecoverable' } } });
      }
      const input = JSON.parse(body || '{}') as { value?: unknown; contentType?: string; tags?: Record<string, string>; attributes?: { enabled?: boolean } };
      if (typeof input.value !== 'string') return send(res, 400, { error: { code: 'BadParameter', message: 'Property value is required.' } });
      if (Buffer.byteLength(input.value, 'utf8') > MAX_VALUE_BYTES) return send(res, 400, { error: { code: 'BadParameter', message: 'Property value has a length of more than 25600.' } });
      const now = Math.floor(Date.now() / 1000);
      const version: Version = { version: randomBytes(16).toString('hex'), value: input.value, enabled: input.attributes?.enabled !== false, created: now, updated: now, ...(input.contentType ? { contentType: input.contentType } : {}), ...(input.tags ? { tags: input.tags } : {}) };
      const target = live ?? { name, versions: [] };
      target.versions.push(version);
      vault.set(name.toLowerCase(), target);
      return send(res, 200, bundleOf(origin, target, version));
    }
    if (collection === 'secrets' && name !== undefined && method === 'GET' && third === 'versions') {
      if (!live) return notFound();
      return send(res, 200, page(live.versions.map((v) => itemOf(origin, live, v, true)), url, origin));
    }
    if (collection === 'secrets' && name !== undefined && method === 'GET' && fourth === undefined) {
      if (!live) return notFound();
      const version = third === undefined || third === '' ? live.versions.at(-1) : live.versions.find((v) => v.version === third);
      if (!version) return notFound();
      if (!version.enabled) return send(res, 403, { error: { code: 'Forbidden', message: 'Operation get is not allowed on a disabled secret.', innererror: { code: 'SecretDisabled' } } });
      return send(res, 200, bundleOf(origin, live, version));
    }
    if (collection === 'secrets' && name !== undefined && method === 'PATCH' && third !== undefined) {
      const version = live?.versions.find((v) => v.version === third);
      if (!live || !version) return notFound();
      const input = JSON.parse(body || '{}') as { contentType?: string; tags?: Record<string, string>; attributes?: { enabled?: boolean } };
      if (input.attributes?.enabled !== undefined) version.enabled = input.attributes.enabled;
      if (input.tags) version.tags = input.tags;
      if (input.contentType !== undefined) version.contentType = input.contentType;
      version.updated = Math.floor(Date.now() / 1000);
      const { value: _omitted, ...withoutValue } = bundleOf(origin, live, version);
      return send(res, 200, withoutValue);
    }
    if (collection === 'secrets' && name !== undefined && method === 'DELETE' && third === undefined) {
      if (!live) return notFound();
      live.deletedDate = Math.floor(Date.now() / 1000);
      return send(res, 200, deletedOf(origin, live));
    }
    if (collection === 'deletedsecrets') {
      const deleted = secret?.deletedDate !== undefined ? secret : undefined;
      const deletedNotFound = (): void => send(res, 404, { error: { code: 'SecretNotFound', message: `Deleted Secret not found: ${name ?? ''}` } });
      if (name === undefined && method === 'GET') return send(res, 200, page([...vault.values()].filter((s) => s.deletedDate !== undefined).map((s) => deletedOf(origin, s, false)), url, origin));
      if (!deleted) return deletedNotFound();
      if (method === 'GET' && third === undefined) return send(res, 200, deletedOf(origin, deleted));
      if (method === 'DELETE' && third === undefined) { vault.delete(deleted.name.toLowerCase()); res.statusCode = 204; res.end(); return; }
      if (method === 'POST' && third === 'recover') {
        delete deleted.deletedDate;
        const { value: _omitted, ...withoutValue } = bundleOf(origin, deleted, deleted.versions.at(-1)!);
        return send(res, 200, withoutValue);
      }
    }
    send(res, 400, { error: { code: 'BadParameter', message: `Unsupported request: ${method} ${url.pathname}` } });
  }
}

function keyOf(params: URLSearchParams, key: string): string | undefined {
  // The SDK sends `api%2Dversion`; URLSearchParams has already decoded it, but be explicit.
  for (const [k, v] of params) if (decodeURIComponent(k) === key) return v;
  return undefined;
}

function attributesOf(v: Version): Record<string, unknown> {
  return { enabled: v.enabled, created: v.created, updated: v.updated, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 };
}

function bundleOf(origin: string, s: Secret, v: Version): Record<string, unknown> {
  return { value: v.value, id: `${origin}/secrets/${s.name}/${v.version}`, attributes: attributesOf(v), ...(v.contentType ? { contentType: v.contentType } : {}), ...(v.tags ? { tags: v.tags } : {}) };
}

function itemOf(origin: string, s: Secret, v: Version, withVersion: boolean): Record<string, unknown> {
  return { id: `${origin}/secrets/${s.name}${withVersion ? `/${v.version}` : ''}`, attributes: attributesOf(v), ...(v.contentType ? { contentType: v.contentType } : {}), ...(v.tags ? { tags: v.tags } : {}) };
}

function deletedOf(origin: string, s: Secret, full = true): Record<string, unknown> {
  const latest = s.versions.at(-1)!;
  const base = full ? bundleOf(origin, s, latest) : itemOf(origin, s, latest, false);
  delete base.value;
  return { ...base, recoveryId: `${origin}/deletedsecrets/${s.name}`, deletedDate: s.deletedDate, scheduledPurgeDate: (s.deletedDate ?? 0) + 90 * 86400 };
}

function page(items: Record<string, unknown>[], url: URL, origin: string): Record<string, unknown> {
  const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
  const size = Math.min(Number(url.searchParams.get('maxresults') ?? PAGE_SIZE), PAGE_SIZE);
  const value = items.slice(skip, skip + size);
  const next = skip + size < items.length ? `${origin}${url.pathname}?api-version=${keyOf(url.searchParams, 'api-version') ?? ''}&$skiptoken=${skip + size}&maxresults=${size}` : null;
  return { value, nextLink: next };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'x-ms-keyvault-service-version': '1.9.0.0' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
