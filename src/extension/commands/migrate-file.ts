import * as vscode from 'vscode';
import { runMigration } from '../migration/run-migration';
import type { Services } from '../services';

/** EnvGuard: Move Secrets in This File to the Vault (also the "move every secret" quick fix). */
export function migrateFile(services: Services) {
  return async (uri?: vscode.Uri): Promise<void> => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || target.scheme !== 'file') {
      void vscode.window.showInformationMessage('EnvGuard: open an env file on disk first.');
      return;
    }
    await runMigration(services, { paths: [target.fsPath] });
  };
}
