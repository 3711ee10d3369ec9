import * as vscode from 'vscode';
import { VaultError, type SecretInfo, type VaultProvider } from '../../core/vault/types';
import { noReferenceHere, referenceAt, type ReferenceTarget } from '../references/reference-at';
import type { Services } from '../services';
import { requireTrust } from '../trust';
import { updatePin } from '../references/update-pin';

/**
 * EnvGuard: Set New Value… on a reference: the new value typed twice in password boxes, written to
 * the vault as a new version, read back before it counts. The env file is not written: a versionless
 * reference follows the latest version; a pinned one gets an offer to move the pin (the editor's
 * atomic write path). Returns what was done, never the value.
 */
export function setSecretValue(services: Services) {
  return async (target?: vscode.Uri | string, line?: number): Promise<{ version: string } | undefined> => {
    if (!requireTrust('set a secret\'s value')) return undefined;
    const found = await referenceAt(services.diagnostics, target, line);
    if (!found) return noReferenceHere('set a new value');
    const vault = await vaultOf(services, found);
    const owned = vault.ownsReference(found.reference)!;
    const label = vscode.workspace.asRelativePath(found.doc.uri);
    const current = await vault.info(owned.name);
    if (!current) throw new VaultError('not-found', `${found.key} (${label}): secret ${owned.name} is not in the ${vault.displayName}; move a value there first`);
    const owner = vault.kind === 'local' && found.doc.uri.scheme === 'file'
      ? (await services.projects.registry()).projectAt((await services.projects.requester(found.doc.uri.fsPath)).root)?.id
      : undefined;
    // A local secret takes a new value only from its own project: a reference in another (or a cloned,
    // never registered) project's file must not write a version of it.
    if (vault.kind === 'local' && current.owner !== undefined && current.owner !== owner) {
      throw new VaultError('forbidden', `${found.key} (${label}): secret ${owned.name} belongs to another project than this file's; set its value from that project`);
    }
    const value = await askTwice(found.key, vault);
    if (value === undefined) return undefined;
    const written = await vault.set(owned.name, value, { tags: current.tags, ...(current.contentType !== undefined ? { contentType: current.contentType } : {}), ...(owner !== undefined ? { owner } : {}) });
    await verifyWritten(vault, owned.name, written, value);
    services.decorations.refresh();
    services.log.info(`Set a new value of ${found.key} (${label}): secret ${owned.name}, version ${written.version}, read back from the ${vault.displayName}`);
    if (owned.version !== undefined) {
      const update = 'Update the Pin';
      const choice = await vscode.window.showInformationMessage(
        `EnvGuard: ${found.key} has a new value in the ${vault.displayName}, and ${label} still pins the old version.`,
        { modal: true, detail: 'Update the reference to the new version? Programs keep getting the old value until it does.' }, update,
      );
      if (choice === update) {
        if (found.doc.uri.scheme !== 'file') throw new Error(`${label} is not a file on disk: update the pin of ${found.key} by hand`);
        const root = (await services.projects.requester(found.doc.uri.fsPath)).root;
        await updatePin(found, vault.formatReference(owned.name, written.version), root, await services.projects.loadersOf(found.doc.uri));
      }
    } else {
      void vscode.window.showInformationMessage(`EnvGuard: ${found.key} has a new value in the ${vault.displayName} (the reference follows the latest version: ${label} is unchanged).`);
    }
    return { version: written.version };
  };
}

/** The vault the reference points into: the local one, or a remote one already open or the default (each confirmed by the user before it gets anything). */
async function vaultOf(services: Services, found: ReferenceTarget): Promise<VaultProvider> {
  if (found.reference.kind === 'local') return services.vault.forLocal();
  const open = services.vault.openWithoutSignIn(found.reference);
  const vault = open ? await open : await services.vault.open();
  if (vault.ownsReference(found.reference)) return vault;
  throw new VaultError('unknown', `${found.key} refers to a vault EnvGuard has not opened in this window: run EnvGuard: Verify References in This File first, then set the value`);
}

/** The value typed twice (hidden); undefined when the user cancels or the two differ (said so). */
async function askTwice(key: string, vault: VaultProvider): Promise<string | undefined> {
  const tooLarge = (v: string): string | undefined => (Buffer.byteLength(v, 'utf8') > vault.maxValueBytes ? `The ${vault.displayName} takes at most ${vault.maxValueBytes} bytes.` : undefined);
  const box = (prompt: string): Thenable<string | undefined> => vscode.window.showInputBox({
    title: `EnvGuard: Set New Value of ${key}`, prompt, password: true, ignoreFocusOut: true,
    validateInput: (v) => (v === '' ? 'Type the new value (an empty value is not stored).' : tooLarge(v)),
  });
  const first = await box(`The new value of ${key}. It is stored in the ${vault.displayName} as a new version; the old versions stay.`);
  if (first === undefined) return undefined;
  const second = await box(`Type the new value of ${key} again.`);
  if (second === undefined) return undefined;
  if (second !== first) {
    void vscode.window.showErrorMessage(`EnvGuard: the two values of ${key} differ; nothing was stored.`);
    return undefined;
  }
  return first;
}

/** The write counts only once the vault gives back that value under that version (compared inside the local vault: it never hands a value out). */
async function verifyWritten(vault: VaultProvider, name: string, written: SecretInfo, value: string): Promise<void> {
  let same: boolean;
  if (vault.matchMany) {
    const [answer] = await vault.matchMany([{ name, version: written.version, value }]);
    if (answer instanceof VaultError) throw answer;
    same = answer!.same;
  } else {
    same = (await vault.get(name, written.version)).value === value;
  }
  if (!same) throw new VaultError('corrupt', `the ${vault.displayName} does not give back the value just written to ${name} (version ${written.version}); do not rely on it`);
}
