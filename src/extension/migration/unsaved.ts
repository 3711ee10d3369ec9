import * as vscode from 'vscode';

/**
 * A migration reads files from disk; unsaved edits would be lost or ignored. Asks to save the
 * dirty ones first; returns false when the user declines.
 */
export async function saveOrCancel(paths: readonly string[]): Promise<boolean> {
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && paths.includes(d.uri.fsPath));
  if (dirty.length === 0) return true;
  const names = dirty.map((d) => vscode.workspace.asRelativePath(d.uri)).join(', ');
  const save = 'Save and Continue';
  const choice = await vscode.window.showWarningMessage(
    `${names} ${dirty.length === 1 ? 'has' : 'have'} unsaved changes. EnvGuard moves what is saved on disk.`,
    { modal: true },
    save,
  );
  if (choice !== save) return false;
  for (const doc of dirty) if (!(await doc.save())) return false;
  return true;
}
