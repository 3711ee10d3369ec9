import type { VaultReference } from '../references';
import type { SecretSource } from '../resolve';

/**
 * A SecretSource whose vault module (an SDK, a client) is loaded on the first reference that needs
 * it. A module that fails to load fails each of that call's references with the reason, and is tried
 * again next time: a broken install must read as "could not be loaded", never as an exception that
 * stops every other vault's references.
 */
export function lazySecretSource<M>(name: string, kind: VaultReference['kind'], load: () => Promise<M>, create: (module: M) => SecretSource): SecretSource {
  let source: SecretSource | undefined;
  return {
    name,
    canResolve: (reference) => reference.kind === kind,
    async resolve(references, requesters) {
      if (!source) {
        let module: M;
        try {
          module = await load();
        } catch (error) {
          const reason = `the ${name} module could not be loaded (${error instanceof Error ? error.name : 'error'}); reinstall EnvGuard`;
          return references.map(() => ({ ok: false, reason }));
        }
        try {
          source = create(module);
        } catch (error) {
          // Its settings cannot be used (a malformed ENVGUARD_* variable): said for each of its references, tried again next time.
          const reason = error instanceof Error ? error.message : `${name} cannot be used`;
          return references.map(() => ({ ok: false, reason }));
        }
      }
      return source.resolve(references, requesters);
    },
  };
}
