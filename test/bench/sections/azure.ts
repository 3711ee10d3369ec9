/**
 * Resolving Azure Key Vault references through the real SDK against the test Key Vault server with
 * 50 ms of latency added to every request: 50 references at once (EnvGuard's bounded parallel
 * resolution, a fresh source each run, so the challenge and the token are included), the same one
 * by one (what a naive resolver does), and a cached re-resolution.
 */
import { parseReference, type VaultReference } from '../../../src/core/references';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { AzureSecretSource } from '../../../src/core/vault/azure';
import { AUTHORITY_HOST_NAME, testCertificates } from '../../servers/keyvault/certs';
import { testClientOptions, testCredential } from '../../servers/keyvault/client-options';
import { TEST_TENANT, type KeyVaultTestServer } from '../../servers/keyvault/server';
import { formatRatio, formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const COUNT = 50;
const LATENCY_MS = 50;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const azureSection: Section = {
  name: `Azure Key Vault resolution (${COUNT} references, ${LATENCY_MS} ms per request)`,
  async run(context: BenchContext): Promise<Row[]> {
    const { dir } = testCertificates();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'child', 'keyvault-server.ts'), String(COUNT), String(LATENCY_MS)], {
      env: { ...process.env, ENVGUARD_TEST_CERTS: dir }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`the Key Vault server exited (${code})`)));
        child.stdout.setEncoding('utf8').once('data', (line: string) => resolve((JSON.parse(line) as { port: number }).port));
      });
      const server = { port, vaultUrl: (name: string) => `https://${name}.vault.azure.net:${port}`, authorityHost: `https://${AUTHORITY_HOST_NAME}:${port}` };
      const refs = Array.from({ length: COUNT }, (_, i) => parseReference(`@Microsoft.KeyVault(SecretUri=${server.vaultUrl('bench')}/secrets/SECRET-${i})`)) as VaultReference[];
      // As the CLI runs it: the tenant is known (AZURE_TENANT_ID), so the token is fetched during the challenge.
      const fresh = (concurrency?: number): AzureSecretSource => new AzureSecretSource({ credential: () => testCredential(server as KeyVaultTestServer), clientOptions: testClientOptions(), tenantId: TEST_TENANT, ...(concurrency ? { concurrency } : {}) });

      const parallel: number[] = [];
      const cached: number[] = [];
      for (let i = 0; i <= context.runs; i++) {
        const source = fresh();
        const t = await timed(async () => {
          const results = await source.resolve(refs);
          if (!results.every((r) => r.ok)) throw new Error('a reference did not resolve');
        });
        const c = await timed(() => source.resolve(refs));
        if (i > 0) { parallel.push(t); cached.push(c); }
      }
      const serialRuns = Math.min(3, context.runs);
      const serial: number[] = [];
      for (let i = 0; i < serialRuns; i++) serial.push(await timed(() => fresh(1).resolve(refs)));

      const roundTrips = median(parallel) / LATENCY_MS;
      return [
        { measure: `${COUNT} references, in parallel (EnvGuard)`, value: formatTimings(parallel), notes: `${roundTrips.toFixed(1)} round trips' time; includes Key Vault's challenge and the token`, goal: { text: `< 3 round trips (${3 * LATENCY_MS} ms)`, met: median(parallel) < 3 * LATENCY_MS } },
        { measure: `${COUNT} references, one by one`, value: formatTimings(serial), notes: `${serialRuns} runs; ${formatRatio(median(serial) / median(parallel))} the parallel time` },
        { measure: 'cached re-resolution', value: formatTimings(cached), notes: 'values in memory only, 60 s by default', goal: { text: '< 5 ms', met: median(cached) < 5 } },
      ];
    } finally {
      child.kill();
    }
  },
};
