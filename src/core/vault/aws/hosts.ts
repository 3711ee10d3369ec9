import { VaultError } from '../types';
import { REGION } from './reference';
import { trimSlashes } from '../slashes';

/**
 * Where EnvGuard may send requests signed with AWS credentials: Secrets Manager's own endpoints, as
 * the SDK's endpoint rules build them (`secretsmanager[-fips].REGION.DNS_SUFFIX`, dual-stack under the
 * partition's dual-stack suffix), plus hosts the user adds (VPC endpoints such as
 * `vpce-0abc-1xyz.secretsmanager.us-east-1.vpce.amazonaws.com`, a proxy). Anything else (an
 * AWS_ENDPOINT_URL a repository's launch set, a typo) is refused before the request is signed.
 */
export const SECRETS_MANAGER_DOMAINS: readonly string[] = [
  'amazonaws.com', // aws, aws-us-gov
  'api.aws', // aws, aws-us-gov: dual-stack
  'amazonaws.com.cn', // aws-cn
  'api.amazonwebservices.com.cn', // aws-cn: dual-stack
  'amazonaws.eu', // aws-eusc
  'api.amazonwebservices.eu', // aws-eusc: dual-stack
];

/** A user's entry: `host` (port 443) or `host:port`. */
function matchesEntry(entry: string, host: string, port: number): boolean {
  const e = trimSlashes(entry.trim().toLowerCase().replace(/^https:\/\//, ''), 'end');
  const colon = e.lastIndexOf(':');
  const hasPort = colon > 0 && /^\d+$/.test(e.slice(colon + 1));
  const entryHost = hasPort ? e.slice(0, colon) : e;
  const entryPort = hasPort ? Number(e.slice(colon + 1)) : 443;
  return entryHost === host && entryPort === port;
}

/** Whether `https://host[:port]` may receive signed requests. */
export function isAllowedAwsHost(hostname: string, port: number, extra: readonly string[] = []): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (extra.some((entry) => matchesEntry(entry, host, port))) return true;
  if (port !== 443) return false;
  const domain = SECRETS_MANAGER_DOMAINS.find((d) => host.endsWith(`.${d}`));
  if (!domain) return false;
  const labels = host.slice(0, -domain.length - 1).split('.');
  return labels.length === 2 && (labels[0] === 'secretsmanager' || labels[0] === 'secretsmanager-fips') && REGION.test(labels[1]!);
}

export function awsHostRefusal(host: string): string {
  return `${host} is not a Secrets Manager endpoint EnvGuard sends AWS credentials to (allowed: secretsmanager[-fips].REGION.amazonaws.com and its China, EU and dual-stack forms, and hosts you add to the allowed hosts setting for VPC endpoints, as host or host:port, in your user settings)`;
}

/** Refuses an endpoint outside the allow-list (or not https) before anything is signed or sent. */
export function checkAwsEndpoint(url: { readonly protocol: string; readonly hostname: string; readonly port?: string | number }, extra: readonly string[] = []): void {
  const protocol = url.protocol.replace(/:$/, '').toLowerCase();
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === undefined || url.port === '' ? 443 : Number(url.port);
  const shown = port === 443 ? hostname : `${hostname}:${port}`;
  if (protocol !== 'https') throw new VaultError('forbidden', `the Secrets Manager endpoint ${shown} does not use https: EnvGuard sends AWS credentials only over https`);
  if (!isAllowedAwsHost(hostname, port, extra)) throw new VaultError('forbidden', awsHostRefusal(shown));
}
