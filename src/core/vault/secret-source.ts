import type { AccessRefusal, Requester } from '../project/access';
import type { VaultReference } from '../references';
import type { ResolvedValue, SecretSource } from '../resolve';
import { mapBounded } from '../map-bounded';
import { VaultError, type SecretInfo, type SecretValue, type VaultProvider } from './types';

/** At most this many vault reads in flight at once (a vault without batch reads). */
const PARALLEL_READS = 8;

export interface VaultSourceOptions {
  /**
   * Whether the asking project may have this secret (the local vault: its owner, or a share). Called
   * after the read, before the value is handed over; a refused value is dropped.
   */
  readonly authorize?: (info: SecretInfo, requester: Requester | undefined) => Promise<AccessRefusal | undefined>;
}

/**
 * Resolves references of one kind through a vault, opened on first use only: a `run` whose file
 * holds no reference never touches (or creates) a vault.
 */
export function vaultSecretSource(kind: VaultReference['kind'], name: string, open: () => Promise<VaultProvider>, options: VaultSourceOptions = {}): SecretSource {
  let opened: Promise<VaultProvider> | undefined;
  return {
    name,
    canResolve: (reference) => reference.kind === kind,
    async resolve(references, requesters = []) {
      let vault: VaultProvider;
      try {
        if (!opened) {
          const opening = open();
          opening.catch(() => { if (opened === opening) opened = undefined; }); // a failed open is tried again next time
          opened = opening;
        }
        vault = await opened;
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'the vault could not be opened';
        return references.map(() => ({ ok: false, reason }));
      }
      const targets = references.map((reference) => vault.ownsReference(reference));
      const wanted = targets.flatMap((t, i) => (t ? [{ i, read: { name: t.name, ...(t.version ? { version: t.version } : {}) } }] : []));
      const answers = vault.getMany
        ? await vault.getMany(wanted.map((w) => w.read)).catch((error: unknown) => wanted.map(() => asVaultError(error)))
        : await mapBounded(wanted, PARALLEL_READS, (w) => vault.get(w.read.name, w.read.version).catch(asVaultError));
      const results: ResolvedValue[] = references.map(() => ({ ok: false, reason: `it does not point into the ${vault.displayName}` }));
      await Promise.all(wanted.map(async ({ i }, j) => {
        results[i] = await settle(answers[j]!, requesters[i], options);
      }));
      return results;
    },
  };
}

async function settle(answer: SecretValue | VaultError, requester: Requester | undefined, options: VaultSourceOptions): Promise<ResolvedValue> {
  if (answer instanceof VaultError) return { ok: false, reason: answer.message };
  const refusal = options.authorize ? await options.authorize(answer.info, requester) : undefined;
  if (refusal) return { ok: false, reason: refusal.reason, remedy: refusal.remedy };
  return { ok: true, value: answer.value };
}

function asVaultError(error: unknown): VaultError {
  return error instanceof VaultError ? error : new VaultError('unknown', 'the vault read failed');
}
