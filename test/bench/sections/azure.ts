/**
 * Resolving Azure Key Vault references through the real SDK against the test Key Vault server with
 * 50 ms of latency added to every request: 50 references at once (EnvGuard's bounded parallel
 * resolution, a fresh source each run, so the challenge and the token are included), the same one
 * by one (what a naive resolver does), and a cached re-resolution. Server and client each run in
 * a process of their own.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { testCertificates } from '../../servers/keyvault/certs';
import { formatRatio, formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const COUNT = 50;
const LATENCY_MS = 50;

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
      // The client in a fresh process of its own, as `envguard run` is (see child/azure-client.ts).
      const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'child', 'azure-client.ts'), String(port), String(COUNT), String(context.runs)], {
        env: { ...process.env, ENVGUARD_TEST_CERTS: dir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
      });
      const { parallel, cached, serial, migrate } = JSON.parse(output) as { parallel: number[]; cached: number[]; serial: number[]; migrate: number[] };
      const serialRuns = serial.length;
      const roundTrips = median(parallel) / LATENCY_MS;
      return [
        { measure: `${COUNT} references, in parallel (EnvGuard)`, value: formatTimings(parallel), notes: `${roundTrips.toFixed(1)} round trips' time; includes Key Vault's challenge and the token`, goal: { text: `< 3 round trips (${3 * LATENCY_MS} ms)`, met: median(parallel) < 3 * LATENCY_MS } },
        { measure: `${COUNT} references, one by one`, value: formatTimings(serial), notes: `${serialRuns} runs; ${formatRatio(median(serial) / median(parallel))} the parallel time` },
        { measure: 'cached re-resolution', value: formatTimings(cached), notes: 'values in memory only, 60 s by default', goal: { text: '< 5 ms', met: median(cached) < 5 } },
        { measure: 'migrate 20 secrets into a new vault', value: formatTimings(migrate), notes: `${(median(migrate) / LATENCY_MS).toFixed(1)} round trips' time (a lookup, a write and a read-back per secret, 8 at once; one at a time: 61 round trips)` },
      ];
    } finally {
      child.kill();
    }
  },
};
