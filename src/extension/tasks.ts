import * as vscode from 'vscode';
import { messageOf } from './log';
import { secretEnvironment } from './secret-environment';
import { SecretTaskTerminal } from './secret-task-terminal';
import type { Services } from './services';
import { isTrusted } from './trust';

/** tasks.json: `{ "type": "envguard", "command": "npm test", "envFile": ".env" }`. */
export interface EnvGuardTaskDefinition extends vscode.TaskDefinition {
  readonly command: string;
  readonly envFile?: string | string[];
  readonly env?: Record<string, string>;
}

export const TASK_TYPE = 'envguard';

/**
 * The `envguard` task type: a shell command whose process gets the env files' values with every
 * reference resolved, in memory, at the moment the task runs (never in tasks.json, never on disk,
 * never in VS Code's persisted task or terminal state).
 */
export class SecretTaskProvider implements vscode.TaskProvider {
  constructor(private readonly services: Services) {}

  provideTasks(): vscode.Task[] {
    return [];
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    const definition = task.definition as EnvGuardTaskDefinition;
    if (typeof definition.command !== 'string' || definition.command.trim() === '') return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return this.build(definition, folder, task.name);
  }

  /** A runnable task for `command`, or undefined (after telling the user why) when its secrets cannot be had. */
  async build(definition: EnvGuardTaskDefinition, folder: vscode.WorkspaceFolder | undefined, name: string): Promise<vscode.Task | undefined> {
    if (!isTrusted()) {
      void vscode.window.showWarningMessage('EnvGuard resolves no secrets in Restricted Mode: the task was not started.');
      return undefined;
    }
    try {
      const { env, resolvedKeys, failures } = await secretEnvironment(this.services, folder, definition.envFile, definition.env);
      if (failures.length > 0) {
        for (const f of failures) this.services.log.error(`Task "${name}": ${f}`);
        void vscode.window.showErrorMessage(`EnvGuard: task "${name}" was not started: ${failures[0]!}`);
        return undefined;
      }
      this.services.log.info(`Task "${name}": ${resolvedKeys.length} value(s) resolved (${resolvedKeys.join(', ')})`);
      // A custom execution: the values stay in this process (see SecretTaskTerminal).
      const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
      const execution = new vscode.CustomExecution(() => Promise.resolve(new SecretTaskTerminal(definition.command, env, cwd, resolvedKeys)));
      return new vscode.Task(definition, folder ?? vscode.TaskScope.Workspace, name, TASK_TYPE, execution);
    } catch (error) {
      void vscode.window.showErrorMessage(`EnvGuard: task "${name}" was not started: ${messageOf(error)}`);
      return undefined;
    }
  }
}
