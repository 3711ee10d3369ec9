/**
 * A faithful HashiCorp Vault / OpenBao for tests and the bench, over HTTPS on loopback with the test
 * CA: the KV v2 and v1 engines (./kv.ts) on mounts, mount discovery (sys/mounts and
 * sys/internal/ui/mounts/PATH, what `vault kv` asks), tokens (X-Vault-Token or Authorization: Bearer;
 * lookup-self, renew-self, create), AppRole login, namespaces (X-Vault-Namespace and path prefixes),
 * ACL policies (./policy.ts), the sealed state, and error bodies as Vault writes them (./responses.ts).
 * Switches: faults for the next N requests (or those under a path), latency with in-flight counting,
 * sealing, token expiry, and a clock to move forward. Clients reach it with VAULT_ADDR = `address` and
 * VAULT_CACERT = the test CA. Node's HTTP parser refuses the LIST method: list with `GET ?list=true`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultPlan, listenLoopbackHttps, readBody, Traffic, type FaultOptions, type LoopbackHttpsServer } from '../common/loopback';
import { KvV1, KvV2, durationSeconds, type Engine, type EngineResult, type Operation } from './kv';
import { Acl, DEFAULT_POLICY, type Capability, type PolicyRule } from './policy';
import { badRequest, invalidToken, missingToken, noRoute, permissionDenied, sealed, send, sendEnvelope, sendError, sendNoContent, VaultError } from './responses';
import { appRoleLogin, newAppRole, TokenStore, type AppRole, type TokenEntry, type TokenOptions } from './tokens';

export const VAULT_VERSION = '1.21.0';

export type VaultFault = { readonly status: number; readonly errors?: readonly string[]; readonly retryAfterSeconds?: number } | { readonly drop: true };

export interface RecordedRequest {
  readonly method: string;
  /** The path after /v1/, with the namespace (header or prefix) in front. */
  readonly path: string;
  readonly operation: Operation;
  readonly status: number;
  readonly token: 'none' | 'header' | 'bearer';
}

interface Mount {
  readonly path: string;
  readonly engine: Engine;
  readonly accessor: string;
  readonly uuid: string;
  readonly description: string;
}

interface Namespace {
  readonly path: string;
  readonly mounts: Map<string, Mount>;
  readonly policies: Map<string, readonly PolicyRule[]>;
  readonly approles: Map<string, AppRole>;
}

/** What a request gets: an engine's result, or a plain JSON object (sys/seal-status, sys/health). */
type Reply = EngineResult | { readonly status: number; readonly raw: unknown };

/** Paths answered while sealed, and without a token. */
const SEAL_PATHS = new Set(['sys/seal-status', 'sys/health', 'sys/unseal']);

