import * as vscode from 'vscode';

/**
 * The extension's log: a LogOutputChannel (levels, timestamps, "Developer: Set Log Level").
 * Callers pass keys, secret names, file names and counts; never a value.
 */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('EnvGuard', { log: true });
}

/** An error's message for the log and for the user: our errors never carry values by construction. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A notification with a "Show Log" button, for outcomes whose details are in the log. */
export async function showWithLog(log: Log, level: 'error' | 'warning' | 'info', message: string): Promise<void> {
  const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  if ((await show(message, 'Show Log')) === 'Show Log') log.show(true);
}
