import * as vscode from 'vscode';
import { planValueEdits } from '../../core/dotenv';
import { analyzeEnvText } from '../../core/scan';
import { editOpenDocument } from '../migration/editor-writer';
import type { ReferenceTarget } from './reference-at';

/**
 * Moves a pinned reference to `reference` (the new version's text): the one value replaced, checked
 * by re-parsing with every loader of the file (planValueEdits), written through the editor and saved.
 */
export async function updatePin(found: ReferenceTarget, reference: string, projectRoot: string, loaders: Parameters<typeof analyzeEnvText>[3]): Promise<void> {
  const { doc } = found;
  const text = doc.getText();
  const label = vscode.workspace.asRelativePath(doc.uri);
  const analysis = analyzeEnvText(text, label, undefined, loaders);
  const index = entryIndexOf(analysis.document, found.key, found.line);
  // The same key on the same line is not enough: the value must still be the reference the new version was stored for.
  if (index === undefined || analysis.document.entryAt(index).value !== found.text) throw new Error(`${label} changed while the value was stored: the pin of ${found.key} was not updated`);
  const edits = planValueEdits(analysis.document, [{ index, value: reference }], analysis.readings.slice(1));
  await editOpenDocument(doc, { path: doc.uri.fsPath, project: projectRoot, label, text }, edits.changes);
}

function entryIndexOf(document: ReturnType<typeof analyzeEnvText>['document'], key: string, line: number): number | undefined {
  for (let i = 0; i < document.entryCount; i++) {
    const entry = document.entryAt(i);
    if (entry.key === key && entry.valueEndLine - 1 === line) return i;
  }
  return undefined;
}
