/**
 * Reaching the test Vault from tests: a plain HTTPS client of our own (no Vault library: what goes
 * over the wire is what the test says), and Debian's python3-hvac as an independent client, run by
 * the system Python with VAULT_ADDR, VAULT_CACERT and VAULT_TOKEN, as a user would run it.
 */
import { execFile, spawnSync } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import * as path from 'node:path';
import { testCertificates } from '../../../servers/keyvault/certs';
import { VaultTestServer } from '../../../servers/vault/server';
import { useTestServer } from './use-server';

export function useVaultServer(): { readonly server: VaultTestServer } {
  return useTestServer(() => VaultTestServer.start());
}

export interface VaultReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed, or undefined for an empty body. */
  readonly json: Record<string, unknown> | undefined;
}

export interface VaultCall {
  readonly token?: string;
  /** Send the token as `Authorization: Bearer` instead of X-Vault-Token. */
  readonly bearer?: boolean;
  readonly namespace?: string;
  readonly body?: unknown;
  readonly contentType?: string;
}

export function vault(server: VaultTestServer, method: string, apiPath: string, call: VaultCall = {}): Promise<VaultReply> {
  const headers: Record<string, string> = {};
  if (call.token !== undefined) {
    if (call.bearer) headers.Authorization = `Bearer ${call.token}`;
    else headers['X-Vault-Token'] = call.token;
  }
  if (call.namespace !== undefined) headers['X-Vault-Namespace'] = call.namespace;
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  if (body !== undefined) headers['Content-Type'] = call.contentType ?? 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(`${server.address}/v1/${apiPath}`, { method, ca: testCertificates().ca, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: text === '' ? undefined : JSON.parse(text) as Record<string, unknown> });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `data` of a reply, which must have the status given. */
export function dataOf(reply: VaultReply, status = 200): Record<string, unknown> {
  if (reply.status !== status) throw new Error(`expected ${status}, got ${reply.status}: ${reply.text}`);
  return (reply.json?.data ?? {}) as Record<string, unknown>;
}

/** The system Python with Debian's hvac, or why there is none. */
export const hvac: { readonly python?: string; readonly version?: string; readonly missing?: string } = (() => {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import hvac, importlib.metadata as m; print(m.version("hvac"))'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { missing: `python3-hvac is not installed for ${python} (apt-get install python3-hvac; .ci/run installs it)` };
  return { python, version: probe.stdout.trim() };
})();

/** Runs one scenario of ./hvac_scenarios.py against the server; returns what it printed (JSON). */
export function runHvac(server: VaultTestServer, scenario: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    VAULT_ADDR: server.address,
    VAULT_CACERT: testCertificates().caFile,
    VAULT_TOKEN: server.rootToken,
    ...env,
  };
  return new Promise((resolve, reject) => {
    execFile(hvac.python!, [path.join(__dirname, 'hvac_scenarios.py'), scenario], { env: childEnv, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`hvac scenario ${scenario} failed: ${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}
