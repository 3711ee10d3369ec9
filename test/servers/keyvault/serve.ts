// Runs the test Key Vault server as a process of its own (for the extension host's integration
// suite and the bench): prints {"port","certDir","caFile"} on one line, then serves until killed.
// Tests in other processes drive it through https://localhost:PORT/_control/….
import { testCertificates } from './certs';
import { KeyVaultTestServer } from './server';

async function main(): Promise<void> {
  const server = await KeyVaultTestServer.start();
  const { dir, caFile } = testCertificates();
  process.stdout.write(`${JSON.stringify({ port: server.port, certDir: dir, caFile })}\n`);
  process.on('SIGTERM', () => { void server.close().then(() => process.exit(0)); });
}

void main();
