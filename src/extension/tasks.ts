import * as vscode from 'vscode';
import { secretEnvironmentOrExplain } from './secret-environment';
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
 * never in VS Code's persisted task or terminal state). VS Code resolves tasks.json's tasks when
 * it lists them, too: building a task asks no vault; its execution does.
 */
export class SecretTaskProvider implements vscode.TaskProvider {
  constructor(private readonly services: Services) {}

  provideTasks(): vscode.Task[] {
    return [];
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as EnvGuardTaskDefinition;
    if (typeof definition.command !== 'string' || definition.command.trim() === '') return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return this.build(definition, folder, task.name);
  }

  /** A task for `command`; its secrets are resolved when it runs. */
  build(definition: EnvGuardTaskDefinition, folder: vscode.WorkspaceFolder | undefined, name: string): vscode.Task {
    const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
    // A custom execution: the values stay in this process (see SecretTaskTerminal).
    const execution = new vscode.CustomExecution(async () => {
      if (!isTrusted()) return SecretTaskTerminal.refused('EnvGuard resolves no secrets in Restricted Mode: the task was not started.');
      const resolved = await secretEnvironmentOrExplain(this.services, `task "${name}"`, 'task', folder, definition.envFile, definition.env);
      if (!resolved) return SecretTaskTerminal.refused(`EnvGuard: the secrets for task "${name}" could not be resolved; it was not started (see the log).`);
      return new SecretTaskTerminal(definition.command, resolved.env, cwd, resolved.resolvedKeys);
    });
    return new vscode.Task(definition, folder ?? vscode.TaskScope.Workspace, name, TASK_TYPE, execution);
  }
}
