import * as vscode from 'vscode';
import { describeReference, parseReference } from '../core/references';
import type { SecretDiagnostics } from './diagnostics';
import { messageOf } from './log';
import { isTrusted } from './trust';
import type { VaultAccess } from './vault-access';
import type { ExtensionProjects } from './projects';
import { fileContextOf } from './file-context';
import { codeSpan, markdownProse } from './markdown';
import { REFERENCE_LINK_COMMANDS, referenceCommandLinks } from './references/reference-actions';

/**
 * On a reference: which vault and secret it names (once) and, from the vault's metadata, its version
 * and date. Never the value: the hover reads `info`, which carries none. No vault call in Restricted
 * Mode. Names are shown as they are, in code spans (markdown.ts), never with backslash escapes.
 */
export class ReferenceHover implements vscode.HoverProvider {
  constructor(private readonly diagnostics: SecretDiagnostics, private readonly vault: VaultAccess, private readonly projects: ExtensionProjects) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const { document } = await this.diagnostics.analysisOf(doc);
    const entry = document.entries.find((e) => e.valueLine - 1 <= position.line && position.line <= e.valueEndLine - 1
      && (e.valueLine - 1 < position.line || e.valueColumn - 1 <= position.character)
      && (e.valueEndLine - 1 > position.line || position.character <= e.valueEndColumn - 1));
    if (!entry) return undefined;
    const reference = parseReference(entry.value);
    if (!reference) return undefined;
    const range = new vscode.Range(entry.valueLine - 1, entry.valueColumn - 1, entry.valueEndLine - 1, entry.valueEndColumn - 1);
    const text = new vscode.MarkdownString(undefined, true);
    text.isTrusted = false;
    text.appendMarkdown(`**EnvGuard** · ${codeSpan(entry.key)} is a reference to ${markdownProse(describeReference(reference))}`);
    const context = await fileContextOf(doc.uri, this.projects, this.vault, vscode.workspace.getWorkspaceFolder(doc.uri)).catch(() => undefined);
    if (context) text.appendMarkdown(`\n\nEnvironment ${codeSpan(context.environment)}${context.local ? ' (this machine\'s overrides)' : ''} of project ${codeSpan(context.project)}`);
    if (!isTrusted()) {
      text.appendMarkdown('\n\n_Restricted Mode: the vault is not asked._');
      return new vscode.Hover(text, range);
    }
    if (reference.kind !== 'onepassword' && reference.kind !== 'vals') {
      // Links run only these two commands, with this file and line; they never put a value in the hover.
      text.isTrusted = { enabledCommands: REFERENCE_LINK_COMMANDS };
      text.appendMarkdown(`\n\n${referenceCommandLinks(doc.uri, entry.valueEndLine - 1)}`);
    }
    // The local vault needs no sign-in; another vault only once it is open (a hover never starts a sign-in).
    const opening = this.vault.openWithoutSignIn(reference);
    if (!opening) {
      text.appendMarkdown('\n\n_Its version shows here once EnvGuard has signed in to the vault (a migration, a launch or Verify References)._');
      return new vscode.Hover(text, range);
    }
    try {
      const vault = await opening;
      const owned = vault.ownsReference(reference);
      if (owned) {
        const info = await vault.info(owned.name);
        if (info && reference.kind === 'local') {
          const owner = info.owner === undefined ? undefined : (await this.projects.registry()).byId(info.owner);
          text.appendMarkdown(`\n\n${info.owner === undefined ? 'Stored before projects: it belongs to no project yet.' : `Belongs to project ${codeSpan(owner?.name ?? 'unknown')}.`}`);
        }
        if (!info) {
          text.appendMarkdown(`\n\n$(warning) The ${markdownProse(vault.displayName)} has no such secret.`);
        } else {
          // The secret is named above: this line says what the vault knows of it.
          const pinned = owned.version ? `pinned to version ${codeSpan(owned.version)}` : `latest version ${codeSpan(info.version)}`;
          text.appendMarkdown(`\n\n$(lock) In the vault: ${pinned}, created ${info.createdOn.toISOString().replace('T', ' ').slice(0, 16)} UTC${info.enabled ? '' : ' (disabled)'}`);
        }
      }
    } catch (error) {
      text.appendMarkdown(`\n\n$(warning) ${markdownProse(messageOf(error))}`);
    }
    return new vscode.Hover(text, range);
  }
}
