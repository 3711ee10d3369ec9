// Runs the test Vault as a process of its own (for the extension host's integration suite and the
// bench): prints {"port","address","rootToken","unsealKey","caFile","certDir"} on one line, then
// serves until SIGTERM. Tests in other processes drive it through https://127.0.0.1:PORT/_control/….
import { testCertificates } from '../keyvault/certs';
import { VaultTestServer } from './server';

async function main(): Promise<void> {
  const server = await VaultTestServer.start();
  const { dir, caFile } = testCertificates();
  process.stdout.write(`${JSON.stringify({ port: server.port, address: server.address, rootToken: server.rootToken, unsealKey: server.unsealKey, caFile, certDir: dir })}\n`);
  process.on('SIGTERM', () => { void server.close().then(() => process.exit(0)); });
}

void main();
