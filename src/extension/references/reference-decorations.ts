import * as vscode from 'vscode';
import { parseReference } from '../../core/references';
import type { SecretDiagnostics } from '../diagnostics';
import type { Log } from '../log';
import { messageOf } from '../log';
import type { Settings } from '../settings';
import type { ReferenceInfo } from './reference-info';

/** One reference's after-text, as shown: what the test-only command reports. */
export interface ShownReferenceLabel {
  readonly line: number;
  readonly key: string;
  readonly text: string;
  readonly warning: boolean;
}

/** After the last keystroke, before the labels of a document are worked out again. */
const TYPING_DELAY_MS = 300;
/** A generated file of thousands of references is labelled at its first ones only: the vault is not asked for all. */
const MAX_LABELS = 500;

/**
 * After-text decorations on references ("local · v3 · 2 days ago"), rather than inlay hints: a
 * decoration takes a colour per label (the warning colour for "not found"), does not depend on
 * `editor.inlayHints.enabled`, and never moves the cursor or joins the text when copied. Only the
 * visible env documents are decorated, when they become visible or change; nothing at activation.
 */
export class ReferenceDecorations implements vscode.Disposable {
  private readonly normal = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });
  private readonly warning = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorWarning.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });
  private readonly shown = new Map<string, ShownReferenceLabel[]>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per document: the newest pass wins (an older, slower vault answer is dropped). */
  private readonly passes = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly isEnvDocument: (doc: vscode.TextDocument) => Promise<boolean>,
    private readonly diagnostics: SecretDiagnostics,
    private readonly settings: Settings,
    private readonly info: ReferenceInfo,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshVisible()),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.schedule(e.document); }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.shown.delete(doc.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('envguard')) this.refresh(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
    ];
  }

  /** Asks the vaults again for every visible reference (a value was set, settings or trust changed). */
  refresh(): void {
    this.info.forget();
    this.refreshVisible();
  }

  /** What is shown after the references of a document (for the integration tests' internal command). */
  shownIn(uri: vscode.Uri): readonly ShownReferenceLabel[] {
    return this.shown.get(uri.toString()) ?? [];
  }

  refreshVisible(): void {
    const docs = new Set(vscode.window.visibleTextEditors.map((e) => e.document));
    for (const doc of docs) void this.decorate(doc);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.normal.dispose();
    this.warning.dispose();
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!vscode.window.visibleTextEditors.some((e) => e.document === doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => { this.pending.delete(key); void this.decorate(doc); }, TYPING_DELAY_MS));
  }

  private async decorate(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const pass = (this.passes.get(key) ?? 0) + 1;
    this.passes.set(key, pass);
    try {
      const labels = this.settings.referenceDecorations() && (await this.isEnvDocument(doc)) ? await this.labelsOf(doc) : [];
      if (this.passes.get(key) !== pass || doc.isClosed) return;
      this.shown.set(key, labels);
      const toOptions = (l: ShownReferenceLabel): vscode.DecorationOptions => {
        const end = doc.lineAt(l.line).range.end;
        return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: l.text } } };
      };
      for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document === doc)) {
        editor.setDecorations(this.normal, labels.filter((l) => !l.warning).map(toOptions));
        editor.setDecorations(this.warning, labels.filter((l) => l.warning).map(toOptions));
      }
    } catch (error) {
      this.log.warn(`Reference labels of ${vscode.workspace.asRelativePath(doc.uri)}: ${messageOf(error)}`);
    }
  }

  /** Every entry whose value is a reference, one at a time (a big file builds no entry list). */
  private async labelsOf(doc: vscode.TextDocument): Promise<ShownReferenceLabel[]> {
    const { document } = await this.diagnostics.analysisOf(doc);
    const found: { line: number; key: string; reference: NonNullable<ReturnType<typeof parseReference>> }[] = [];
    for (let i = 0; i < document.entryCount && found.length < MAX_LABELS; i++) {
      const entry = document.entryAt(i);
      const reference = parseReference(entry.value);
      if (reference) found.push({ line: entry.valueEndLine - 1, key: entry.key, reference });
    }
    return Promise.all(found.map(async ({ line, key, reference }) => ({ line, key, ...(await this.info.labelOf(reference)) })));
  }
}
