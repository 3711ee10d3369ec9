import * as vscode from 'vscode';
import type { Services } from '../services';
import { scanSummary } from '../summaries';

/** EnvGuard: Scan Workspace — lists the env files again and re-checks them all. */
export function scanWorkspace(services: Services) {
  return async (): Promise<void> => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'EnvGuard: scanning' }, async () => {
      await services.files.refresh();
      await Promise.all(services.files.uris.map((uri) => services.diagnostics.checkUri(uri)));
    });
    const count = services.diagnostics.count;
    const message = scanSummary(services.diagnostics.tally);
    services.log.info(message);
    if (count === 0) {
      void vscode.window.showInformationMessage(message);
    } else if ((await vscode.window.showWarningMessage(message, 'Show Problems')) === 'Show Problems') {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  };
}
