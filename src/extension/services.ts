import type * as vscode from 'vscode';
import type { SecretDiagnostics } from './diagnostics';
import type { EnvFileIndex } from './env-files';
import type { ExtensionKeyAgent } from './key-agent';
import type { Log } from './log';
import type { ReferenceDecorations } from './references/reference-decorations';
import type { ExtensionProjects } from './projects';
import type { Settings } from './settings';
import type { VaultAccess } from './vault-access';

/** What command handlers and providers share; built once in `activate`. */
export interface Services {
  readonly log: Log;
  readonly settings: Settings;
  readonly files: EnvFileIndex;
  readonly diagnostics: SecretDiagnostics;
  readonly vault: VaultAccess;
  readonly projects: ExtensionProjects;
  readonly keyAgent: ExtensionKeyAgent;
  /** The user's extension state (which projects were told how to run with secrets): never a value. */
  readonly globalState: vscode.Memento;
  /** Where the extension is installed (its dist/cli.js), and its global storage folder (the CLI's launcher). */
  readonly extension: { readonly path: string; readonly storageDir: string };
  /** The labels after references: refreshed once a value was set. */
  readonly decorations: ReferenceDecorations;
  /** How long a revealed value copied to the clipboard stays there (references/clipboard.ts). */
  readonly clipboardClearMs: number;
}
