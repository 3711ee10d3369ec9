import * as vscode from 'vscode';
import type { SecretDiagnostics } from './diagnostics';
import type { EnvFileIndex } from './env-files';
import { statusTooltip } from './summaries';
import { isTrusted } from './trust';

/** The status bar count of plaintext secrets; a click opens the Problems view. Hidden without env files. */
export class SecretStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('envguard.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly files: EnvFileIndex, private readonly diagnostics: SecretDiagnostics) {
    this.item.name = 'EnvGuard';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [
      diagnostics.onDidChangeCount((count) => this.show(count)),
      // Trusted now: the tooltip offers the quick fix it could not before.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.show(diagnostics.count)),
    ];
  }

  private show(count: number): void {
    if (this.files.uris.length === 0 && count === 0) {
      this.item.hide();
      return;
    }
    this.item.text = count > 0 ? `$(unlock) ${count} plaintext secret${count === 1 ? '' : 's'}` : '$(lock) EnvGuard';
    this.item.tooltip = statusTooltip(this.diagnostics.tally, isTrusted());
    this.item.backgroundColor = count > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
