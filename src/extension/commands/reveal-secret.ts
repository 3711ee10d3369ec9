import * as vscode from 'vscode';
import { resolveReferences, type ReferenceToResolve, type ResolutionResult } from '../../core/resolve';
import { fileContextOf } from '../file-context';
import { showWithLog } from '../log';
import { noReferenceHere, referenceAt } from '../references/reference-at';
import { showRevealDialog } from '../references/reveal-dialog';
import { offerRemedies } from '../remedies';
import type { Services } from '../services';
import { requireTrust } from '../trust';

/**
 * EnvGuard: Reveal Secret Value… on a reference (a hover link, a code action, or the palette on the
 * cursor's line). The value is released exactly as for a launch: resolveReferences through the
 * release gate (the key agent asks the human every time, and records the release), purpose `reveal`.
 * Then a modal shows it masked, with Show and Copy. The command returns what was done, never the
 * value: another extension or an agent can run a command, and must get nothing from it.
 */
export function revealSecret(services: Services) {
  return async (target?: vscode.Uri | string, line?: number): Promise<{ revealed: boolean } | undefined> => {
    if (!requireTrust('reveal a secret')) return undefined;
    const found = await referenceAt(services.diagnostics, target, line);
    if (!found) return noReferenceHere('reveal a value');
    const { doc, key, text } = found;
    const label = vscode.workspace.asRelativePath(doc.uri);
    const isFile = doc.uri.scheme === 'file';
    const context = await fileContextOf(doc.uri, services.projects, services.vault, vscode.workspace.getWorkspaceFolder(doc.uri)).catch(() => undefined);
    const variable: ReferenceToResolve = {
      key, value: text, origin: label,
      ...(isFile ? { requester: await services.projects.requester(doc.uri.fsPath) } : {}),
      ...(context ? { environment: context.environment } : {}),
    };
    const resolve = (): Promise<ResolutionResult> => resolveReferences([variable], services.vault.secretSources(), {
      gate: services.vault.releaseGate(), purpose: 'reveal', label: `EnvGuard: Reveal Secret Value (${key} in ${label})`,
    });
    let result = await resolve();
    if (result.failures.length > 0 && await offerRemedies(services, result.failures)) result = await resolve();
    const value = result.values.get(key);
    result.values.clear();
    if (value === undefined) {
      const failure = result.failures[0];
      services.log.warn(`Reveal of ${key} (${label}): ${failure?.message ?? 'no value'}`);
      // A denial is the user's own answer: nothing more to show.
      if (failure?.refused !== 'denied') void showWithLog(services.log, 'error', `EnvGuard: ${key} was not revealed. ${failure?.message ?? ''}`);
      return { revealed: false };
    }
    services.log.info(`Revealed ${key} (${label}) in a dialog`);
    const done = await showRevealDialog(key, label, value, services.clipboardClearMs);
    if (done === 'copied') services.log.info(`Copied ${key} (${label}) to the clipboard; cleared in ${Math.round(services.clipboardClearMs / 1000)} s if it still holds it`);
    return { revealed: true };
  };
}
