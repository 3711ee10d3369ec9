import * as vscode from 'vscode';
import { runMigration } from '../migration/run-migration';
import type { Services } from '../services';

/** The preferred quick fix: moves one key's value into the vault and leaves its reference. */
export function migrateValue(services: Services) {
  return async (uri: vscode.Uri, key: string): Promise<void> => {
    if (!(uri instanceof vscode.Uri) || typeof key !== 'string') return;
    await runMigration(services, { paths: [uri.fsPath], keys: [key] });
  };
}
