/**
 * A faithful AWS Secrets Manager for tests and the bench, over HTTPS on loopback with the test CA.
 * It speaks the JSON 1.1 protocol (`POST /`, `X-Amz-Target: secretsmanager.<Operation>`), verifies
 * every request's SigV4 signature against the credentials it knows (./sigv4.ts), and answers the
 * operations the product needs (./operations.ts) with the service's shapes and errors. Switches:
 * faults (throttling, any error code, server errors, dropped connections) for the next N requests or
 * N requests of one operation, latency with in-flight counting, an IAM-like deny list per action and
 * secret, undecryptable secrets, expired sessions, and a clock to move past recovery windows.
 * Clients reach it through the standard configuration: AWS_ENDPOINT_URL(_SECRETS_MANAGER) = `endpoint`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultPlan, listenLoopbackHttps, readBody, sendJson, Traffic, type FaultOptions, type LoopbackHttpsServer } from '../common/loopback';
import { accessDenied, AwsError, FAULT_DEFAULTS } from './errors';
import { OPERATIONS, type Input, type OperationContext } from './operations';
import { DEFAULT_MAX_SKEW_MS, verifySignature, type SigningCredential } from './sigv4';
import { AWSCURRENT, SecretStore, type Secret } from './store';

export const TEST_REGION = 'us-east-1';
/** AWS's documentation account. */
export const TEST_ACCOUNT = '123456789012';
// Assembled at run time: no key-shaped literal in the repository.
const KEY_ID_PREFIX = `AK${'IA'}`;
const SESSION_KEY_ID_PREFIX = `AS${'IA'}`;

/** A long-term IAM user key. */
export const TEST_CREDENTIALS = {
  accessKeyId: `${KEY_ID_PREFIX}ENVGUARDTEST0001`,
  secretAccessKey: ['envguard', 'test', 'secret', 'access', 'key'].join('-'),
  principalArn: `arn:aws:iam::${TEST_ACCOUNT}:user/envguard-test`,
} as const;

/** Temporary credentials (an assumed role's session): the session token is part of every request. */
export const TEST_SESSION_CREDENTIALS = {
  accessKeyId: `${SESSION_KEY_ID_PREFIX}ENVGUARDTEST0002`,
  secretAccessKey: ['envguard', 'test', 'session', 'secret'].join('-'),
  sessionToken: ['envguard', 'test', 'session', 'token'].join('-'),
  principalArn: `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/envguard-test-role/envguard-session`,
} as const;

export type AwsFault = { readonly error: string; readonly status?: number; readonly message?: string } | { readonly drop: true };

export interface DenyRule {
  /** The Secrets Manager action (`GetSecretValue`, `BatchGetSecretValue`…) or `*`. */
  readonly action: string;
  /** Only this secret (name or ARN); every secret if absent. */
  readonly secret?: string;
  /** Only requests signed with this access key; every caller if absent. */
  readonly accessKeyId?: string;
}

export interface RecordedRequest {
  readonly operation: string;
  readonly accessKeyId?: string;
  readonly status: number;
  readonly error?: string;
}

export interface AwsServerOptions {
  readonly region?: string;
  readonly account?: string;
  readonly maxSkewMs?: number;
}

export class AwsSecretsManagerTestServer {
  readonly region: string;
  readonly account: string;
  readonly requests: RecordedRequest[] = [];
  readonly traffic = new Traffic();
  /** The most items one page of ListSecrets, ListSecretVersionIds or a filtered batch holds. */
  pageSize = 100;
  private readonly credentials = new Map<string, SigningCredential>();
  private readonly store: SecretStore;
  private readonly faults = new FaultPlan<AwsFault>();
  private denies: DenyRule[] = [];
  private clockOffsetMs = 0;
  private readonly maxSkewMs: number;
  private listener!: LoopbackHttpsServer;

  private constructor(options: AwsServerOptions) {
    this.region = options.region ?? TEST_REGION;
    this.account = options.account ?? TEST_ACCOUNT;
    this.maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
    this.store = new SecretStore(this.region, this.account, () => Date.now() + this.clockOffsetMs);
    this.addDefaultCredentials();
  }

  static async start(options: AwsServerOptions = {}): Promise<AwsSecretsManagerTestServer> {
    const server = new AwsSecretsManagerTestServer(options);
    server.listener = await listenLoopbackHttps((req, res) => void server.handle(req, res));
    return server;
  }

  get port(): number {
    return this.listener.port;
  }

