import * as vscode from 'vscode';
import { prepareLaunchEnvironment, type LaunchConfiguration, type PreparedLaunch } from '../core/launch';
import { messageOf } from './log';
import { launchOptions } from './secret-environment';
import type { Services } from './services';
import { isTrusted } from './trust';
import { offerRemedies } from './remedies';

/**
 * For every debug type: after VS Code substituted the variables, the launch's env files and `env`
 * are read with the core's dotenv model, references are resolved in memory, and the debugger gets
 * the values in `env` (its `envFile` removed). Nothing is written anywhere; in Restricted Mode
 * nothing is resolved. A failure stops the launch with the keys and causes, and a way to launch anyway.
 */
export class ReferenceResolvingDebugProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly services: Services) {}

  async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (!isTrusted() || config.request === 'attach' || config.envguard === false) return config;
    const { log } = this.services;
    let prepared: PreparedLaunch;
    const prepare = () => vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `EnvGuard: resolving secrets for "${config.name}"` },
      () => prepareLaunchEnvironment(config as unknown as LaunchConfiguration, launchOptions(this.services, folder, 'debug-launch', `debug launch "${String(config.name ?? config.type)}"`)),
    );
    try {
      prepared = await prepare();
      // A moved project or secrets stored before projects: settled once by the user, then resolved again.
      if (prepared.failures.length > 0 && await offerRemedies(this.services, prepared.failures)) prepared = await prepare();
    } catch (error) {
      log.error(`Launch "${config.name}": ${messageOf(error)}`);
      return this.askToLaunchAnyway(config, `EnvGuard could not prepare "${config.name}"`, messageOf(error));
    }
    if (prepared.resolvedKeys.length === 0 && prepared.failures.length === 0) return config;
    for (const failure of prepared.failures) log.error(`Launch "${config.name}": ${failure.message}`);
    log.info(`Launch "${config.name}": ${prepared.resolvedKeys.length} value(s) resolved from the vault (${prepared.resolvedKeys.join(', ')}) from ${prepared.envFiles.map((f) => vscode.workspace.asRelativePath(f)).join(', ') || 'env'}`);
    const next = prepared.config as unknown as vscode.DebugConfiguration;
    if (prepared.failures.length === 0) return next;
    const first = prepared.failures[0]!;
    const keys = prepared.failures.map((f) => f.key);
    const what = keys.length === 1 ? keys[0]! : `${keys.length} references (${keys.join(', ')})`;
    return this.askToLaunchAnyway(next, `EnvGuard could not resolve ${what} for "${config.name}"`, `${first.message}${keys.length > 1 ? ' (the others in the log)' : ''}`);
  }

  /** The headline names the launch and the keys; the detail gives the cause. */
  private async askToLaunchAnyway(config: vscode.DebugConfiguration, headline: string, cause: string): Promise<vscode.DebugConfiguration | undefined> {
    const anyway = 'Launch Anyway';
    const detail = `${cause}\n\nUnresolved variables keep their reference text. Nothing was written.`;
    const choice = await vscode.window.showErrorMessage(headline, { modal: true, detail }, anyway, 'Show Log');
    if (choice === 'Show Log') this.services.log.show(true);
    return choice === anyway ? config : undefined; // undefined stops the launch quietly
  }
}
