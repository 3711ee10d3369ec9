import { formatLocalReference, type VaultReference } from '../references';
import { LOCAL_MAX_VALUE_BYTES } from '../vault/local/local-vault';
import { localNameRules } from '../vault/local/names';
import { VaultError, type SecretCheck, type SecretInfo, type SecretMatch, type SecretValue, type SecretWrite, type SetSecretOptions, type VaultProvider } from '../vault/types';
import type { WireDeletedInfo, WireError, WireInfo } from './protocol';
import type { DeletedSecretInfo } from '../vault/local/local-vault';
import type { AgentAccess } from './release-gate';
import { serializeExport, type ImportReport, type VaultExport } from '../vault/local/transfer';

/**
 * The user's local vault as every process but the key agent sees it: writes, comparisons, names
 * and metadata go through the agent; values never come back this way (`get` is refused). Values
 * leave only through a release (release-gate.ts), which a human approves.
 */
export class GatedLocalVault implements VaultProvider {
  readonly kind = 'local' as const;
  readonly displayName: string;
  readonly names = localNameRules;
  readonly maxValueBytes = LOCAL_MAX_VALUE_BYTES;
  readonly versioned = true;
  readonly keyLocation = 'your passphrase (held by the EnvGuard key agent while unlocked)';
  readonly gated = true;

  constructor(readonly home: string, private readonly access: AgentAccess) {
    this.displayName = `local vault (${home})`;
  }

  formatReference(name: string, version?: string): string {
    return formatLocalReference(name, version);
  }

  ownsReference(reference: VaultReference): { name: string; version?: string } | undefined {
    if (reference.kind !== 'local') return undefined;
    return { name: reference.name, ...(reference.version ? { version: reference.version } : {}) };
  }

  get(name: string): Promise<SecretValue> {
    return Promise.reject(new VaultError('forbidden', `the value of ${name} leaves the ${this.displayName} only to a program you approve (envguard run, a debug launch, a task or the secrets terminal)`));
  }

  async set(name: string, value: string, options: SetSecretOptions = {}): Promise<SecretInfo> {
    const [info] = await this.setMany([{ name, value, options }]);
    return info!;
  }

  async setMany(writes: readonly SecretWrite[]): Promise<SecretInfo[]> {
    const answer = await this.ask<{ infos: WireInfo[] }>({ op: 'write', writes });
    return answer.infos.map(fromWire);
  }

  async matchMany(checks: readonly SecretCheck[]): Promise<(SecretMatch | VaultError)[]> {
    const answer = await this.ask<{ answers: ({ info: WireInfo; same: boolean } | { error: WireError })[] }>({ op: 'match', checks });
    return answer.answers.map((a) => ('error' in a ? new VaultError(a.error.code as VaultError['code'], a.error.message) : { info: fromWire(a.info), same: a.same }));
  }

  async info(name: string): Promise<SecretInfo | undefined> {
    const answer = await this.ask<{ info?: WireInfo }>({ op: 'info', name });
    return answer.info ? fromWire(answer.info) : undefined;
  }

  async list(): Promise<SecretInfo[]> {
    return (await this.ask<{ infos: WireInfo[] }>({ op: 'list' })).infos.map(fromWire);
  }

  /** Deleting destroys: the key agent asks a human every time. */
  async delete(name: string): Promise<void> {
    await this.ask({ op: 'delete', name, client: this.access.clientInfo() });
  }

  /** Brings a deleted secret back (owner: the asking project; another project's secret is refused). */
  async recover(name: string, options: { owner?: string } = {}): Promise<void> {
    await this.ask({ op: 'recover', name, ...options });
  }

  /** Removing a deleted secret for good: the key agent asks a human, as for a delete. */
  async purge(name: string): Promise<void> {
    await this.ask({ op: 'purge', name, client: this.access.clientInfo() });
  }

  async listDeleted(): Promise<DeletedSecretInfo[]> {
    const answer = await this.ask<{ infos: WireDeletedInfo[] }>({ op: 'list-deleted' });
    return answer.infos.map((info) => ({ ...fromWire(info), deletedOn: new Date(info.deletedOn), purgeOn: new Date(info.purgeOn) }));
  }

  /**
   * Every value, sealed by the key agent under `passphrase` (an age file, transfer/): the values never
   * reach this process. The agent asks a human every time.
   */
  async exportSealed(passphrase: string): Promise<{ sealed: Uint8Array; names: string[]; versions: number }> {
    const answer = await this.ask<{ data: string; names: string[]; versions: number }>({ op: 'export', client: this.access.clientInfo(), passphrase });
    return { sealed: Buffer.from(answer.data, 'base64'), names: answer.names, versions: answer.versions };
  }

  /** An opened export (openVaultExport) merged in by the key agent, which checks it again and asks a human first. */
  async importExport(data: VaultExport, file: string): Promise<ImportReport> {
    return this.ask<ImportReport>({ op: 'import', client: this.access.clientInfo(), file, payload: serializeExport(data) });
  }

  async claim(names: readonly string[], owner: string): Promise<{ claimed: string[]; refused: string[]; missing: string[] }> {
    return this.ask({ op: 'claim', names, owner });
  }

  private async ask<T>(request: Parameters<AgentAccess['client']['request']>[0]): Promise<T> {
    await this.access.ensureUnlocked();
    return this.access.client.request<T>(request, this.access.answerPassphrase);
  }
}

function fromWire(info: WireInfo): SecretInfo {
  return { ...info, createdOn: new Date(info.createdOn) };
}
