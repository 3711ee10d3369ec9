import * as vscode from 'vscode';
import { PROJECT_CONFIG_FILE } from '../core/config/project-config';
import { MALFORMED_REFERENCE_RULE } from '../core/detection';
import { CommandIds } from './commands/ids';
import { DIAGNOSTIC_SOURCE, UNREADABLE_CODE, type SecretDiagnostics } from './diagnostics';
import { isTrusted } from './trust';

/**
 * Quick fixes on a plaintext-secret diagnostic: move this value (preferred), move every secret in
 * the file, "not a secret" (the key, in `.envguard.json`), or ignore this one line (an inline
 * `# envguard-ignore`, which `envguard scan` honours too). None is offered in Restricted Mode,
 * where EnvGuard only reports.
 */
export class SecretCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: SecretDiagnostics) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code !== UNREADABLE_CODE);
    if (ours.length === 0 || !isTrusted() || doc.uri.scheme !== 'file') return [];
    const { findings } = await this.diagnostics.analysisOf(doc);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = findings.find((f) => f.valueLine - 1 === diagnostic.range.start.line && f.valueColumn - 1 === diagnostic.range.start.character);
      // A malformed reference is to be corrected, not moved or allowed.
      if (!finding || finding.rule === MALFORMED_REFERENCE_RULE) continue;
      const move = new vscode.CodeAction(`Move ${finding.key} to the vault`, vscode.CodeActionKind.QuickFix);
      move.command = { command: CommandIds.migrateValue, title: move.title, arguments: [doc.uri, finding.key] };
      move.diagnostics = [diagnostic];
      move.isPreferred = true;
      actions.push(move);
      const allow = new vscode.CodeAction(`${finding.key} is not a secret (allow it in ${PROJECT_CONFIG_FILE})`, vscode.CodeActionKind.QuickFix);
      allow.command = { command: CommandIds.allowKey, title: allow.title, arguments: [doc.uri, finding.key] };
      allow.diagnostics = [diagnostic];
      actions.push(allow);
      const ignore = new vscode.CodeAction(`Ignore ${finding.key} on this line (# envguard-ignore)`, vscode.CodeActionKind.QuickFix);
      ignore.command = { command: CommandIds.ignoreInline, title: ignore.title, arguments: [doc.uri, finding.key, finding.line] };
      ignore.diagnostics = [diagnostic];
      actions.push(ignore);
    }
    // Once, however many diagnostics the range covers.
    const movable = findings.filter((f) => f.rule !== MALFORMED_REFERENCE_RULE).length;
    if (actions.length > 0 && movable > 1) {
      const all = new vscode.CodeAction(`Move all ${movable} secrets in this file to the vault`, vscode.CodeActionKind.QuickFix);
      all.command = { command: CommandIds.migrateFile, title: all.title, arguments: [doc.uri] };
      all.diagnostics = ours;
      actions.splice(1, 0, all);
    }
    return actions;
  }
}
