import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'envguard.envguard';

/** The fake values of test/fixtures/host-workspace: none may remain on disk after a move. */
export const VALUES = {
  DATABASE_URL: 'postgres://app_user:Xk9fQ2mVt7LpR4sZ@localhost:5432/sample_app',
  SESSION_SECRET: 'p7Hc2VqL9xNw4ZbR8mTy3KdF6sJe1UgA',
  PAYMENTS_API_KEY: 'pay_sbx_7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e',
  SMTP_PASSWORD: 'Tr4il-M1x-Qz8v',
  WEBHOOK_SIGNING_SECRET: 'whk_Yw3Lr8Vn2Qp6Tz9Hs4Km7Jd1',
} as const;

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder.uri.fsPath;
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

export function readText(relative: string): string {
  return readFileSync(path.join(workspaceRoot(), relative), 'utf8');
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed in the host`);
  const api = await extension.activate();
  await api.ready;
}

/** Polls until `check` returns a value other than undefined (the host works asynchronously). */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function envGuardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'EnvGuard');
}

/** The keys flagged in a file, in order, read from the diagnostics' messages. */
export function flaggedKeys(uri: vscode.Uri): string[] {
  return envGuardDiagnostics(uri).map((d) => d.message.split(' ')[0]!).sort();
}

export async function waitForFlagged(relative: string, expected: readonly string[]): Promise<void> {
  const uri = fileUri(relative);
  const want = [...expected].sort().join(',');
  await waitFor(`${relative} to flag [${want}] (flags [${flaggedKeys(uri).join(',')}])`, () => (flaggedKeys(uri).join(',') === want ? true : undefined));
}

/** Every file under the workspace (dependency folders included) that contains `value`. */
export function filesContaining(value: string, root = workspaceRoot()): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (readFileSync(full, 'utf8').includes(value)) found.push(path.relative(root, full));
    }
  };
  walk(root);
  return found;
}

/** EnvGuard's log as the host wrote it to disk (run.mjs puts the user data beside the workspace). */
export function extensionLog(): string {
  const logs = path.join(path.dirname(workspaceRoot()), 'user-data', 'logs');
  const file = readdirSync(logs, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith(path.join('envguard.envguard', 'EnvGuard.log')));
  return file === undefined ? '' : readFileSync(path.join(logs, file), 'utf8');
}

/** The text of the hovers VS Code returns, joined. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** The hover text at `column` of the line where `key` is set in `file`. */
export async function hoverOnKey(file: string, key: string, column: number): Promise<string> {
  const uri = fileUri(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith(`${key}=`));
  assert.ok(line >= 0, `${key} is set in ${file}`);
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, column)));
}

/**
 * Runs a command that shows a picker and accepts it: the picker opens once the command's work before
 * it is done (a plan, vaults opened), however long that takes on a busy machine, so accept until the
 * command has finished.
 */
export async function acceptPickerOf(command: string, ...args: unknown[]): Promise<void> {
  let done = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => { done = true; });
  while (!done) {
    await new Promise((r) => setTimeout(r, 500));
    if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  await running;
}
