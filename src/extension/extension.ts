import * as vscode from 'vscode';
import { SecretCodeActions } from './code-actions';
import { registerCommands } from './commands/register';
import { refreshInstalledCli } from './commands/install-cli';
import { SecretDiagnostics } from './diagnostics';
import { EnvFileIndex } from './env-files';
import { ReferenceHover } from './hover';
import { ReferenceResolvingDebugProvider } from './debug-provider';
import { SecretTaskProvider, TASK_TYPE } from './tasks';
import { createLog, messageOf, showWithLog } from './log';
import type { Services } from './services';
import { Settings } from './settings';
import { SecretStatus } from './status';
import { readyLine } from './summaries';
import { VaultAccess } from './vault-access';
import { ExtensionProjects } from './projects';
import { ExtensionKeyAgent } from './key-agent';
import { fileContextOf } from './file-context';
import { ENV_FILE_GLOB } from '../core/files/env-file-filter';
import { LOADER_SIGNAL_FILES } from '../core/project/loaders';
import { ReferenceDecorations } from './references/reference-decorations';
import { ReferenceInfo } from './references/reference-info';
import { ReferenceCodeActions } from './references/reference-actions';
import { clearPendingClipboard, clipboardClearDelay } from './references/clipboard';
import { testCommands } from './test-commands';

/** What `activate` returns: tests (and other extensions) can wait for the first scan. */
export interface EnvGuardApi {
  /** Settles when the workspace's env files have been listed and each checked once, opened or not. */
  readonly ready: Promise<void>;
}

/**
 * Cheap by design: registrations only. The workspace scan starts after activation returns, and
 * the vault modules load on the first vault call.
 */
export function activate(context: vscode.ExtensionContext): EnvGuardApi {
  const log = createLog();
  // A configuration problem goes to the log at each read, and to a notification once a session.
  const notified = new Set<string>();
  const settings = new Settings((message) => {
    log.warn(message);
    if (notified.has(message)) return;
    notified.add(message);
    void showWithLog(log, 'warning', `EnvGuard: ${message}`);
  });
  const files = new EnvFileIndex(settings, log);
  const projects = new ExtensionProjects();
  const keyAgent = new ExtensionKeyAgent(() => projects.home(), context.extensionPath, context.environmentVariableCollection, log);
  const vault = new VaultAccess(settings, projects, keyAgent, log);
  const diagnostics = new SecretDiagnostics(files, settings, log, (uri) => fileContextOf(uri, projects, vault, vscode.workspace.getWorkspaceFolder(uri)), (uri) => projects.loadersOf(uri));
  const selector: vscode.DocumentSelector = [{ language: 'dotenv' }, { pattern: ENV_FILE_GLOB }];
  const isEnvDocument = async (doc: vscode.TextDocument): Promise<boolean> => vscode.languages.match(selector, doc) > 0 || files.isEnvDocument(doc);
  const decorations = new ReferenceDecorations(isEnvDocument, diagnostics, settings, new ReferenceInfo(vault, projects), log);
  const services: Services = { log, settings, files, diagnostics, vault, projects, keyAgent, globalState: context.globalState, decorations, clipboardClearMs: clipboardClearDelay(context.extensionMode), extension: { path: context.extensionPath, storageDir: context.globalStorageUri.fsPath } };

  const rescan = async (): Promise<void> => {
    settings.invalidate();
    projects.invalidate();
    await files.refresh();
    await diagnostics.checkOpenDocuments();
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.envguard.json');
  // The files that tell which programs read the env files (core/project/loaders.ts); a dependency's own are not the project's.
  const loaderWatcher = vscode.workspace.createFileSystemWatcher(`**/{${LOADER_SIGNAL_FILES.join(',')}}`);
  const loaderChanged = (uri: vscode.Uri): void => { if (!uri.path.includes('/node_modules/')) void rescan(); };
  context.subscriptions.push(
    log, files, diagnostics, keyAgent, new SecretStatus(files, diagnostics), decorations,
    ...registerCommands(services),
    ...testCommands(context.extensionMode, decorations),
    vscode.languages.registerCodeActionsProvider(selector, new SecretCodeActions(diagnostics), SecretCodeActions.metadata),
    vscode.languages.registerCodeActionsProvider(selector, new ReferenceCodeActions(diagnostics), ReferenceCodeActions.metadata),
    vscode.languages.registerHoverProvider(selector, new ReferenceHover(diagnostics, vault, projects)),
    vscode.debug.registerDebugConfigurationProvider('*', new ReferenceResolvingDebugProvider(services)),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new SecretTaskProvider(services)),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('envguard')) void rescan(); }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void rescan()),
    // Trusted now: the workspace's own custom patterns apply.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void rescan()),
    configWatcher,
    configWatcher.onDidChange(() => void rescan()),
    configWatcher.onDidCreate(() => void rescan()),
    configWatcher.onDidDelete(() => void rescan()),
    loaderWatcher,
    loaderWatcher.onDidChange(loaderChanged),
    loaderWatcher.onDidCreate(loaderChanged),
    loaderWatcher.onDidDelete(loaderChanged),
  );

  const ready = (async () => {
    await files.refresh();
    await diagnostics.checkOpenDocuments();
    decorations.refreshVisible();
    // The files nobody opened are checked from disk as the index reports them: wait for those too.
    await diagnostics.settled();
    log.info(readyLine(diagnostics.tally, vscode.workspace.isTrusted));
  })().catch((error: unknown) => { log.error(`The first scan failed: ${messageOf(error)}`); });
  // Restricted Mode writes nothing, not even the user's own launcher.
  void ready.then(() => { if (vscode.workspace.isTrusted) void refreshInstalledCli(services); });
  return { ready };
}

/** Everything else is in context.subscriptions; a revealed value still on the clipboard is cleared before the window goes (VS Code awaits this). */
export function deactivate(): Promise<void> {
  return clearPendingClipboard();
}
