import type { ReleasePurpose, ReleaseItem } from '../gate/protocol';
import type { ReleaseGate } from '../gate/release-gate';
import type { AccessRemedy, Requester } from '../project/access';
import { DEFAULT_ENVIRONMENT } from '../project/environment';
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
  /** The environment of the file the reference is in (what a cloud value is approved for; a local secret knows its own). */
  readonly environment?: string;
}

/**
 * Every release passes one gate, once per resolution: local values come from it (the key agent, after
 * a human's approval, or an automation vault), and other vaults are asked only once it approved.
 */
export interface GatedResolution {
  readonly gate: ReleaseGate;
  readonly purpose: ReleasePurpose;
  /** What the values go to, for the approval and the record (a launch's name, a task's). */
  readonly label?: string;
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
  /** Set when the release gate refused (no approval, nobody to ask, locked): its code. */
  readonly refused?: string;
}

export interface ResolutionResult {
  readonly values: Map<string, string>;
  readonly failures: ResolutionFailure[];
  /** The AI agent the requester runs under, when the key agent recognised one (output is then redacted). */
  readonly agent?: string;
}

const KIND_NAMES: Record<VaultReference['kind'], string> = {
  local: 'local',
  'azure-keyvault': 'Azure Key Vault',
  'aws-secrets-manager': 'AWS Secrets Manager',
  onepassword: '1Password',
  vals: 'vals',
};

/**
 * Resolves every variable whose value is a vault reference; other variables are left alone. A value
 * that starts like a reference but does not parse is a failure for its key, not a value to pass on.
 */
export async function resolveReferences(variables: readonly ReferenceToResolve[], sources: readonly SecretSource[], gated?: GatedResolution): Promise<ResolutionResult> {
  const values = new Map<string, string>();
  const failures: ResolutionFailure[] = [];
  const bySource = new Map<SecretSource, { variable: ReferenceToResolve; reference: VaultReference }[]>();
  const references: { variable: ReferenceToResolve; reference: VaultReference }[] = [];
  for (const variable of variables) {
    const reference = parseReference(variable.value);
    if (!reference) {
      const problem = referenceProblem(variable.value);
      if (problem !== undefined) failures.push({ key: variable.key, origin: variable.origin, message: `${variable.key} (${variable.origin}) ${problem}` });
      continue;
    }
    // A reference no vault here can resolve fails at once: nothing to approve for it.
    if (gated && reference.kind !== 'local' && !sources.some((s) => s.canResolve(reference))) {
      failures.push({ key: variable.key, origin: variable.origin, message: `${variable.key} (${variable.origin}) refers to ${where(reference)}, and no ${KIND_NAMES[reference.kind]} vault is available to this version of envguard` });
      continue;
    }
    references.push({ variable, reference });
  }
  let agent: string | undefined;
  let pending: readonly { variable: ReferenceToResolve; reference: VaultReference }[] = references;
  if (gated && references.length > 0) {
    const outcome = await passGate(references, gated, values, failures);
    agent = outcome.agent;
    pending = outcome.external;
  }
  for (const { variable, reference } of pending) {
    const source = sources.find((s) => s.canResolve(reference));
    if (!source) {
      failures.push({ key: variable.key, origin: variable.origin, message: `${variable.key} (${variable.origin}) refers to ${where(reference)}, and no ${KIND_NAMES[reference.kind]} vault is available to this version of envguard` });
      continue;
    }
    bySource.set(source, [...(bySource.get(source) ?? []), { variable, reference }]);
  }
  await Promise.all([...bySource].map(async ([source, items]) => {
    const results = await source.resolve(items.map((i) => i.reference), items.map((i) => i.variable.requester));
    items.forEach(({ variable, reference }, index) => takeResult(variable, reference, results[index], values, failures));
  }));
  return { values, failures, ...(agent ? { agent } : {}) };
}

/**
 * Asks the gate once for every reference: local values come back with its answer; the others may
 * then be read from their vaults. A refusal fails every reference with the gate's reason.
 */
async function passGate(references: readonly { variable: ReferenceToResolve; reference: VaultReference }[], gated: GatedResolution, values: Map<string, string>, failures: ResolutionFailure[]): Promise<{ external: typeof references; agent?: string }> {
  const items: ReleaseItem[] = references.map(({ variable, reference }) => {
    const requester = variable.requester ? { requester: { root: variable.requester.root, ...(variable.requester.declaredName !== undefined ? { declaredName: variable.requester.declaredName } : {}) } } : {};
    if (reference.kind === 'local') return { key: variable.key, origin: variable.origin, source: 'local', name: reference.name, ...(reference.version ? { version: reference.version } : {}), ...requester };
    return {
      key: variable.key, origin: variable.origin, source: 'external', name: `${variable.key} (${where(reference)})`, ...requester,
      project: variable.requester?.declaredName ?? variable.requester?.root.split(/[\\/]/).pop() ?? 'unknown',
      environment: variable.environment ?? DEFAULT_ENVIRONMENT,
    };
  });
  const outcome = await gated.gate.release(items, gated.purpose, gated.label);
  if (!outcome.ok) {
    for (const { variable, reference } of references) {
      failures.push({ key: variable.key, origin: variable.origin, cause: outcome.message, refused: outcome.code, message: `${variable.key} (${variable.origin}): ${where(reference)} was not released: ${outcome.message}` });
    }
    return { external: [] };
  }
  const external: { variable: ReferenceToResolve; reference: VaultReference }[] = [];
  references.forEach(({ variable, reference }, i) => {
    const result = outcome.results[i];
    if (items[i]!.source === 'external') {
      if (result?.ok) external.push({ variable, reference });
      else failures.push({ key: variable.key, origin: variable.origin, cause: result?.reason ?? 'not approved', message: `${variable.key} (${variable.origin}): ${where(reference)} was not released: ${result?.reason ?? 'not approved'}` });
      return;
    }
    takeResult(variable, reference, result, values, failures);
  });
  return { external, ...(outcome.agent ? { agent: outcome.agent } : {}) };
}

/** One reference's answer, from a vault or the gate: its value, or a failure that names the key and the cause. */
function takeResult(variable: ReferenceToResolve, reference: VaultReference, result: ResolvedValue | undefined, values: Map<string, string>, failures: ResolutionFailure[]): void {
  if (result?.ok) {
    values.set(variable.key, result.value);
    return;
  }
  const cause = result?.reason ?? 'no answer from the vault';
  failures.push({
    key: variable.key, origin: variable.origin, cause,
    message: `${variable.key} (${variable.origin}): ${where(reference)} could not be resolved: ${cause}`,
    ...(result?.remedy ? { remedy: result.remedy } : {}),
  });
}

function where(reference: VaultReference): string {
  if (reference.kind === 'vals') return `a vals reference (backend ${reference.backend})`;
  return describeReference(reference);
}
