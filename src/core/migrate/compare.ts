import { mapBounded } from '../map-bounded';
import { VaultError, type SecretCheck, type SecretMatch, type SecretValue, type VaultProvider } from '../vault/types';

/**
 * Whether the vault holds each value (at a version, or the latest): compared inside the vault when it
 * can (the local vault behind the key agent hands no value out), else read back and compared here.
 * This is the read-back a migration confirms every write with.
 */
export async function compareWithVault(vault: VaultProvider, checks: readonly SecretCheck[]): Promise<(SecretMatch | VaultError)[]> {
  if (checks.length === 0) return [];
  if (vault.matchMany) return vault.matchMany(checks).catch((error: unknown) => checks.map(() => asVaultError(error)));
  const reads = checks.map(({ name, version }) => ({ name, ...(version !== undefined ? { version } : {}) }));
  const answers: (SecretValue | VaultError)[] = vault.getMany
    ? await vault.getMany(reads).catch((error: unknown) => reads.map(() => asVaultError(error)))
    : await mapBounded(reads, vault.writeConcurrency ?? 1, (r) => vault.get(r.name, r.version).catch(asVaultError));
  return answers.map((answer, i) => (answer instanceof VaultError ? answer : { info: answer.info, same: answer.value === checks[i]!.value }));
}

function asVaultError(error: unknown): VaultError {
  return error instanceof VaultError ? error : new VaultError('unknown', 'the vault could not be read');
}
