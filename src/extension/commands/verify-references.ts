import * as vscode from 'vscode';
import type { EnvFileText } from '../../core/files/read';
import { resolveEnvironment } from '../../core/resolve';
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
    const label = vscode.workspace.asRelativePath(target);
    const isFile = target.scheme === 'file';
    const file = isFile ? target.fsPath : label;
    const loaders = await services.projects.loadersOf(target);
    // As a launch would resolve this one file, from the editor's text (saved or not).
    const resolve = () => resolveEnvironment({
      files: [file], baseEnv: {}, override: false, onlyWithReferences: true, label: () => label,
      read: () => Promise.resolve(decodedText(doc.getText())),
      loadersOf: () => Promise.resolve(loaders),
      ...(isFile ? { projects: services.projects.finder } : {}),
      sources: services.vault.secretSources(),
      gated: { gate: services.vault.releaseGate(), purpose: 'verify' },
    });
    let result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `EnvGuard: resolving the references in ${label}` }, resolve);
    if (result.referenceCount === 0) {
      void vscode.window.showInformationMessage(`EnvGuard: ${label} holds no vault references.`);
      return { resolved: 0, failed: [] };
    }
    // A moved project or secrets from before projects: one confirmation, then they resolve.
    if (await offerRemedies(services, result.failures)) {
      result.values.clear();
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `EnvGuard: resolving ${result.referenceCount} reference(s) in ${label}` }, resolve);
    }
    const total = result.referenceCount;
    const resolved = result.resolvedKeys.length;
    result.values.clear(); // verified, not kept
    const failed = result.failures.filter((f) => !f.interpolation).map((f) => f.message);
    for (const message of failed) services.log.error(message);
    services.log.info(`${label}: ${resolved} of ${total} reference(s) resolve`);
    if (failed.length === 0) {
      void vscode.window.showInformationMessage(`EnvGuard: all ${resolved} reference(s) in ${label} resolve.`);
    } else {
      void showWithLog(services.log, 'error', `EnvGuard: ${failed.length} of ${total} reference(s) in ${label} do not resolve. ${failed[0]!}`);
    }
    return { resolved, failed };
  };
}

/** The editor's text as a file read would give it (its encoding is the editor's business: nothing is written back). */
function decodedText(text: string): EnvFileText {
  return { text, encoding: 'utf8', exact: true, warnings: [] };
}
