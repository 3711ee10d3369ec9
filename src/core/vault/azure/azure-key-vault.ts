import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { SecretClient, type KeyVaultSecret, type SecretClientOptions, type SecretProperties } from '@azure/keyvault-secrets';
import type { VaultReference } from '../../references';
import { formatAppServiceReference, formatValsReference } from './kind';
import { infoByReading, VaultError, type SecretInfo, type SecretValue, type SetSecretOptions, type VaultProvider } from '../types';
import { toVaultError, type Operation } from './errors';
import { isKeyVaultDomain, normalizeVaultUrl, vaultNameOf } from './hosts';
import { azureNameRules } from './names';

/** Key Vault's documented limit for a secret value. */
export const AZURE_MAX_VALUE_BYTES = 25 * 1024;

export type AzureReferenceStyle = 'app-service' | 'vals';

export interface AzureKeyVaultOptions {
  /** `myvault` or `https://myvault.vault.azure.net` (checked against the allow-list). */
  readonly vault: string;
  readonly credential: TokenCredential;
  /** Hosts allowed besides the Key Vault domains (private endpoints). */
  readonly allowedHosts?: readonly string[];
  /** `app-service` (default): `@Microsoft.KeyVault(SecretUri=…)`; `vals`: `ref+azurekeyvault://…`. */
  readonly referenceStyle?: AzureReferenceStyle;
  /** Write references pinned to the version just stored (default: versionless, so rotation needs no edit). */
  readonly pinVersions?: boolean;
  /** Per operation, retries included. */
  readonly timeoutMs?: number;
  /** Passed to the SDK's SecretClient (an adapter's proxy or transport settings). */
  readonly clientOptions?: SecretClientOptions;
}

/**
 * Azure Key Vault behind the core's VaultProvider interface, with the official SDK: one
 * SecretClient (so one token, through Key Vault's challenge) per vault; the SDK's retries, which
 * honour Retry-After; every failure mapped to a VaultError that says what to do.
 */
export class AzureKeyVault implements VaultProvider {
  readonly kind = 'azure-keyvault' as const;
  readonly displayName: string;
  readonly names = azureNameRules;
  readonly maxValueBytes = AZURE_MAX_VALUE_BYTES;
  readonly versioned = true;
  readonly pinVersions: boolean;
  /** Key Vault's service limits allow far more; eight keeps a migration well inside them. */
  readonly writeConcurrency = 8;
  readonly vaultUrl: string;
  private readonly client: SecretClient;
  /**
   * Settles when the client first sends a request with a token: from then on it knows the vault's
   * challenge, and new requests go out authorized at once (see AzureSecretSource).
   */
  readonly authorized: Promise<void>;
  private readonly timeoutMs: number;
  private readonly referenceStyle: AzureReferenceStyle;

  constructor(options: AzureKeyVaultOptions) {
    this.vaultUrl = normalizeVaultUrl(options.vault, options.allowedHosts);
    this.displayName = `Azure Key Vault ${vaultNameOf(this.vaultUrl)}`;
    this.pinVersions = options.pinVersions === true;
    this.referenceStyle = options.referenceStyle ?? 'app-service';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const host = new URL(this.vaultUrl).hostname;
    let markAuthorized: () => void = () => undefined;
    this.authorized = new Promise<void>((resolve) => { markAuthorized = resolve; });
    const authorizedSignal: PipelinePolicy = {
      name: 'envguardAuthorizedSignal',
      sendRequest(request, next) {
        if (request.headers.has('authorization')) markAuthorized();
        return next(request);
      },
    };
    this.client = new SecretClient(this.vaultUrl, options.credential, {
      ...options.clientOptions,
      additionalPolicies: [...(options.clientOptions?.additionalPolicies ?? []), { policy: authorizedSignal, position: 'perRetry' }],
      // A private-endpoint host the user allowed is not under a Key Vault domain: the challenge's
      // resource (vault.azure.net) cannot match it. Key Vault hosts keep the check on.
      ...(isKeyVaultDomain(host) ? {} : { disableChallengeResourceVerification: true }),
    });
  }

