// The bench's Key Vault server, in a process of its own so that its TLS handshakes and JSON work
// do not run on the event loop being measured (a real vault is on another machine). Seeds
// SECRET-0..N-1 in vault "bench", sets the latency, prints {"port"} and serves until killed.
import { AzureKeyVault } from '../../../src/core/vault/azure';
import { testClientOptions, testCredential } from '../../servers/keyvault/client-options';
import { KeyVaultTestServer } from '../../servers/keyvault/server';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 50);
  const latency = Number(process.argv[3] ?? 50);
  const server = await KeyVaultTestServer.start();
  const vault = new AzureKeyVault({ vault: server.vaultUrl('bench'), credential: testCredential(server), clientOptions: testClientOptions() });
  for (let i = 0; i < count; i++) await vault.set(`SECRET-${i}`, `value-${i}`);
  server.latencyMs = latency;
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
}

void main();
