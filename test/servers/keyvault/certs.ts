/**
 * A throwaway certificate authority and a server certificate for the test servers, made with the
 * openssl command line at run time (nothing secret is committed). The server certificate covers
 * every Key Vault host the tests use, the test authority host and loopback.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestCertificates {
  readonly dir: string;
  /** PEM of the CA: what clients trust (NODE_EXTRA_CA_CERTS, or an Agent's `ca`). */
  readonly ca: string;
  readonly caFile: string;
  readonly key: string;
  readonly cert: string;
}

export const AUTHORITY_HOST_NAME = 'login.envguard-test.invalid';

let made: TestCertificates | undefined;

/** Made once per process; a child process given ENVGUARD_TEST_CERTS (the parent's `dir`) reuses its parent's. */
export function testCertificates(): TestCertificates {
  if (made) return made;
  const shared = process.env.ENVGUARD_TEST_CERTS;
  if (shared) {
    const read = (name: string): string => readFileSync(path.join(shared, name), 'utf8');
    made = { dir: shared, ca: read('ca.pem'), caFile: path.join(shared, 'ca.pem'), key: read('server.key'), cert: read('server.pem') };
    return made;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'envguard-certs-'));
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => { execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] }); };
  // EC keys: TLS handshakes cost the test server little CPU (it shares the machine with the clients).
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  openssl('req', '-x509', ...ec, '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=EnvGuard Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=vault.azure.net');
  writeFileSync(file('server.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=DNS:*.vault.azure.net,DNS:*.vault.azure.cn,DNS:*.vault.usgovcloudapi.net,DNS:${AUTHORITY_HOST_NAME},DNS:localhost,IP:127.0.0.1`,
  ].join('\n'));
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('server.ext'));
  made = { dir, ca: readFileSync(file('ca.pem'), 'utf8'), caFile: file('ca.pem'), key: readFileSync(file('server.key'), 'utf8'), cert: readFileSync(file('server.pem'), 'utf8') };
  return made;
}
