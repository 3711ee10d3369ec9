/**
 * How the tests reach the server with the real SDK and every check on: an https.Agent whose lookup
 * sends *.vault.azure.net and the test authority host to 127.0.0.1 and which trusts the test CA,
 * set on each request by a pipeline policy. Not /etc/hosts, not disableChallengeResourceVerification.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ClientSecretCredential } from '@azure/identity';
import type { SecretClientOptions } from '@azure/keyvault-secrets';
import * as dns from 'node:dns';
import { Agent } from 'node:https';
import { createSecureContext } from 'node:tls';
import { AUTHORITY_HOST_NAME, testCertificates } from './certs';
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_TENANT, type KeyVaultTestServer } from './server';

export function isTestHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h.endsWith('.vault.azure.net') || h === AUTHORITY_HOST_NAME;
}

let agent: Agent | undefined;

export function loopbackAgent(): Agent {
  agent ??= new Agent({
    // One secure context for every connection, as Node's default one is for the system CAs; `ca`
    // here would build a new context, certificates parsed, for each connection.
    secureContext: createSecureContext({ ca: testCertificates().ca }),
    keepAlive: true,
    lookup: ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      if (!isTestHost(hostname)) return dns.lookup(hostname, options, callback as never);
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as never,
  });
  return agent;
}

const loopbackPolicy: PipelinePolicy = {
  name: 'envguardTestLoopback',
  sendRequest(request, next) {
    request.agent = loopbackAgent();
    return next(request);
  },
};

/** SecretClient options that reach the test server. */
export function testClientOptions(): SecretClientOptions {
  return { additionalPolicies: [{ policy: loopbackPolicy, position: 'perCall' }], retryOptions: { maxRetries: 3, retryDelayInMs: 50, maxRetryDelayInMs: 2000 } };
}

/** The real ClientSecretCredential, against the server's token endpoint. */
export function testCredential(server: KeyVaultTestServer): TokenCredential {
  return new ClientSecretCredential(TEST_TENANT, TEST_CLIENT_ID, TEST_CLIENT_SECRET, {
    authorityHost: server.authorityHost,
    disableInstanceDiscovery: true,
    additionalPolicies: [{ policy: loopbackPolicy, position: 'perCall' }],
  });
}
