// The client side of the AWS and Vault bench, in a fresh process as `envguard run` is.
// Args: aws|hashicorp, address, count, runs (and the region or root token).
// Prints {"parallel":[ms…],"cached":[ms…],"requests":[n…]}.
import { Agent } from 'node:https';
import { parseReference, type VaultReference } from '../../../src/core/references';
import type { SecretSource } from '../../../src/core/resolve';
import { AwsSecretSource } from '../../../src/core/vault/aws';
import { HashiCorpVaultSource } from '../../../src/core/vault/hashicorp';
import { testCertificates } from '../../servers/keyvault/certs';
import { TEST_CREDENTIALS } from '../../servers/aws-secrets-manager/server';
import { BENCH_PATHS } from './cloud-vault-layout';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const [which, address, countText, runsText, extra] = process.argv.slice(2) as [string, string, string, string, string];
  const count = Number(countText);
  const runs = Number(runsText);
  const agent = new Agent({ ca: testCertificates().ca, keepAlive: true });
  let references: VaultReference[];
  let fresh: () => SecretSource;
  if (which === 'aws') {
    const port = new URL(address).port;
    references = Array.from({ length: count }, (_, i) => parseReference(`ref+awssecrets://bench/SECRET_${i}?region=${extra}`)!);
    fresh = () => new AwsSecretSource({ credentials: () => TEST_CREDENTIALS, endpoint: address, allowedHosts: [`127.0.0.1:${port}`], requestHandler: { httpsAgent: agent } });
  } else {
    references = Array.from({ length: count }, (_, i) => parseReference(`ref+vault://secret/${BENCH_PATHS[i % BENCH_PATHS.length]}#/KEY_${i}`)!);
    fresh = () => new HashiCorpVaultSource({ env: { VAULT_ADDR: address, VAULT_TOKEN: extra, VAULT_CACERT: testCertificates().caFile } });
  }
  const parallel: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const source = fresh();
    const t = await timed(async () => {
      const results = await source.resolve(references);
      const failed = results.find((r) => !r.ok);
      if (failed && !failed.ok) throw new Error(`a reference did not resolve: ${failed.reason}`);
    });
    const c = await timed(() => source.resolve(references));
    if (i > 0) { parallel.push(t); cached.push(c); }
  }
  process.stdout.write(`${JSON.stringify({ parallel, cached })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
