import * as vscode from 'vscode';
import { effectiveEntries } from '../../core/dotenv';
import { looksLikeReference } from '../../core/references';
import { resolveReferences } from '../../core/resolve';
import { showWithLog } from '../log';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { offerRemedies } from '../remedies';

/**
 * EnvGuard: Verify References in This File — resolves every reference the way a launch would, and
 * reports which resolve and why the others do not. Values stay in memory and are dropped at once.
 */
export function verifyReferences(services: Services) {
  return async (uri?: vscode.Uri): Promise<{ resolved: number; failed: string[] } | undefined> => {
    if (!requireTrust('resolve references')) return undefined;
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('EnvGuard: open an env file first.');
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    const { document } = await services.diagnostics.analysisOf(doc);
    const label = vscode.workspace.asRelativePath(target);
    const requester = target.scheme === 'file' ? await services.projects.requester(target.fsPath) : undefined;
    const variables = effectiveEntries(document).filter((e) => looksLikeReference(e.value)).map((e) => ({ key: e.key, value: e.value, origin: `${label}:${e.line}`, ...(requester ? { requester } : {}) }));
    if (variables.length === 0) {
      void vscode.window.showInformationMessage(`EnvGuard: ${label} holds no vault references.`);
      return { resolved: 0, failed: [] };
    }
    const resolve = () => vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `EnvGuard: resolving ${variables.length} reference(s) in ${label}` },
      () => resolveReferences(variables, services.vault.secretSources(), { gate: services.vault.releaseGate(), purpose: 'verify' }),
    );
    let result = await resolve();
    // A moved project or secrets from before projects: one confirmation, then they resolve.
    if (await offerRemedies(services, result.failures)) {
      result.values.clear();
      result = await resolve();
    }
    const resolved = result.values.size;
    result.values.clear(); // verified, not kept
    const failed = result.failures.map((f) => f.message);
    for (const message of failed) services.log.error(message);
    services.log.info(`${label}: ${resolved} of ${variables.length} reference(s) resolve`);
    if (failed.length === 0) {
      void vscode.window.showInformationMessage(`EnvGuard: all ${resolved} reference(s) in ${label} resolve.`);
    } else {
      void showWithLog(services.log, 'error', `EnvGuard: ${failed.length} of ${variables.length} reference(s) in ${label} do not resolve. ${failed[0]!}`);
    }
    return { resolved, failed };
  };
}
