import type { VaultReference } from '../references';
import type { SecretSource } from '../resolve';

/**
 * A SecretSource whose vault module (an SDK, a client) is loaded on the first reference that needs
 * it. A module that fails to load fails each of that call's references with the reason, and is tried
 * again next time: a broken install must read as "could not be loaded", never as an exception that
 * stops every other vault's references.
 */
export function lazySecretSource(name: string, kind: VaultReference['kind'], create: () => Promise<SecretSource>): SecretSource {
  let source: Promise<SecretSource> | undefined;
  return {
    name,
    canResolve: (reference) => reference.kind === kind,
    async resolve(references, requesters) {
      let loaded: SecretSource;
      try {
        loaded = await (source ??= create());
      } catch (error) {
        source = undefined;
        const reason = `the ${name} module could not be loaded (${error instanceof Error ? error.name : 'error'}); reinstall EnvGuard`;
        return references.map(() => ({ ok: false, reason }));
      }
      return loaded.resolve(references, requesters);
    },
  };
}
