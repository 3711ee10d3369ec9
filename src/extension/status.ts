import * as vscode from 'vscode';
import type { SecretDiagnostics } from './diagnostics';
import type { EnvFileIndex } from './env-files';

/** The status bar count of plaintext secrets; a click opens the Problems view. Hidden without env files. */
export class SecretStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('envguard.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly files: EnvFileIndex, diagnostics: SecretDiagnostics) {
    this.item.name = 'EnvGuard';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [diagnostics.onDidChangeCount((count) => this.show(count))];
  }

  private show(count: number): void {
    if (this.files.uris.length === 0 && count === 0) {
      this.item.hide();
      return;
    }
    this.item.text = count > 0 ? `$(unlock) ${count} plaintext secret${count === 1 ? '' : 's'}` : '$(lock) EnvGuard';
    this.item.tooltip = count > 0
      ? `EnvGuard: ${count} plaintext secret${count === 1 ? '' : 's'} in env files. Click to see them; a quick fix moves them into the vault.`
      : 'EnvGuard: no plaintext secrets in the env files of this workspace.';
    this.item.backgroundColor = count > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
