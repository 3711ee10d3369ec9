import * as vscode from 'vscode';
import { messageOf } from '../log';
import type { Services } from '../services';
import { allowKey } from './allow-key';
import { ignoreInline } from './ignore-inline';
import { chooseVault } from './choose-vault';
import { CommandIds, type CommandId } from './ids';
import { migrateFile } from './migrate-file';
import { migrateValue } from './migrate-value';
import { migrateWorkspace } from './migrate-workspace';
import { scanWorkspace } from './scan-workspace';
import { showLog } from './show-log';
import { verifyReferences } from './verify-references';
import { runTask } from './run-task';
import { openTerminal } from './open-terminal';
import { writeIgnoreFiles } from './write-ignore-files';
import { shareSecret } from './share-secret';
import { unlockVault } from './unlock-vault';
import { lockVault } from './lock-vault';
import { installCli, uninstallCli } from './install-cli';
import { revealSecret } from './reveal-secret';
import { setSecretValue } from './set-secret-value';

type Handler = (...args: never[]) => unknown;

/** One table: command id → handler (one file each). An unexpected failure is logged and shown, never swallowed. */
export function registerCommands(services: Services): vscode.Disposable[] {
  const handlers: Record<CommandId, Handler> = {
    [CommandIds.scanWorkspace]: scanWorkspace(services),
    [CommandIds.migrateFile]: migrateFile(services),
    [CommandIds.migrateWorkspace]: migrateWorkspace(services),
    [CommandIds.migrateValue]: migrateValue(services),
    [CommandIds.allowKey]: allowKey(services),
    [CommandIds.ignoreInline]: ignoreInline(services),
    [CommandIds.writeIgnoreFiles]: writeIgnoreFiles(services),
    [CommandIds.chooseVault]: chooseVault(services),
    [CommandIds.showLog]: showLog(services),
    [CommandIds.verifyReferences]: verifyReferences(services),
    [CommandIds.runTask]: runTask(services),
    [CommandIds.openTerminal]: openTerminal(services),
    [CommandIds.shareSecret]: shareSecret(services),
    [CommandIds.unlockVault]: unlockVault(services),
    [CommandIds.lockVault]: lockVault(services),
    [CommandIds.installCli]: installCli(services),
    [CommandIds.uninstallCli]: uninstallCli(services),
    [CommandIds.revealSecret]: revealSecret(services),
    [CommandIds.setSecretValue]: setSecretValue(services),
  };
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await (handler as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        services.log.error(`${id} failed: ${messageOf(error)}`);
        void vscode.window.showErrorMessage(`EnvGuard: ${messageOf(error)}`);
        return undefined;
      }
    }));
}
