import type { AccessRemedy, Requester } from '../project/access';
import { describeReference, parseReference, referenceProblem, type VaultReference } from '../references';

/** A vault that can turn references into values. Providers (local, Azure Key Vault…) implement it. */
export interface SecretSource {
  /** Human name for messages, e.g. "Azure Key Vault". */
  readonly name: string;
  canResolve(reference: VaultReference): boolean;
  /**
   * Resolves many references at once (a source batches, caches and bounds its parallelism).
   * `requesters[i]` is the project that asks for `references[i]` (the local vault checks it owns the secret).
   */
  resolve(references: readonly VaultReference[], requesters?: readonly (Requester | undefined)[]): Promise<ResolvedValue[]>;
}

export type ResolvedValue =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string; readonly remedy?: AccessRemedy };

/** A variable that holds a reference, with where it came from. */
export interface ReferenceToResolve {
  readonly key: string;
  readonly value: string;
  readonly origin: string;
  /** The project of the file (or launch, or working directory) the reference is in. */
  readonly requester?: Requester;
}

export interface ResolutionFailure {
  readonly key: string;
  readonly origin: string;
  /** Names the key, the reference's vault and secret, and the cause. Never a value. */
  readonly message: string;
  /** What the user can do (confirm a vault, link a moved project, claim or share a secret). */
  readonly remedy?: AccessRemedy;
  /** The vault's reason alone: failures that share it (a refused credential) can be reported together. */
  readonly cause?: string;
}

export interface ResolutionResult {
  readonly values: Map<string, string>;
  readonly failures: ResolutionFailure[];
}

const KIND_NAMES: Record<VaultReference['kind'], string> = {
  local: 'local',
  'azure-keyvault': 'Azure Key Vault',
  onepassword: '1Password',
  vals: 'vals',
};

/**
 * Resolves every variable whose value is a vault reference; other variables are left alone. A value
 * that starts like a reference but does not parse is a failure for its key, not a value to pass on.
 */
export async function resolveReferences(variables: readonly ReferenceToResolve[], sources: readonly SecretSource[]): Promise<ResolutionResult> {
  const values = new Map<string, string>();
  const failures: ResolutionFailure[] = [];
  const bySource = new Map<SecretSource, { variable: ReferenceToResolve; reference: VaultReference }[]>();
  for (const variable of variables) {
    const reference = parseReference(variable.value);
    if (!reference) {
      const problem = referenceProblem(variable.value);
      if (problem !== undefined) failures.push({ key: variable.key, origin: variable.origin, message: `${variable.key} (${variable.origin}) ${problem}` });
      continue;
    }
    const source = sources.find((s) => s.canResolve(reference));
    if (!source) {
      failures.push({ key: variable.key, origin: variable.origin, message: `${variable.key} (${variable.origin}) refers to ${where(reference)}, and no ${KIND_NAMES[reference.kind]} vault is available to this version of envguard` });
      continue;
    }
    bySource.set(source, [...(bySource.get(source) ?? []), { variable, reference }]);
  }
  await Promise.all([...bySource].map(async ([source, items]) => {
    const results = await source.resolve(items.map((i) => i.reference), items.map((i) => i.variable.requester));
    items.forEach(({ variable, reference }, index) => {
      const result = results[index];
      if (result?.ok) values.set(variable.key, result.value);
      else {
        const cause = result?.reason ?? 'no answer from the vault';
        failures.push({
          key: variable.key, origin: variable.origin, cause,
          message: `${variable.key} (${variable.origin}): ${where(reference)} could not be resolved: ${cause}`,
          ...(result?.remedy ? { remedy: result.remedy } : {}),
        });
      }
    });
  }));
  return { values, failures };
}

function where(reference: VaultReference): string {
  if (reference.kind === 'vals') return `a vals reference (backend ${reference.backend})`;
  return describeReference(reference);
}
