import * as vscode from 'vscode';
import { prepareLaunchEnvironment, type LaunchEnvironmentOptions } from '../core/launch';
import type { ResolutionFailure } from '../core/resolve';
import type { ReleasePurpose } from '../core/gate';
import { messageOf } from './log';
import { offerRemedies } from './remedies';
import type { Services } from './services';

/** What every launch, task and terminal of a folder resolves with: its env file setting and the vaults. */
export function launchOptions(services: Services, folder: vscode.WorkspaceFolder | undefined, purpose: ReleasePurpose, releaseLabel: string): LaunchEnvironmentOptions {
  return {
    gate: services.vault.releaseGate(),
    purpose,
    releaseLabel,
    ...(folder && folder.uri.scheme === 'file' ? { folder: folder.uri.fsPath } : {}),
    defaultEnvFiles: vscode.workspace.getConfiguration('envguard', folder?.uri).get<string[]>('debug.envFiles', []),
    sources: services.vault.secretSources(),
    projects: services.projects.finder,
    label: (file) => vscode.workspace.asRelativePath(file),
  };
}

export interface SecretEnvironment {
  readonly env: Record<string, string>;
  readonly resolvedKeys: readonly string[];
  readonly failures: readonly string[];
  /** The failures the user may settle (a moved project, secrets stored before projects). */
  readonly remedies: readonly ResolutionFailure[];
}

/**
 * The environment a task or terminal gets: the env files (given, else `envguard.debug.envFiles`,
 * else the folder's `.env`) and `env` entries, references resolved in memory, as for a debug launch.
 */
async function secretEnvironment(services: Services, what: string, purpose: ReleasePurpose, folder: vscode.WorkspaceFolder | undefined, envFile?: unknown, env?: unknown): Promise<SecretEnvironment> {
  const prepared = await prepareLaunchEnvironment({ type: 'envguard', envFile, env }, { ...launchOptions(services, folder, purpose, what), inline: true });
  const result: Record<string, string> = {};
  const resolvedEnv = (prepared.config.env ?? {}) as Record<string, string | null>;
  for (const [key, value] of Object.entries(resolvedEnv)) if (typeof value === 'string') result[key] = value;
  return { env: result, resolvedKeys: prepared.resolvedKeys, failures: prepared.failures.map((f) => f.message), remedies: prepared.failures.filter((f) => f.remedy) };
}

/**
 * For a task or a terminal (`what` names it in the log and messages): the secret environment, or
 * undefined after logging every failure and telling the user why nothing was started.
 */
export async function secretEnvironmentOrExplain(services: Services, what: string, purpose: ReleasePurpose, folder: vscode.WorkspaceFolder | undefined, envFile?: unknown, env?: unknown): Promise<SecretEnvironment | undefined> {
  let resolved: SecretEnvironment;
  try {
    resolved = await secretEnvironment(services, what, purpose, folder, envFile, env);
    if (resolved.remedies.length > 0 && await offerRemedies(services, resolved.remedies)) resolved = await secretEnvironment(services, what, purpose, folder, envFile, env);
  } catch (error) {
    services.log.error(`${what}: ${messageOf(error)}`);
    void vscode.window.showErrorMessage(`EnvGuard: ${what} was not started: ${messageOf(error)}`);
    return undefined;
  }
  if (resolved.failures.length > 0) {
    for (const f of resolved.failures) services.log.error(`${what}: ${f}`);
    void vscode.window.showErrorMessage(`EnvGuard: ${what} was not started: ${resolved.failures[0]!}`);
    return undefined;
  }
  services.log.info(`${what}: ${resolved.resolvedKeys.length} value(s) resolved (${resolved.resolvedKeys.join(', ')})`);
  return resolved;
}
