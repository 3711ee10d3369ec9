import * as vscode from 'vscode';
import { secretEnvironment } from '../secret-environment';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * EnvGuard: Open Terminal with Secrets — a terminal, clearly marked (name, lock icon, colour, a
 * banner), whose processes get the env file's values with references resolved. Never the default
 * terminal: other terminals and the workspace stay free of them.
 */
export function openTerminal(services: Services) {
  return async (): Promise<vscode.Terminal | undefined> => {
    if (!requireTrust('resolve secrets for a terminal')) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    const { env, resolvedKeys, failures } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'EnvGuard: resolving secrets for a terminal' },
      () => secretEnvironment(services, folder),
    );
    if (failures.length > 0) {
      for (const f of failures) services.log.error(`Terminal: ${f}`);
      void vscode.window.showErrorMessage(`EnvGuard: no terminal opened: ${failures[0]!}`);
      return undefined;
    }
    services.log.info(`Terminal with ${resolvedKeys.length} resolved value(s) (${resolvedKeys.join(', ')})`);
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
