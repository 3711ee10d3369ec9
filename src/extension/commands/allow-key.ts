import * as vscode from 'vscode';
import { allowKeyInProject } from '../../core/config/allow-key';
import { PROJECT_CONFIG_FILE } from '../../core/config/project-config';
import { messageOf } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * The "not a secret" quick fix: adds the key to `allowKeys` in the folder's `.envguard.json`, the
 * file both the extension and `envguard scan` read, so the team and the pre-commit hook agree.
 */
export function allowKey(services: Services) {
  return async (uri: vscode.Uri, key: string): Promise<void> => {
    if (!(uri instanceof vscode.Uri) || typeof key !== 'string') return;
    if (!requireTrust(`change ${PROJECT_CONFIG_FILE}`)) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || folder.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage(`EnvGuard: ${key} can be allowed only in a workspace folder on disk (add it to envguard.detection.allowKeys in your settings).`);
      return;
    }
    try {
      const added = await allowKeyInProject(folder.uri.fsPath, key);
      services.log.info(added ? `Allowed ${key} in ${folder.name}/${PROJECT_CONFIG_FILE}` : `${key} was already allowed in ${folder.name}/${PROJECT_CONFIG_FILE}`);
    } catch (error) {
      services.log.error(messageOf(error));
      void vscode.window.showErrorMessage(`EnvGuard: ${messageOf(error)}`);
      return;
    }
    services.settings.invalidate();
    await services.diagnostics.checkOpenDocuments();
    await Promise.all(services.files.uris.map((u) => services.diagnostics.checkUri(u)));
  };
}
