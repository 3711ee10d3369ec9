import * as vscode from 'vscode';

/**
 * Restricted Mode: EnvGuard reads and reports only. Every action that writes a file, calls a vault
 * or resolves a value asks here first.
 */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** Explains the refusal with a way out; returns false when the workspace is not trusted. */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window
    .showWarningMessage(`EnvGuard only reads and reports in Restricted Mode: trust this workspace to ${action}.`, manage)
    .then((choice) => (choice === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return false;
}