export class VaultTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly traffic = new Traffic();
  /** The key `sys/unseal` accepts (one key share, threshold one). */
  readonly unsealKey = randomBytes(32).toString('base64');
  rootToken = '';
  private isSealed = false;
  private clockOffsetMs = 0;
  private readonly tokens = new TokenStore(() => this.now());
  private readonly namespaces = new Map<string, Namespace>();
  private readonly faults = new FaultPlan<VaultFault>();
  private listener!: LoopbackHttpsServer;

  private constructor() {
    this.initialize();
  }

  static async start(): Promise<VaultTestServer> {
    const server = new VaultTestServer();
    server.listener = await listenLoopbackHttps((req, res) => void server.handle(req, res));
    return server;
  }

  get port(): number {
    return this.listener.port;
  }

  /** What VAULT_ADDR is set to. */
  get address(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get sealed(): boolean {
    return this.isSealed;
  }

  seal(): void {
    this.isSealed = true;
  }

  unseal(): void {
    this.isSealed = false;
  }

  /** Enables a KV engine at `path` (in a namespace, "" for the root one). */
  mount(path: string, options: { version: 1 | 2; namespace?: string; description?: string }): void {
    const ns = this.namespace(options.namespace ?? '');
    const key = withSlash(path);
    ns.mounts.set(key, { path: key, engine: options.version === 2 ? new KvV2() : new KvV1(), accessor: `kv_${randomBytes(4).toString('hex')}`, uuid: randomUUID(), description: options.description ?? '' });
  }

  createNamespace(path: string): void {
    const key = withSlash(path);
    const parent = key.slice(0, key.slice(0, -1).lastIndexOf('/') + 1);
    if (!this.namespaces.has(parent)) throw new Error(`No parent namespace ${parent} for ${key}`);
    this.namespaces.set(key, { path: key, mounts: new Map(), policies: new Map(), approles: new Map() });
  }

  /** Writes an ACL policy (rules as HCL's path blocks would give them). */
  policy(name: string, rules: readonly PolicyRule[], namespace = ''): void {
    this.namespace(namespace).policies.set(name, rules);
  }

  /** A new token with these policies (`default` added), as `vault token create` would make it. */
  createToken(options: TokenOptions): string {
    return this.tokens.issue({ ...options, namespace: withSlashOrEmpty(options.namespace ?? '') }).id;
  }

  /** The token stops working (as when its TTL ends or it is revoked). */
  revokeToken(token: string): void {
    this.tokens.revoke(token);
  }

  /** An AppRole role; returns its role_id and one secret_id. */
  appRole(name: string, options: { policies: readonly string[]; namespace?: string; tokenTtlSeconds?: number }): { roleId: string; secretId: string } {
    const role = newAppRole(name, options.policies, options.tokenTtlSeconds);
    this.namespace(options.namespace ?? '').approles.set(name, role);
    return { roleId: role.roleId, secretId: [...role.secretIds][0]! };
  }

  /** `count` requests (under the path prefix `only`) fail this way, after `after` more succeed. */
  fail(fault: VaultFault, options: FaultOptions = {}): void {
    this.faults.add(fault, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Moves the server's clock forward: token TTLs and delete_version_after run out. */
  elapse(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Every readable KV path and its current data in a mount (for "nothing lost" checks). */
  values(mount: string, namespace = ''): Map<string, Record<string, unknown>> {
    const found = this.namespace(namespace).mounts.get(withSlash(mount));
    if (!found) throw new Error(`No mount ${mount}`);
    return found.engine.snapshot(this.now());
  }

  reset(): void {
    this.requests.length = 0;
    this.traffic.reset();
    this.faults.clear();
    this.tokens.clear();
    this.namespaces.clear();
    this.isSealed = false;
    this.clockOffsetMs = 0;
    this.initialize();
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  private initialize(): void {
    this.namespaces.set('', { path: '', mounts: new Map(), policies: new Map(), approles: new Map() });
    this.mount('secret', { version: 2, description: 'key/value secret storage' });
    this.rootToken = this.tokens.issue({ policies: ['root'] }).id;
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  private namespace(path: string): Namespace {
    const ns = this.namespaces.get(withSlashOrEmpty(path));
    if (!ns) throw new Error(`No namespace ${path}`);
    return ns;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.address);
    if (url.pathname.startsWith('/_control/')) return this.control(req, url, raw.toString('utf8'), res);
    await this.traffic.admit();
    const tokenSource = req.headers['x-vault-token'] ? 'header' : /^Bearer /.test(req.headers.authorization ?? '') ? 'bearer' : 'none';
    const recorded: Omit<RecordedRequest, 'status'> = { method: req.method ?? '', path: url.pathname, operation: 'read', token: tokenSource };
    try {
      const request = this.parse(req, url, raw);
      Object.assign(recorded, { path: request.ns.path + request.path, operation: request.op });
      const reply = this.dispatch(req, request);
      if (reply === 'dropped') return;
      this.requests.push({ ...recorded, status: reply.status });
      if ('raw' in reply) send(res, reply.status, reply.raw);
      else if (reply.status === 204) sendNoContent(res);
      else sendEnvelope(res, reply.status, reply.envelope);
    } catch (error) {
      const vaultError = error instanceof VaultError ? error : new VaultError(500, [error instanceof Error ? error.message : 'internal error']);
      this.requests.push({ ...recorded, status: vaultError.status });
      sendError(res, vaultError);
    }
  }

  /** Method → operation (GET ?list=true is a list), the namespace (header, then path prefix), the body. */
  private parse(req: IncomingMessage, url: URL, raw: Buffer): { op: Operation; ns: Namespace; path: string; body: Record<string, unknown> } {
    if (!url.pathname.startsWith('/v1/') || url.pathname === '/v1/') throw new VaultError(404, []);
    let op: Operation;
    switch (req.method) {
      case 'GET': {
        const list = url.searchParams.get('list');
        if (list !== null && !/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(list)) throw new VaultError(400, []);
        op = list !== null && /^(1|t|T|TRUE|true|True)$/.test(list) ? 'list' : 'read';
        break;
      }
      case 'POST': case 'PUT': op = 'write'; break;
      case 'DELETE': op = 'delete'; break;
      case 'PATCH': op = 'patch'; break;
      default: throw new VaultError(405, []);
    }
    let path = decodeURIComponent(url.pathname.slice('/v1/'.length));
    if (op === 'list' && !path.endsWith('/')) path += '/';
    const header = String(req.headers['x-vault-namespace'] ?? '').replace(/^\/+|\/+$/g, '');
    const full = header === '' ? path : `${header}/${path}`;
    // The longest namespace that prefixes the path; the rest is the path inside it.
    let ns = this.namespaces.get('')!;
    for (const candidate of this.namespaces.values()) if (candidate.path.length > ns.path.length && full.startsWith(candidate.path)) ns = candidate;
    let body: Record<string, unknown> = {};
    if (raw.length > 0 && (op === 'write' || op === 'patch')) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw badRequest('failed to parse JSON input: invalid character');
      }
    }
    return { op, ns, path: full.slice(ns.path.length), body };
  }

  private dispatch(req: IncomingMessage, { op, ns, path, body }: { op: Operation; ns: Namespace; path: string; body: Record<string, unknown> }): Reply | 'dropped' {
    const rootPath = ns.path === '' ? path : '';
    if (this.isSealed && !SEAL_PATHS.has(rootPath)) throw sealed();
    if (rootPath === 'sys/seal-status' && op === 'read') return { status: 200, raw: this.sealStatus() };
    if (rootPath === 'sys/health' && op === 'read') return { status: this.isSealed ? 503 : 200, raw: this.health() };
    if (rootPath === 'sys/unseal' && op === 'write') {
      if (body.key !== this.unsealKey) throw badRequest('Unseal failed, invalid key');
      this.isSealed = false;
      return { status: 200, raw: this.sealStatus() };
    }
    if (path === 'auth/approle/login' && op === 'write') return this.appRoleLogin(ns, body);

    const presented = String(req.headers['x-vault-token'] ?? '') || /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] || '';
    if (presented === '') throw missingToken();
    const token = this.tokens.lookup(presented);
    if (!token) throw invalidToken();
    // A token works in its namespace and those below; its policies name paths relative to its namespace.
    const full = ns.path + path;
    if (!full.startsWith(token.namespace)) throw permissionDenied();
    const acl = this.aclOf(token);
    const aclPath = full.slice(token.namespace.length);

    if (path.startsWith('sys/internal/ui/mounts/') && op === 'read') return this.preflight(ns, path.slice('sys/internal/ui/mounts/'.length), acl, token);
    if ((op === 'write' || op === 'patch') && path.endsWith('/')) throw badRequest("cannot write to a path ending in '/'");

    const route = this.route(ns, path, op, body, req, token);
    const needed: Capability[] = route.capabilities;
    if (!needed.every((cap) => acl.allows(aclPath, cap))) throw permissionDenied();

    const fault = this.faults.take((only) => path.startsWith(only));
    if (fault && 'drop' in fault) { req.socket.destroy(); return 'dropped'; }
    if (fault) {
      const errors = fault.errors ?? (fault.status === 429 ? [`request path "${path}": rate limit quota exceeded`] : fault.status === 500 ? ['internal error'] : []);
      throw new VaultError(fault.status, errors);
    }
    return route.run();
  }

  /** Which capabilities a request needs, and what it does. */
  private route(ns: Namespace, path: string, op: Operation, body: Record<string, unknown>, req: IncomingMessage, token: TokenEntry): { capabilities: Capability[]; run(): EngineResult } {
    const sys = (capabilities: Capability[], run: () => EngineResult): { capabilities: Capability[]; run(): EngineResult } => ({ capabilities, run });
    if (path === 'sys/mounts' && op === 'read') return sys(['read'], () => this.ok(Object.fromEntries([...ns.mounts.values()].map((m) => [m.path, mountInfo(m)])), 'system'));
    if (path.startsWith('sys/mounts/')) return this.mountRoute(ns, path.slice('sys/mounts/'.length), op, body);
    if (path === 'sys/seal' && op === 'write') return sys(['update', 'sudo'], () => { this.isSealed = true; return { status: 204 }; });
    if (path === 'auth/token/lookup-self' && op === 'read') return sys(['read'], () => this.ok(this.tokens.describe(token), 'token'));
    if (path === 'auth/token/renew-self' && op === 'write') {
      return sys(['update'], () => {
        this.tokens.renew(token, body.increment === undefined ? undefined : durationSeconds(body.increment));
        return { status: 200, envelope: { data: null, auth: this.tokens.authBlock(token), mountType: 'token' } };
      });
    }
    if (path === 'auth/token/create' && op === 'write') return sys(['create'], () => this.createChildToken(token, body));
    const mount = this.mountFor(ns, path);
    if (!mount) return sys([op === 'write' ? 'update' : op], () => { throw noRoute(path); });
    const route = mount.engine.route({ op, rest: path.slice(mount.path.length), body, query: new URL(req.url ?? '/', this.address).searchParams, now: this.now(), contentType: String(req.headers['content-type'] ?? '') });
    return { capabilities: [route.capability], run: () => route.run() };
  }

  private mountRoute(ns: Namespace, target: string, op: Operation, body: Record<string, unknown>): { capabilities: Capability[]; run(): EngineResult } {
    const key = withSlash(target);
    if (op === 'write') {
      return {
        capabilities: ['update', 'sudo'],
        run: () => {
          if (ns.mounts.has(key)) throw badRequest(`path is already in use at ${key}`);
          const options = body.options as { version?: string } | undefined;
          const type = typeof body.type === 'string' ? body.type : '';
          if (type !== 'kv' && type !== 'kv-v2') throw badRequest(`plugin not found in the catalog: ${type}`);
          this.mount(key, { version: type === 'kv-v2' || options?.version === '2' ? 2 : 1, namespace: ns.path, description: typeof body.description === 'string' ? body.description : '' });
          return { status: 204 };
        },
      };
    }
    if (op === 'delete') return { capabilities: ['delete', 'sudo'], run: () => { ns.mounts.delete(key); return { status: 204 }; } };
    return {
      capabilities: ['read'],
      run: () => {
        const mount = ns.mounts.get(key);
        if (!mount) throw badRequest(`No secret engine mount at ${key}`);
        return this.ok(mountInfo(mount), 'system');
      },
    };
  }

  /** sys/internal/ui/mounts/PATH: the mount holding PATH and its options (KV version), if the token may use it. */
  private preflight(ns: Namespace, target: string, acl: Acl, token: TokenEntry): EngineResult {
    const path = withSlash(target.replace(/^\/+/, ''));
    // The same answer for a path in no mount and a mount the token cannot use: no probing for mounts.
    const refused = new VaultError(403, [`preflight capability check returned 403, please ensure client's policies grant access to path "${path}"`]);
    const mount = this.mountFor(ns, path);
    if (!mount || !acl.hasMountAccess((ns.path + mount.path).slice(token.namespace.length))) throw refused;
    return this.ok(mountInfo(mount, mount.path), 'system');
  }

  private appRoleLogin(ns: Namespace, body: Record<string, unknown>): EngineResult {
    const role = appRoleLogin(ns.approles.values(), body);
    const entry = this.tokens.issue({ policies: role.policies, namespace: ns.path, ttlSeconds: role.tokenTtlSeconds, renewable: true, displayName: 'approle', path: 'auth/approle/login', meta: { role_name: role.name }, orphan: true });
    return { status: 200, envelope: { data: null, auth: this.tokens.authBlock(entry), mountType: 'approle' } };
  }

  /** auth/token/create: a child of the caller, with the caller's policies or a subset of them. */
  private createChildToken(parent: TokenEntry, body: Record<string, unknown>): EngineResult {
    const root = parent.policies.includes('root');
    const asked = Array.isArray(body.policies) ? (body.policies as string[]) : parent.policies.filter((p) => p !== 'default');
    if (!root && asked.some((p) => !parent.policies.includes(p))) throw badRequest('child policies must be subset of parent');
    const entry = this.tokens.issue({
      policies: asked,
      namespace: parent.namespace,
      ...(body.ttl !== undefined ? { ttlSeconds: durationSeconds(body.ttl) } : {}),
      ...(typeof body.renewable === 'boolean' ? { renewable: body.renewable } : {}),
      displayName: `token${typeof body.display_name === 'string' ? `-${body.display_name}` : ''}`,
      meta: (body.meta as Record<string, string> | undefined) ?? null,
      noDefaultPolicy: body.no_default_policy === true,
      orphan: false,
    });
    return { status: 200, envelope: { data: null, auth: this.tokens.authBlock(entry), mountType: 'token' } };
  }

  private aclOf(token: TokenEntry): Acl {
    if (token.policies.includes('root')) return new Acl([], true);
    const ns = this.namespace(token.namespace);
    return new Acl(token.policies.map((name) => (name === 'default' ? DEFAULT_POLICY : ns.policies.get(name) ?? [])));
  }

  private mountFor(ns: Namespace, path: string): Mount | undefined {
    let best: Mount | undefined;
    for (const mount of ns.mounts.values()) {
      if ((path.startsWith(mount.path) || `${path}/` === mount.path) && (!best || mount.path.length > best.path.length)) best = mount;
    }
    return best;
  }

  /** sys/seal-status: a plain object, not a logical response envelope. */
  private sealStatus(): Record<string, unknown> {
    return {
      type: 'shamir', initialized: true, sealed: this.isSealed, t: 1, n: 1, progress: 0, nonce: '', version: VAULT_VERSION,
      build_date: '2026-10-01T00:00:00Z', migration: false, recovery_seal: false, storage_type: 'inmem',
      ...(this.isSealed ? {} : { cluster_name: 'vault-cluster-envguard', cluster_id: 'envguard-test-cluster' }),
    };
  }

  /** sys/health: a plain object; 503 while sealed. */
  private health(): Record<string, unknown> {
    return {
      initialized: true, sealed: this.isSealed, standby: false, performance_standby: false, replication_performance_mode: 'disabled',
      replication_dr_mode: 'disabled', server_time_utc: Math.floor(this.now() / 1000), version: VAULT_VERSION,
    };
  }

  private ok(data: unknown, mountType: string): EngineResult {
    return { status: 200, envelope: { data, mountType } };
  }

  // ---- Control, for tests in another process (the extension host): https://127.0.0.1:PORT/_control/… ----

  private control(req: IncomingMessage, url: URL, body: string, res: ServerResponse): void {
    const action = url.pathname.slice('/_control/'.length);
    const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const ok = (extra: Record<string, unknown> = {}): void => send(res, 200, { ok: true, ...extra });
    const namespace = typeof input.namespace === 'string' ? input.namespace : '';
    try {
      if (req.method === 'GET') {
        if (action === 'values') return send(res, 200, Object.fromEntries(this.values(url.searchParams.get('mount') ?? 'secret', url.searchParams.get('namespace') ?? '')));
        if (action === 'requests') return send(res, 200, this.requests);
        if (action === 'traffic') return send(res, 200, { inFlight: this.traffic.inFlight, maxInFlight: this.traffic.maxInFlight, latencyMs: this.traffic.latencyMs });
      }
      if (req.method === 'POST') {
        switch (action) {
          case 'fail': this.fail(input.fault as VaultFault, input); return ok();
          case 'clear-faults': this.clearFaults(); return ok();
          case 'latency': this.traffic.latencyMs = Number(url.searchParams.get('ms') ?? 0); return ok();
          case 'seal': this.seal(); return ok();
          case 'unseal': this.unseal(); return ok();
          case 'namespace': this.createNamespace(String(input.path)); return ok();
          case 'mount': this.mount(String(input.path), { version: input.version === 1 ? 1 : 2, namespace }); return ok();
          case 'policy': this.policy(String(input.name), input.rules as PolicyRule[], namespace); return ok();
          case 'token': return ok({ token: this.createToken(input as unknown as TokenOptions) });
          case 'revoke-token': this.revokeToken(String(input.token)); return ok();
          case 'approle': return ok(this.appRole(String(input.name), { policies: input.policies as string[], namespace }));
          case 'elapse': this.elapse(Number(input.ms ?? 0)); return ok();
          case 'reset': this.reset(); return ok({ rootToken: this.rootToken });
        }
      }
    } catch (error) {
      return send(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
    send(res, 404, { error: `unknown control action ${req.method ?? ''} ${action}` });
  }
}

/** What sys/mounts and the preflight (which adds the mount's path) say of a mount, keys sorted as Go writes a map. */
function mountInfo(mount: Mount, path?: string): Record<string, unknown> {
  return {
    accessor: mount.accessor,
    config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
    description: mount.description,
    external_entropy_access: false,
    local: false,
    options: { version: String(mount.engine.version) },
    ...(path !== undefined ? { path } : {}),
    plugin_version: '',
    running_plugin_version: 'v0.25.0+builtin',
    running_sha256: '',
    seal_wrap: false,
    type: 'kv',
    uuid: mount.uuid,
  };
}

function withSlash(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return `${trimmed}/`;
}

function withSlashOrEmpty(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}
