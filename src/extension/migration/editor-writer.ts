import * as vscode from 'vscode';
import type { ValueEdits } from '../../core/dotenv';
import { assertInsideProject, writeFileAtomically, type FileWriter, type PlannedFile } from '../../core/migrate';

/** What an edit of an open document needs of a file: where it is, its project, its label and the text the edits were planned on. */
export type EditedFile = Pick<PlannedFile, 'path' | 'project' | 'label' | 'text'>;

/**
 * How a migration rewrites a file from VS Code. An open document is edited through the editor,
 * only the value ranges, so undo, cursor and dirty state behave as after any edit, and then saved.
 * A file that is not open gets the core's atomic write (temp file and rename). Neither leaves the
 * file's project through a symbolic link.
 */
export const editorFileWriter: FileWriter = async (file, edits) => {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file.path);
  if (!doc) return writeFileAtomically(file, edits);
  return editOpenDocument(doc, file, edits.changes);
};

/**
 * Applies `changes` (offsets in `file.text`, the text they were planned on) to the open document
 * through the editor and saves it; refuses when the document no longer holds that text, or when its
 * real path leaves the project. Set New Value moves a version pin this way too.
 */
export async function editOpenDocument(doc: vscode.TextDocument, file: EditedFile, changes: ValueEdits['changes']): Promise<void> {
  assertInsideProject(file); // saving an open document writes through a symbolic link too
  const text = doc.getText();
  // The editor drops a UTF-8 BOM that the file (and so the plan's offsets) keeps.
  const shift = file.text.startsWith('\uFEFF') && !text.startsWith('\uFEFF') ? 1 : 0;
  if (doc.isDirty || text !== file.text.slice(shift)) {
    throw new Error(`${file.label} was edited in the editor while the values were stored; it was not rewritten (save it and run the migration again)`);
  }
  const edit = new vscode.WorkspaceEdit();
  for (const change of changes) {
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(change.start - shift), doc.positionAt(change.end - shift)), change.text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`${file.label} could not be edited; it is unchanged`);
  if (!(await saveEdit(doc, doc.getText()))) {
    throw new Error(`${file.label} holds the references in the editor but could not be saved: save it to finish (the values are already in the vault)`);
  }
}

/** How long another save of the document (an auto save) may take before this one tries again. */
const OTHER_SAVE_WAIT_MS = 5000;

/**
 * Saves the edited document. save() answers false when another save got there first (the [dotenv]
 * auto save, fired by the edit itself), or when the user typed while the save was writing: either
 * way the document may be clean, or dirty again. Waits for the other save, then checks that what
 * was saved is the edit; if it never finished, saves once more, but only the edit: what the user
 * typed since stays theirs to save. The edit counts as saved once the file holds it.
 */
async function saveEdit(doc: vscode.TextDocument, edited: string): Promise<boolean> {
  if (await doc.save()) return true;
  for (let waited = 0; doc.isDirty && waited < OTHER_SAVE_WAIT_MS; waited += 50) {
    if (doc.getText() !== edited && await fileHolds(doc, edited)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Typed since: the edit is saved once the file holds it (the extension host may call the document
  // clean after a save that left it dirty: the text, not isDirty, tells).
  if (doc.getText() !== edited) return fileHolds(doc, edited);
  if (doc.isDirty && !(await doc.save())) return false;
  return !doc.isDirty;
}

/** Whether the document's file holds `text` (UTF-8, a BOM aside): a save wrote the edit, whatever was typed since. */
async function fileHolds(doc: vscode.TextDocument, text: string): Promise<boolean> {
  try {
    const held = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(doc.uri));
    return (held.startsWith('\uFEFF') ? held.slice(1) : held) === text;
  } catch {
    return false;
  }
}
