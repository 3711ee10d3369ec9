/**
 * The AWS provider against the faithful Secrets Manager server, in this process, with the real SDK:
 * the server's endpoint given as a user's configuration would give it (a VPC endpoint: `endpoint`
 * and an allowed `host:port`), the test CA through an https agent (as a corporate CA is given), the
 * test credentials passed as options. support/aws.ts sets AWS_EC2_METADATA_DISABLED=true.
 */
import { Agent } from 'node:https';
import { parseReference, type VaultReference } from '../../../../src/core/references';
import { AwsSecretsManager, AwsSecretSource, type AwsSecretsManagerOptions, type AwsSourceOptions } from '../../../../src/core/vault/aws';
import { testCertificates } from '../../../servers/keyvault/certs';
import { TEST_CREDENTIALS, type AwsSecretsManagerTestServer } from '../../../servers/aws-secrets-manager/server';
import { useAwsServer } from '../../servers/support/aws';

export { useAwsServer };

let agent: Agent | undefined;

/** The https agent that trusts the test CA (what a user behind a corporate CA passes). */
export function trustingAgent(): Agent {
  agent ??= new Agent({ ca: testCertificates().ca, keepAlive: true });
  return agent;
}

/** What a user's settings would give to reach the server: its endpoint, allowed as host:port. */
export function serverAccess(server: AwsSecretsManagerTestServer): { endpoint: string; allowedHosts: string[]; requestHandler: { httpsAgent: Agent } } {
  return { endpoint: server.endpoint, allowedHosts: [`127.0.0.1:${server.port}`], requestHandler: { httpsAgent: trustingAgent() } };
}

export function openTestProvider(server: AwsSecretsManagerTestServer, options: Partial<AwsSecretsManagerOptions> = {}): AwsSecretsManager {
  return new AwsSecretsManager({ region: server.region, credentials: TEST_CREDENTIALS, maxAttempts: 2, ...serverAccess(server), ...options });
}

export function openTestSource(server: AwsSecretsManagerTestServer, options: Partial<AwsSourceOptions> = {}): AwsSecretSource {
  return new AwsSecretSource({ region: server.region, credentials: () => TEST_CREDENTIALS, maxAttempts: 2, ...serverAccess(server), ...options });
}

export function ref(text: string): VaultReference {
  const parsed = parseReference(text);
  if (!parsed) throw new Error(`not a reference: ${text}`);
  return parsed;
}

/** The operations the server saw, in order. */
export function operations(server: AwsSecretsManagerTestServer): string[] {
  return server.requests.map((r) => r.operation);
}
