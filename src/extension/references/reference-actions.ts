import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import type { SecretDiagnostics } from '../diagnostics';
import { isTrusted } from '../trust';
import { referenceAt } from './reference-at';

/**
 * The lightbulb on a line whose value is a vault reference: Reveal Secret Value… and Set New Value….
 * None in Restricted Mode (both need the vault), and none for a reference EnvGuard cannot resolve.
 */
export class ReferenceCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: SecretDiagnostics) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
    if (!isTrusted() || !range.isSingleLine) return [];
    const found = await referenceAt(this.diagnostics, doc.uri, range.start.line);
    if (!found || found.reference.kind === 'onepassword' || found.reference.kind === 'vals') return [];
    const action = (title: string, command: string): vscode.CodeAction => {
      const item = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      item.command = { command, title, arguments: [doc.uri, found.line] };
      return item;
    };
    return [
      action(`Reveal ${found.key}'s value…`, CommandIds.revealSecret),
      action(`Set a new value of ${found.key}…`, CommandIds.setSecretValue),
    ];
  }
}

/** Hover links that run the two commands on this line (the hover's Markdown trusts only these commands). */
export function referenceCommandLinks(uri: vscode.Uri, line: number): string {
  const args = encodeURIComponent(JSON.stringify([uri.toString(), line]));
  return `[$(eye) Reveal…](command:${CommandIds.revealSecret}?${args} "Reveal the value (asks for your approval)") · [$(edit) Set New Value…](command:${CommandIds.setSecretValue}?${args} "Store a new version in the vault")`;
}

export const REFERENCE_LINK_COMMANDS = [CommandIds.revealSecret, CommandIds.setSecretValue];
