import * as vscode from 'vscode';
import { secretEnvironmentOrExplain } from '../secret-environment';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * EnvGuard: Open Terminal with Secrets — a terminal, clearly marked (name, lock icon, colour, a
 * banner), whose processes get the env file's values with references resolved. Never the default
 * terminal: other terminals and the workspace stay free of them. VS Code hands a terminal's launch
 * environment to every extension (`Terminal.creationOptions`); tasks run as a custom execution to
 * avoid that, a terminal cannot (README: "Tasks and terminals with secrets").
 */
export function openTerminal(services: Services) {
  return async (): Promise<vscode.Terminal | undefined> => {
    if (!requireTrust('resolve secrets for a terminal')) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    const resolved = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'EnvGuard: resolving secrets for a terminal' },
      () => secretEnvironmentOrExplain(services, 'the secrets terminal', 'terminal', folder),
    );
    if (!resolved) return undefined;
    const { env, resolvedKeys } = resolved;
    const terminal = vscode.window.createTerminal({
      name: `EnvGuard secrets (${resolvedKeys.length})`,
      env,
      ...(folder ? { cwd: folder.uri } : {}),
      iconPath: new vscode.ThemeIcon('lock'),
      color: new vscode.ThemeColor('terminal.ansiYellow'),
      // Not restored after a reload: a persisted terminal keeps its launch environment in VS Code's storage.
      isTransient: true,
      message: `EnvGuard: this terminal's processes get ${resolvedKeys.length} secret(s) from the vault (${resolvedKeys.join(', ')}). Close it when done.`,
    });
    terminal.show();
    return terminal;
  };
}
