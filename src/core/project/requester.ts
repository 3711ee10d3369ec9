import type { SecretInfo } from '../vault/types';
import { LocalAccess, type AccessRefusal, type Requester } from './access';
import type { ProjectFinder } from './context';
import type { ProjectRegistry } from './registry';

/** The project that asks for the references of a file (or, for a folder, of what runs there). */
export async function requesterOf(finder: ProjectFinder, fileOrFolder: string, isFolder = false): Promise<Requester> {
  const root = await finder.of(fileOrFolder, isFolder);
  return { root: root.root, ...(root.config?.project !== undefined ? { declaredName: root.config.project } : {}) };
}

/**
 * The local vault's check before a value is handed over: the asking project owns the secret, or its
 * owner shares it. The registry is read when the first local reference needs it.
 */
export function localSecretAuthorizer(openRegistry: () => Promise<ProjectRegistry>): (info: SecretInfo, requester: Requester | undefined) => Promise<AccessRefusal | undefined> {
  let access: Promise<LocalAccess> | undefined;
  return async (info, requester) => {
    if (!requester) return { reason: `secret ${info.name} of the local vault is given only to the project it belongs to, and no project asked`, remedy: { kind: 'claim', secret: info.name } };
    access ??= openRegistry().then((registry) => new LocalAccess(registry));
    return (await access).check(info.name, info.owner, requester);
  };
}
