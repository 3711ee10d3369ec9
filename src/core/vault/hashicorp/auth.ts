/**
 * The Vault token, from where Vault's own tools take it: VAULT_TOKEN, else an AppRole login when
 * VAULT_ROLE_ID and VAULT_SECRET_ID are set (CI; the names vals and most CI recipes use), else the
 * file `vault login` writes (~/.vault-token). A renewable token close to its end (under a third of its
 * TTL left) is renewed (auth/token/renew-self); an AppRole token that Vault refuses is replaced by a
 * new login. lookup-self says when the token ends, for `status`.
 */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VaultError } from '../types';
import { responseError, transportError, type VaultOperation } from './errors';
import type { VaultHttp, VaultResponse } from './http';
import { trimSlashes } from '../slashes';

export type TokenOrigin = 'VAULT_TOKEN' | 'AppRole' | '~/.vault-token' | 'settings';

export interface VaultAuthOptions {
  /** A token an adapter holds (the extension's secret storage); wins over the environment. */
  readonly token?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Where ~/.vault-token is looked for. Default the user's home. */
  readonly homeDir?: string;
  /** Where AppRole is mounted. Default `approle`. */
  readonly appRoleMount?: string;
  /** Clock (tests that move the server's clock move this one too). */
  readonly now?: () => number;
}

/** What lookup-self says of the token. */
export interface TokenStatus {
  readonly origin: TokenOrigin;
  /** Undefined for a token that never expires (root). */
  readonly expiresAt?: Date;
  readonly renewable: boolean;
  readonly policies: readonly string[];
}

interface Known { readonly token: string; readonly origin: TokenOrigin }
interface Lifetime { readonly expiresAtMs?: number; readonly ttlSeconds: number; readonly renewable: boolean }

export class VaultAuth {
  private current: Promise<Known> | undefined;
  private lifetime: Lifetime | undefined;
  private renewing: Promise<void> | undefined;
  private looking: Promise<void> | undefined;

  constructor(private readonly http: VaultHttp, private readonly vault: string, private readonly options: VaultAuthOptions = {}) {}

  /** The token to send, renewed first when it is renewable and close to its end. */
  async token(): Promise<string> {
    const known = await (this.current ??= this.acquire());
    if (this.lifetime === undefined) {
      // Learn the token's end on first use, beside the first requests rather than before them.
      this.looking ??= this.lookup(known.token).then(() => undefined, () => { this.lifetime ??= { ttlSeconds: 0, renewable: false }; }).finally(() => { this.looking = undefined; });
    } else if (this.closeToEnd()) {
      await (this.renewing ??= this.renew(known.token).finally(() => { this.renewing = undefined; }));
    }
    return known.token;
  }

  /** After Vault refused the token: an AppRole token is replaced by a new login (true); any other cannot be. */
  async refresh(): Promise<boolean> {
    const known = await this.current?.catch(() => undefined);
    if (known?.origin !== 'AppRole') return false;
    this.current = this.acquire();
    this.lifetime = undefined;
    await this.current;
    return true;
  }

  async status(): Promise<TokenStatus> {
    const known = await (this.current ??= this.acquire());
    const data = await this.lookup(known.token);
    const policies = Array.isArray(data.policies) ? data.policies.filter((p): p is string => typeof p === 'string') : [];
    return {
      origin: known.origin,
      ...(this.lifetime?.expiresAtMs !== undefined ? { expiresAt: new Date(this.lifetime.expiresAtMs) } : {}),
      renewable: this.lifetime?.renewable ?? false,
      policies,
    };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private closeToEnd(): boolean {
    const life = this.lifetime;
    if (!life?.renewable || life.expiresAtMs === undefined || life.ttlSeconds <= 0) return false;
    return life.expiresAtMs - this.now() < (life.ttlSeconds * 1000) / 3;
  }

  private async acquire(): Promise<Known> {
    const env = this.options.env ?? process.env;
    if (this.options.token) return { token: this.options.token, origin: 'settings' };
    if (env.VAULT_TOKEN) return { token: env.VAULT_TOKEN.trim(), origin: 'VAULT_TOKEN' };
    if (env.VAULT_ROLE_ID && env.VAULT_SECRET_ID) return { token: await this.appRoleLogin(env.VAULT_ROLE_ID, env.VAULT_SECRET_ID), origin: 'AppRole' };
    const file = path.join(this.options.homeDir ?? os.homedir(), '.vault-token');
    let text = '';
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      // no file: said below
    }
    if (text) return { token: text, origin: '~/.vault-token' };
    throw new VaultError('unauthenticated', `no Vault token for ${this.vault}: run vault login (it writes ~/.vault-token), or set VAULT_TOKEN; in CI, set VAULT_ROLE_ID and VAULT_SECRET_ID for an AppRole login`);
  }

  private async appRoleLogin(roleId: string, secretId: string): Promise<string> {
    const mount = trimSlashes(this.options.appRoleMount ?? 'approle');
    const op: VaultOperation = { verb: 'log in (AppRole) to', vault: this.vault };
    const response = await this.call({ method: 'POST', path: `auth/${mount}/login`, body: { role_id: roleId, secret_id: secretId } }, op);
    const auth = (response.body as { auth?: { client_token?: unknown; lease_duration?: unknown; renewable?: unknown } } | undefined)?.auth;
    if (response.status !== 200 || typeof auth?.client_token !== 'string') throw responseError(response, op);
    const ttl = typeof auth.lease_duration === 'number' ? auth.lease_duration : 0;
    this.lifetime = { ttlSeconds: ttl, renewable: auth.renewable === true, ...(ttl > 0 ? { expiresAtMs: this.now() + ttl * 1000 } : {}) };
    return auth.client_token;
  }

  private async lookup(token: string): Promise<Record<string, unknown>> {
    const op: VaultOperation = { verb: 'look up the token in', path: 'auth/token/lookup-self', capability: 'read', vault: this.vault };
    const response = await this.call({ method: 'GET', path: 'auth/token/lookup-self', token }, op);
    if (response.status !== 200) throw responseError(response, op);
    const data = ((response.body as { data?: unknown } | undefined)?.data ?? {}) as Record<string, unknown>;
    const ttl = typeof data.ttl === 'number' ? data.ttl : 0;
    const creationTtl = typeof data.creation_ttl === 'number' ? data.creation_ttl : ttl;
    this.lifetime = { ttlSeconds: creationTtl, renewable: data.renewable === true, ...(ttl > 0 ? { expiresAtMs: this.now() + ttl * 1000 } : {}) };
    return data;
  }

  private async renew(token: string): Promise<void> {
    const op: VaultOperation = { verb: 'renew the token in', path: 'auth/token/renew-self', capability: 'update', vault: this.vault };
    const response = await this.call({ method: 'POST', path: 'auth/token/renew-self', token, body: {} }, op);
    const auth = (response.body as { auth?: { lease_duration?: unknown; renewable?: unknown } } | undefined)?.auth;
    if (response.status !== 200 || typeof auth?.lease_duration !== 'number') {
      // A failed renewal is not a failed read: the token still works until its end; look again next time.
      this.lifetime = undefined;
      return;
    }
    this.lifetime = { ttlSeconds: this.lifetime?.ttlSeconds ?? auth.lease_duration, renewable: auth.renewable === true, expiresAtMs: this.now() + auth.lease_duration * 1000 };
  }

  private async call(request: Parameters<VaultHttp['send']>[0], op: VaultOperation): Promise<VaultResponse> {
    try {
      return await this.http.send(request);
    } catch (error) {
      throw transportError(error, op);
    }
  }
}
