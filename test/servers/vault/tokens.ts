/**
 * Tokens and AppRole, as Vault's token store and approle auth method answer: service tokens
 * (`hvs.` + 24 characters) with policies, a namespace, a TTL that renew-self extends, and the
 * lookup-self and auth-block shapes; AppRole roles with a role_id and secret_ids that log in.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, goTime } from './responses';

export interface TokenEntry {
  readonly id: string;
  readonly accessor: string;
  /** Sorted; `default` included unless the token is root or made without it. */
  readonly policies: readonly string[];
  /** "" for the root namespace, else "team-a/". */
  readonly namespace: string;
  readonly displayName: string;
  readonly path: string;
  readonly meta: Record<string, string> | null;
  readonly creationTime: number;
  readonly creationTtl: number;
  /** Seconds the token lives after creation or its last renewal; 0: forever (root). */
  ttl: number;
  expireAt?: number;
  readonly renewable: boolean;
  readonly orphan: boolean;
  readonly entityId: string;
}

export interface TokenOptions {
  readonly policies: readonly string[];
  readonly namespace?: string;
  readonly ttlSeconds?: number;
  readonly renewable?: boolean;
  readonly displayName?: string;
  readonly path?: string;
  readonly meta?: Record<string, string> | null;
  readonly noDefaultPolicy?: boolean;
  readonly orphan?: boolean;
}

/** Service tokens live 32 days unless told otherwise (the system's default lease TTL). */
export const DEFAULT_TOKEN_TTL = 2_764_800;

export class TokenStore {
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(private readonly now: () => number) {}

  issue(options: TokenOptions): TokenEntry {
    const root = options.policies.includes('root');
    const policies = [...new Set([...options.policies, ...(root || options.noDefaultPolicy ? [] : ['default'])])].sort();
    const ttl = root && options.ttlSeconds === undefined ? 0 : options.ttlSeconds ?? DEFAULT_TOKEN_TTL;
    const now = this.now();
    const entry: TokenEntry = {
      id: `hvs.${base62(24)}`,
      accessor: base62(24),
      policies,
      namespace: options.namespace ?? '',
      displayName: options.displayName ?? (root ? 'root' : 'token'),
      path: options.path ?? (root ? 'auth/token/root' : 'auth/token/create'),
      meta: options.meta ?? null,
      creationTime: now,
      creationTtl: ttl,
      ttl,
      ...(ttl > 0 ? { expireAt: now + ttl * 1000 } : {}),
      renewable: options.renewable ?? ttl > 0,
      orphan: options.orphan ?? root,
      entityId: root ? '' : randomUUID(),
    };
    this.tokens.set(entry.id, entry);
    return entry;
  }

  /** The live token, or undefined for an unknown, revoked or expired one. */
  lookup(id: string): TokenEntry | undefined {
    const entry = this.tokens.get(id);
    if (entry?.expireAt !== undefined && entry.expireAt <= this.now()) {
      this.tokens.delete(id);
      return undefined;
    }
    return entry;
  }

  revoke(id: string): void {
    this.tokens.delete(id);
  }

  renew(entry: TokenEntry, incrementSeconds: number | undefined): void {
    if (!entry.renewable) throw badRequest('lease is not renewable');
    entry.ttl = incrementSeconds && incrementSeconds > 0 ? incrementSeconds : entry.creationTtl;
    entry.expireAt = this.now() + entry.ttl * 1000;
  }

  clear(): void {
    this.tokens.clear();
  }

  /** auth/token/lookup-self's data. */
  describe(entry: TokenEntry): Record<string, unknown> {
    const remaining = entry.expireAt === undefined ? 0 : Math.max(0, Math.round((entry.expireAt - this.now()) / 1000));
    return {
      accessor: entry.accessor,
      creation_time: Math.floor(entry.creationTime / 1000),
      creation_ttl: entry.creationTtl,
      display_name: entry.displayName,
      entity_id: entry.entityId,
      expire_time: entry.expireAt === undefined ? null : goTime(entry.expireAt),
      explicit_max_ttl: 0,
      id: entry.id,
      ...(entry.expireAt === undefined ? {} : { issue_time: goTime(entry.creationTime) }),
      meta: entry.meta,
      num_uses: 0,
      orphan: entry.orphan,
      path: entry.path,
      policies: entry.policies,
      renewable: entry.renewable,
      ttl: remaining,
      type: 'service',
    };
  }

  /** The `auth` block of a login, a token creation or a renewal. */
  authBlock(entry: TokenEntry): Record<string, unknown> {
    return {
      client_token: entry.id,
      accessor: entry.accessor,
      policies: entry.policies,
      token_policies: entry.policies,
      metadata: entry.meta,
      lease_duration: entry.ttl,
      renewable: entry.renewable,
      entity_id: entry.entityId,
      token_type: 'service',
      orphan: entry.orphan,
      mfa_requirement: null,
      num_uses: 0,
    };
  }
}

export interface AppRole {
  readonly name: string;
  readonly roleId: string;
  readonly secretIds: Set<string>;
  readonly policies: readonly string[];
  readonly tokenTtlSeconds: number;
}

export function newAppRole(name: string, policies: readonly string[], tokenTtlSeconds = 3600): AppRole {
  return { name, roleId: randomUUID(), secretIds: new Set([randomUUID()]), policies, tokenTtlSeconds };
}

/** auth/approle/login: the role by role_id, then the secret_id; the same message for either being wrong. */
export function appRoleLogin(roles: Iterable<AppRole>, body: Record<string, unknown>): AppRole {
  const roleId = body.role_id;
  if (typeof roleId !== 'string' || roleId === '') throw badRequest('missing role_id');
  const role = [...roles].find((r) => r.roleId === roleId);
  if (!role) throw badRequest('invalid role or secret ID');
  const secretId = body.secret_id;
  if (typeof secretId !== 'string' || secretId === '') throw badRequest('missing secret_id');
  if (!role.secretIds.has(secretId)) throw badRequest('invalid role or secret ID');
  return role;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function base62(length: number): string {
  return [...randomBytes(length)].map((b) => BASE62[b % BASE62.length]).join('');
}
