import * as vscode from 'vscode';
import { parseReference, type VaultReference } from '../../core/references';
import type { SecretDiagnostics } from '../diagnostics';

/** A reference in an env document: the entry's key and line, the reference, and the value's range. */
export interface ReferenceTarget {
  readonly doc: vscode.TextDocument;
  readonly key: string;
  /** 0-based. */
  readonly line: number;
  readonly text: string;
  readonly reference: VaultReference;
  readonly valueRange: vscode.Range;
}

/**
 * The reference a command acts on: the one on `line` of `target` (a hover link, a code action), else
 * on the cursor's line of the active editor (the palette). Hover links pass the URI as a string.
 * Only a file of the workspace that the user has in front of them: any extension, or an agent's tool
 * that runs VS Code commands, can call these commands with any URI, and must not raise a Reveal or a
 * Set New Value on a file the human is not looking at.
 */
export async function referenceAt(diagnostics: SecretDiagnostics, target?: vscode.Uri | string, line?: number): Promise<ReferenceTarget | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target ?? editor?.document.uri;
  if (!uri || uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) return undefined;
  const doc = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.document;
  if (!doc) return undefined;
  const at = typeof line === 'number' ? line : editor?.document === doc ? editor.selection.active.line : undefined;
  if (at === undefined) return undefined;
  const { document } = await diagnostics.analysisOf(doc);
  // Entries are in file order: the one on `at` is among the last that start on or before it (the
  // lightbulb asks at every cursor move: a big file is searched, not walked).
  let lo = 0;
  let hi = document.entryCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (document.entryAt(mid).line - 1 <= at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const entry = document.entryAt(i);
    if (at > entry.valueEndLine - 1) break;
    const reference = parseReference(entry.value);
    if (!reference) continue;
    return {
      doc, key: entry.key, line: entry.valueEndLine - 1, text: entry.value, reference,
      valueRange: new vscode.Range(entry.valueLine - 1, entry.valueColumn - 1, entry.valueEndLine - 1, entry.valueEndColumn - 1),
    };
  }
  return undefined;
}

/** The palette's answer when the cursor is on no reference. */
export function noReferenceHere(action: string): undefined {
  void vscode.window.showInformationMessage(`EnvGuard: to ${action}, put the cursor on a line whose value is a vault reference (envguard://…, @Microsoft.KeyVault(…), ref+…).`);
  return undefined;
}
