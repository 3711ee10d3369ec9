import * as vscode from 'vscode';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { SecretTaskProvider } from '../tasks';

/** EnvGuard: Run Command with Secrets… — `npm test` and friends as a task whose process gets the resolved values. */
export function runTask(services: Services) {
  return async (command?: string): Promise<vscode.TaskExecution | undefined> => {
    if (!requireTrust('resolve secrets for a command')) return undefined;
    const text = typeof command === 'string' ? command : await vscode.window.showInputBox({
      title: 'EnvGuard: run a command with the secrets resolved',
      prompt: 'The command runs in a task terminal; its process gets the env file\'s values, references resolved in memory.',
      value: 'npm test',
    });
    if (!text) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return vscode.tasks.executeTask(new SecretTaskProvider(services).build({ type: 'envguard', command: text }, folder, text));
  };
}
