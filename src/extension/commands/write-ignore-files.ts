import * as vscode from 'vscode';
import { applyIgnoreFiles } from '../../core/ai-ignore';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/** EnvGuard: Write AI-Context Ignore Files — the same files as `envguard ignore`, in every folder. */
export function writeIgnoreFiles(services: Services) {
  return async (): Promise<void> => {
    if (!requireTrust('write the AI-context ignore files')) return;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('EnvGuard: open a folder on disk first.');
      return;
    }
    let written = 0;
    const errors: string[] = [];
    for (const folder of folders) {
      for (const result of await applyIgnoreFiles(folder.uri.fsPath)) {
        const where = `${folder.name}/${result.path}`;
        if (result.status === 'error') errors.push(`${where}: ${result.reason ?? 'error'}`);
        else if (result.status !== 'unchanged') written++;
        services.log.info(`${where}: ${result.status}${result.reason ? ` (${result.reason})` : ''}`);
      }
    }
    if (errors.length > 0) {
      for (const e of errors) services.log.error(e);
      void vscode.window.showErrorMessage(`EnvGuard: ${errors.length} ignore file(s) could not be written: ${errors[0]!}`);
    } else {
      void vscode.window.showInformationMessage(written > 0
        ? `EnvGuard wrote ${written} AI-context ignore file(s): env files are hidden from Copilot, Cursor, Claude Code, Codex, Windsurf and others.`
        : 'EnvGuard: the AI-context ignore files were already up to date.');
    }
  };
}
