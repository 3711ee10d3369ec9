// Runs the test Secrets Manager as a process of its own (for the extension host's integration suite
// and the bench): prints {"port","endpoint","region","caFile","certDir","accessKeyId","secretAccessKey"} on one line
// (the test credentials, for a client that takes them from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then serves
// until SIGTERM. Tests in other processes drive it through https://127.0.0.1:PORT/_control/….
import { testCertificates } from '../keyvault/certs';
import { AwsSecretsManagerTestServer, TEST_CREDENTIALS } from './server';

async function main(): Promise<void> {
  const server = await AwsSecretsManagerTestServer.start();
  const { dir, caFile } = testCertificates();
  process.stdout.write(`${JSON.stringify({ port: server.port, endpoint: server.endpoint, region: server.region, caFile, certDir: dir, accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey })}\n`);
  process.on('SIGTERM', () => { void server.close().then(() => process.exit(0)); });
}

void main();
