// The bench's AWS Secrets Manager or HashiCorp Vault server, in a process of its own (a real vault
// is on another machine: its TLS and JSON work must not run on the event loop being measured).
// Args: aws|hashicorp, count, latency ms. Seeds the secrets the client reads (see cloud-vault-client.ts),
// then sets the latency, prints {"port","address","region","rootToken"} and serves until killed.
import { Agent } from 'node:https';
import { AwsSecretsManager } from '../../../src/core/vault/aws';
import { HashiCorpVault } from '../../../src/core/vault/hashicorp';
import { testCertificates } from '../../servers/keyvault/certs';
import { AwsSecretsManagerTestServer, TEST_CREDENTIALS } from '../../servers/aws-secrets-manager/server';
import { VaultTestServer } from '../../servers/vault/server';
import { BENCH_PATHS } from './cloud-vault-layout';

async function main(): Promise<void> {
  const [which, countText, latencyText] = process.argv.slice(2) as [string, string, string];
  const count = Number(countText);
  const latency = Number(latencyText);
  if (which === 'aws') {
    const server = await AwsSecretsManagerTestServer.start();
    const vault = new AwsSecretsManager({
      region: server.region, credentials: TEST_CREDENTIALS, endpoint: server.endpoint, allowedHosts: [`127.0.0.1:${server.port}`],
      requestHandler: { httpsAgent: new Agent({ ca: testCertificates().ca }) }, layout: 'secret-per-key',
    });
    await vault.setMany(Array.from({ length: count }, (_, i) => ({ name: `bench/SECRET_${i}`, value: `value-${i}` })));
    server.traffic.latencyMs = latency;
    process.stdout.write(`${JSON.stringify({ port: server.port, address: server.endpoint, region: server.region })}\n`);
    return;
  }
  const server = await VaultTestServer.start();
  const vault = await new HashiCorpVault({ env: { VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken, VAULT_CACERT: testCertificates().caFile } }).open();
  await vault.setMany(Array.from({ length: count }, (_, i) => ({ name: `${BENCH_PATHS[i % BENCH_PATHS.length]}#KEY_${i}`, value: `value-${i}` })));
  server.traffic.latencyMs = latency;
  process.stdout.write(`${JSON.stringify({ port: server.port, address: server.address, rootToken: server.rootToken })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
