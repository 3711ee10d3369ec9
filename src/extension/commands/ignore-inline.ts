import * as vscode from 'vscode';
import { ignoreCommentEdit } from '../../core/detection';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * The "ignore this line" quick fix: adds `# envguard-ignore` after the entry's value (or
 * `# envguard-ignore-next-line` above it where dotenv would read the comment as value), the marker
 * `envguard scan` honours too. The edit goes through the editor (undo works) and is checked by the
 * core: the value is unchanged and the entry is ignored, or nothing is edited.
 */
export function ignoreInline(services: Services) {
  return async (uri: vscode.Uri, key: string, line: number): Promise<void> => {
    if (!(uri instanceof vscode.Uri) || typeof key !== 'string' || typeof line !== 'number') return;
    if (!requireTrust('add an envguard-ignore comment')) return;
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = ignoreCommentEdit(doc.getText(), key, line);
    if (!edit) {
      void vscode.window.showInformationMessage(`EnvGuard: no comment can be added to ${key} without changing its value; allow the key instead (not a secret).`);
      return;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.insert(uri, doc.positionAt(edit.offset), edit.text);
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
      void vscode.window.showErrorMessage(`EnvGuard: the editor refused the edit to ${vscode.workspace.asRelativePath(uri)}.`);
      return;
    }
    services.log.info(`Ignored ${key} on line ${line} of ${vscode.workspace.asRelativePath(uri)} (# envguard-ignore)`);
    await services.diagnostics.checkDocument(doc);
  };
}