  formatReference(name: string, version?: string): string {
    if (this.referenceStyle === 'vals') {
      const url = new URL(this.vaultUrl);
      const vault = isKeyVaultDomain(url.hostname) && url.port === '' ? vaultNameOf(this.vaultUrl) : url.host;
      return formatValsReference(vault, name, version);
    }
    return formatAppServiceReference(this.vaultUrl, name, version);
  }

  ownsReference(reference: VaultReference): { name: string; version?: string } | undefined {
    if (reference.kind !== 'azure-keyvault') return undefined;
    if (new URL(reference.vaultUrl).host.toLowerCase() !== new URL(this.vaultUrl).host) return undefined;
    return reference.version ? { name: reference.secretName, version: reference.version } : { name: reference.secretName };
  }

  async get(name: string, version?: string): Promise<SecretValue> {
    const secret = await this.call({ verb: 'read', secret: name, vault: this.displayName }, (abortSignal) =>
      this.client.getSecret(name, { ...(version ? { version } : {}), abortSignal }));
    if (secret.value === undefined) throw new VaultError('not-found', `${name} in ${this.displayName} has no value`);
    return { value: secret.value, info: infoOf(secret.properties) };
  }

  async set(name: string, value: string, options: SetSecretOptions = {}): Promise<SecretInfo> {
    if (!this.names.isValid(name)) throw new VaultError('invalid-name', `${name} is not a Key Vault secret name (${this.names.description})`);
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > AZURE_MAX_VALUE_BYTES) {
      throw new VaultError('too-large', `the value for ${name} is ${bytes} bytes; Key Vault accepts at most ${AZURE_MAX_VALUE_BYTES} bytes (25 KB)`);
    }
    const secret = await this.call({ verb: 'write', secret: name, vault: this.displayName }, (abortSignal) =>
      this.client.setSecret(name, value, { ...(options.tags ? { tags: { ...options.tags } } : {}), ...(options.contentType ? { contentType: options.contentType } : {}), abortSignal }));
    return infoOf(secret.properties);
  }

  info(name: string): Promise<SecretInfo | undefined> {
    return infoByReading(this.get(name));
  }

  async list(): Promise<SecretInfo[]> {
    const infos = await this.call({ verb: 'list', vault: this.displayName }, async (abortSignal) => {
      const all: SecretInfo[] = [];
      for await (const properties of this.client.listPropertiesOfSecrets({ abortSignal })) all.push(infoOf(properties));
      return all;
    });
    return infos.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  }

  async delete(name: string): Promise<void> {
    await this.call({ verb: 'delete', secret: name, vault: this.displayName }, async (abortSignal) => {
      const poller = await this.client.beginDeleteSecret(name, { abortSignal, intervalInMs: 500 });
      await poller.pollUntilDone({ abortSignal });
    });
  }

  /** Brings back a soft-deleted secret (what a `deleted` refusal offers). */
  async recover(name: string): Promise<void> {
    await this.call({ verb: 'recover', secret: name, vault: this.displayName }, async (abortSignal) => {
      const poller = await this.client.beginRecoverDeletedSecret(name, { abortSignal, intervalInMs: 500 });
      await poller.pollUntilDone({ abortSignal });
    });
  }

  private async call<T>(op: Operation, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await run(AbortSignal.timeout(this.timeoutMs));
    } catch (error) {
      throw toVaultError(error, op);
    }
  }
}

function infoOf(properties: SecretProperties): SecretInfo {
  return {
    name: properties.name,
    version: properties.version ?? '',
    createdOn: properties.createdOn ?? new Date(0),
    enabled: properties.enabled !== false,
    tags: { ...(properties.tags ?? {}) },
    ...(properties.contentType ? { contentType: properties.contentType } : {}),
  };
}

export type { KeyVaultSecret };
