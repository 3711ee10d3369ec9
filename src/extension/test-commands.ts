import * as vscode from 'vscode';
import type { ReferenceDecorations } from './references/reference-decorations';

/**
 * Commands for the integration tests only, registered outside a user's installation (development
 * and test hosts): what the editor shows that the API cannot read back. Never a value.
 */
export function testCommands(mode: vscode.ExtensionMode, decorations: ReferenceDecorations): vscode.Disposable[] {
  if (mode === vscode.ExtensionMode.Production) return [];
  return [
    vscode.commands.registerCommand('envguard.internal.referenceLabels', (uri: vscode.Uri | string) =>
      decorations.shownIn(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)),
  ];
}
