import { SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { VaultError } from '../types';
import { checkAwsEndpoint } from './hosts';

/** Static keys or a provider of them (the SDK's own types). */
export type AwsCredentials = NonNullable<SecretsManagerClientConfig['credentials']>;
export type AwsCredentialIdentity = Exclude<AwsCredentials, (...args: never[]) => unknown>;

export interface AwsClientOptions {
  /** Absent: the SDK's region chain (AWS_REGION, AWS_DEFAULT_REGION, the profile's region). */
  readonly region?: string;
  /** Absent: the SDK's standard chain (environment, shared config and SSO profiles, web identity, container, instance metadata). */
  readonly credentials?: AwsCredentials;
  /** A profile of the user's shared config (a user-level choice). */
  readonly profile?: string;
  /** An endpoint from user-level configuration (a VPC endpoint); AWS_ENDPOINT_URL(_SECRETS_MANAGER) is read by the SDK. */
  readonly endpoint?: string;
  /** Hosts (host or host:port) besides Secrets Manager's own endpoints, from user settings only. */
  readonly allowedHosts?: readonly string[];
  /** The SDK's request handler or its options (an https agent with a corporate CA, a proxy). */
  readonly requestHandler?: SecretsManagerClientConfig['requestHandler'];
  readonly maxAttempts?: number;
}

/** The parts of the SDK's resolved configuration the early endpoint check reads (as its endpoint middleware does). */
interface ResolvedEndpointConfig {
  readonly region: () => Promise<string>;
  readonly useFipsEndpoint: () => Promise<boolean>;
  readonly useDualstackEndpoint: () => Promise<boolean>;
  readonly isCustomEndpoint?: boolean;
  readonly ignoreConfiguredEndpointUrls?: boolean;
  readonly endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number }>;
  readonly serviceConfiguredEndpoint?: () => Promise<string | undefined>;
  readonly endpointProvider: (params: Record<string, unknown>) => { url: URL };
}

/**
 * A Secrets Manager client whose every request is checked against the host allow-list twice: first,
 * before credentials are resolved, against the endpoint the SDK will choose (a custom endpoint,
 * AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL or the profile's endpoint_url, else the
 * region's); then, after serialization and before signing, against the request's actual host. A
 * refused host never sees a signed request, and a refusal costs no sign-in.
 */
export function createSecretsManagerClient(options: AwsClientOptions): SecretsManagerClient {
  const client = withoutNodeVersionWarning(() => new SecretsManagerClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  }));
  const allowed = options.allowedHosts ?? [];
  client.middlewareStack.add((next) => async (args) => {
    await assertAllowedEndpoint(client, allowed);
    return next(args);
  }, { step: 'initialize', name: 'envguardEndpointCheck', priority: 'high' });
  client.middlewareStack.add((next) => async (args) => {
    const request = args.request as { protocol?: string; hostname?: string; port?: number };
    checkAwsEndpoint({ protocol: request.protocol ?? '', hostname: request.hostname ?? '', ...(request.port !== undefined ? { port: request.port } : {}) }, allowed);
    return next(args);
  }, { step: 'build', name: 'envguardRequestHostCheck', priority: 'low' });
  return client;
}

/**
 * The endpoint the client will send to, as its endpoint middleware resolves it, checked against
 * the allow-list: VaultError 'forbidden' when refused. A configuration this cannot read (a future
 * SDK) is left to the request-time check, which always runs.
 */
export async function assertAllowedEndpoint(client: SecretsManagerClient, allowed: readonly string[]): Promise<void> {
  let url: { protocol: string; hostname: string; port?: string | number } | undefined;
  try {
    url = await endpointOf(client.config as unknown as ResolvedEndpointConfig);
  } catch (error) {
    if (error instanceof VaultError) throw error;
    if (error instanceof Error && /Region is missing/i.test(error.message)) throw error;
    return;
  }
  if (url) checkAwsEndpoint(url, allowed);
}

async function endpointOf(config: ResolvedEndpointConfig): Promise<{ protocol: string; hostname: string; port?: string | number } | undefined> {
  if (config.isCustomEndpoint && config.endpoint) return config.endpoint();
  if (!config.ignoreConfiguredEndpointUrls && config.serviceConfiguredEndpoint) {
    const configured = await config.serviceConfiguredEndpoint();
    if (configured) return new URL(configured);
  }
  const region = await config.region();
  const endpoint = config.endpointProvider({ Region: region, UseFIPS: await config.useFipsEndpoint(), UseDualStack: await config.useDualstackEndpoint() });
  return endpoint.url;
}

/** The region the client uses (its option, else the SDK's chain); throws the SDK's error when none is configured. */
export async function regionOf(client: SecretsManagerClient): Promise<string> {
  return client.config.region();
}

/**
 * The SDK warns, on Node 20, that its releases after January 2027 will need Node 22. EnvGuard ships
 * the SDK pinned in its own bundle (dist/vault-aws.js), so the warning concerns no user of it and
 * would only clutter `envguard run`'s output. Turned off for the construction alone (the SDK checks
 * once per process), so the variable never reaches a child's environment.
 */
function withoutNodeVersionWarning<T>(create: () => T): T {
  const name = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const before = process.env[name];
  process.env[name] = 'true';
  try {
    return create();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}
