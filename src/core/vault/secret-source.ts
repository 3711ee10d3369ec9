import type { VaultReference } from '../references';
import type { ResolvedValue, SecretSource } from '../run/resolve';
import { mapBounded } from '../map-bounded';
import { VaultError, type VaultProvider } from './types';

/** At most this many vault reads in flight at once. */
const PARALLEL_READS = 8;

/**
 * Resolves references of one kind through a vault, opened on first use only: a `run` whose file
 * holds no reference never touches (or creates) a vault.
 */
export function vaultSecretSource(kind: VaultReference['kind'], name: string, open: () => Promise<VaultProvider>): SecretSource {
  let opened: Promise<VaultProvider> | undefined;
  return {
    name,
    canResolve: (reference) => reference.kind === kind,
    async resolve(references) {
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
      return mapBounded(references, PARALLEL_READS, (reference) => resolveOne(vault, reference));
    },
  };
}

async function resolveOne(vault: VaultProvider, reference: VaultReference): Promise<ResolvedValue> {
  const target = vault.ownsReference(reference);
  if (!target) return { ok: false, reason: `it does not point into the ${vault.displayName}` };
  try {
    const { value } = await vault.get(target.name, target.version);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: error instanceof VaultError ? error.message : 'the vault read failed' };
  }
}
