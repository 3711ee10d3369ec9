/**
 * Resolving AWS Secrets Manager and HashiCorp Vault references with the providers against the
 * faithful test servers, 50 ms of latency added to every request: 50 references in one go (a fresh
 * source each run: AWS's 50 secrets of one key each in BatchGetSecretValue calls of 20, Vault's 50
 * keys over five paths, the mount looked up first), and the cached re-resolution. Server and
 * client each run in a process of their own, beside Key Vault's figures (azure.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { testCertificates } from '../../servers/keyvault/certs';
import { formatTimings, median } from '../lib/stats';
import type { BenchContext, Row, Section } from '../types';

const COUNT = 50;
const LATENCY_MS = 50;

interface Started { readonly address: string; readonly region?: string; readonly rootToken?: string }

async function measure(which: 'aws' | 'hashicorp', context: BenchContext): Promise<{ parallel: number[]; cached: number[] }> {
  const { dir } = testCertificates();
  const env = { ...process.env, ENVGUARD_TEST_CERTS: dir, AWS_EC2_METADATA_DISABLED: 'true' };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'child', 'cloud-vault-server.ts'), which, String(COUNT), String(LATENCY_MS)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const started = await new Promise<Started>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the ${which} server exited (${code})`)));
      child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(JSON.parse(line) as Started));
    });
    const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'child', 'cloud-vault-client.ts'), which, started.address, String(COUNT), String(context.runs), (which === 'aws' ? started.region : started.rootToken) ?? ''], {
      env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(output) as { parallel: number[]; cached: number[] };
  } finally {
    child.kill();
  }
}

export const cloudVaultsSection: Section = {
  name: `AWS Secrets Manager and HashiCorp Vault resolution (${COUNT} references, ${LATENCY_MS} ms per request)`,
  async run(context: BenchContext): Promise<Row[]> {
    const aws = await measure('aws', context);
    const vault = await measure('hashicorp', context);
    const trips = (ms: number[]): string => `${(median(ms) / LATENCY_MS).toFixed(1)} round trips' time`;
    return [
      { measure: `AWS: ${COUNT} secrets, batched (EnvGuard)`, value: formatTimings(aws.parallel), notes: `${trips(aws.parallel)}; BatchGetSecretValue, 20 ids a call, the calls at once; SigV4 signing included`, goal: { text: `< 2 round trips (${2 * LATENCY_MS} ms)`, met: median(aws.parallel) < 2 * LATENCY_MS } },
      { measure: 'AWS: cached re-resolution', value: formatTimings(aws.cached), notes: 'values in memory only, 60 s by default', goal: { text: '< 5 ms', met: median(aws.cached) < 5 } },
      { measure: `Vault: ${COUNT} keys over 5 paths (EnvGuard)`, value: formatTimings(vault.parallel), notes: `${trips(vault.parallel)}; the mount looked up, then one read per path, at once`, goal: { text: `< 3 round trips (${3 * LATENCY_MS} ms)`, met: median(vault.parallel) < 3 * LATENCY_MS } },
      { measure: 'Vault: cached re-resolution', value: formatTimings(vault.cached), notes: 'values in memory only, 60 s by default', goal: { text: '< 5 ms', met: median(vault.cached) < 5 } },
    ];
  },
};
