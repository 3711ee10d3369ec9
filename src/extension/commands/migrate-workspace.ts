import { runMigration } from '../migration/run-migration';
import type { Services } from '../services';

/** EnvGuard: Move Secrets in the Workspace to the Vault… — a picker with the whole plan. */
export function migrateWorkspace(services: Services) {
  return async (): Promise<void> => {
    await services.files.refresh();
    const paths = services.files.uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    await runMigration(services, { paths, pick: true });
  };
}