  /** What AWS_ENDPOINT_URL_SECRETS_MANAGER (or the CLI's --endpoint-url) is set to. */
  get endpoint(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Another key the server accepts (an IAM user's, or temporary credentials with a session token). */
  addCredential(credential: SigningCredential): void {
    this.credentials.set(credential.accessKeyId, { ...credential });
  }

  /** The session of these temporary credentials ends: requests get ExpiredTokenException. */
  expireSession(accessKeyId: string): void {
    const credential = this.credentials.get(accessKeyId);
    if (credential) credential.expired = true;
  }

  /** `count` requests (of one operation with `only`) fail this way, after `after` more succeed. */
  fail(fault: AwsFault, options: FaultOptions = {}): void {
    this.faults.add(fault, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** An explicit deny: the action (on the secret, for the caller) answers AccessDeniedException. */
  deny(rule: DenyRule): void {
    this.denies.push(rule);
  }

  allowAll(): void {
    this.denies = [];
  }

  /** The secret's values can no longer be decrypted (DecryptionFailure), or can again. */
  breakDecryption(secretId: string, broken = true): void {
    const secret = this.store.find(secretId);
    if (!secret) throw new Error(`No secret ${secretId}`);
    secret.undecryptable = broken;
  }

  /** Moves the server's clock forward (recovery windows end); signatures are still checked against real time. */
  elapse(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** A secret's value at a label (AWSCURRENT by default) as the server holds it, for assertions. */
  peek(secretId: string, stage = AWSCURRENT): string | undefined {
    const secret = this.store.find(secretId);
    if (!secret || secret.deletionDate !== undefined) return undefined;
    return secret.versions.find((v) => v.stages.has(stage))?.value.string;
  }

  /** Every live secret's current string value (for "nothing lost" checks). */
  values(): Map<string, string> {
    const out = new Map<string, string>();
    for (const secret of this.store.all()) {
      const current = secret.versions.find((v) => v.stages.has(AWSCURRENT))?.value.string;
      if (secret.deletionDate === undefined && current !== undefined) out.set(secret.name, current);
    }
    return out;
  }

  reset(): void {
    this.store.clear();
    this.requests.length = 0;
    this.traffic.reset();
    this.faults.clear();
    this.denies = [];
    this.clockOffsetMs = 0;
    this.pageSize = 100;
    this.credentials.clear();
    this.addDefaultCredentials();
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  private addDefaultCredentials(): void {
    this.addCredential(TEST_CREDENTIALS);
    this.addCredential(TEST_SESSION_CREDENTIALS);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const target = req.url ?? '/';
    if (target.startsWith('/_control/')) return this.control(req, new URL(target, this.endpoint), body.toString('utf8'), res);
    await this.traffic.admit();
    const operation = /^secretsmanager\.(\w+)$/.exec(String(req.headers['x-amz-target'] ?? ''))?.[1] ?? '';
    let caller: SigningCredential | undefined;
    try {
      caller = verifySignature({ method: req.method ?? '', target, rawHeaders: req.rawHeaders, body }, {
        region: this.region, service: 'secretsmanager', now: Date.now(), maxSkewMs: this.maxSkewMs,
        credential: (id) => this.credentials.get(id),
      });
      const run = OPERATIONS[operation];
      if (req.method !== 'POST' || target !== '/' || !run) throw new AwsError('UnknownOperationException', `Operation ${operation || '(none)'} is not supported by this server.`, 400, 'lower');
      const fault = this.faults.take((only) => only === operation);
      if (fault && 'drop' in fault) { req.socket.destroy(); return; }
      if (fault) {
        const known = FAULT_DEFAULTS[fault.error];
        throw new AwsError(fault.error, fault.message ?? known?.message ?? 'Injected fault', fault.status ?? known?.status ?? 400, known?.messageKey ?? 'Message');
      }
      const output = run(parseInput(body), this.context(caller));
      this.record(operation, caller, 200);
      sendJson(res, 200, output, responseHeaders());
    } catch (error) {
      const awsError = error instanceof AwsError ? error : new AwsError('InternalServiceError', error instanceof Error ? error.message : 'error', 500);
      this.record(operation, caller, awsError.status, awsError.code);
      sendJson(res, awsError.status, awsError.body(), responseHeaders());
    }
  }

  private context(caller: SigningCredential): OperationContext {
    return {
      store: this.store,
      pageSize: this.pageSize,
      authorize: (action: string, secret?: Secret) => {
        const denied = this.denies.some((rule) =>
          (rule.action === '*' || rule.action === action) &&
          (rule.accessKeyId === undefined || rule.accessKeyId === caller.accessKeyId) &&
          (rule.secret === undefined ? true : secret !== undefined && (rule.secret === secret.name || rule.secret === secret.arn)));
        if (denied) throw accessDenied(caller.principalArn, action, secret?.arn);
      },
    };
  }

  private record(operation: string, caller: SigningCredential | undefined, status: number, error?: string): void {
    this.requests.push({ operation, status, ...(caller ? { accessKeyId: caller.accessKeyId } : {}), ...(error ? { error } : {}) });
  }

  // ---- Control, for tests in another process (the extension host): https://127.0.0.1:PORT/_control/… ----

  private control(req: IncomingMessage, url: URL, body: string, res: ServerResponse): void {
    const action = url.pathname.slice('/_control/'.length);
    const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const ok = (): void => sendJson(res, 200, { ok: true });
    if (req.method === 'GET') {
      if (action === 'values') return sendJson(res, 200, Object.fromEntries(this.values()));
      if (action === 'requests') return sendJson(res, 200, this.requests);
      if (action === 'traffic') return sendJson(res, 200, { inFlight: this.traffic.inFlight, maxInFlight: this.traffic.maxInFlight, latencyMs: this.traffic.latencyMs });
    }
    if (req.method === 'POST') {
      switch (action) {
        case 'fail': this.fail(input.fault as AwsFault, input); return ok();
        case 'clear-faults': this.clearFaults(); return ok();
        case 'latency': this.traffic.latencyMs = Number(url.searchParams.get('ms') ?? 0); return ok();
        case 'deny': this.deny(input as unknown as DenyRule); return ok();
        case 'allow-all': this.allowAll(); return ok();
        case 'break-decryption': this.breakDecryption(String(input.secret), input.broken !== false); return ok();
        case 'expire-session': this.expireSession(String(input.accessKeyId)); return ok();
        case 'elapse': this.elapse(Number(input.ms ?? 0)); return ok();
        case 'page-size': this.pageSize = Number(input.size ?? 100); return ok();
        case 'reset': this.reset(); return ok();
      }
    }
    sendJson(res, 404, { error: `unknown control action ${req.method ?? ''} ${action}` });
  }
}

function parseInput(body: Buffer): Input {
  if (body.length === 0) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Input;
  } catch {
    // answered below
  }
  throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400, 'lower');
}

function responseHeaders(): Record<string, string> {
  return { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID() };
}
