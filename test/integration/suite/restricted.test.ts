import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, envGuardDiagnostics, hoverOnKey, fileUri, readText, waitForFlagged, workspaceRoot } from './helpers';

/** Runs in a host started with workspace trust on and this folder not trusted. */
describe('restricted mode', () => {
  before(activateExtension);
  const vaultHome = (): string => process.env.ENVGUARD_HOME!;

  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still flags plaintext secrets', async () => {
    await waitForFlagged('.env', ['DATABASE_URL', 'PAYMENTS_API_KEY', 'SESSION_SECRET']);
    await waitForFlagged('config/prod.env', ['SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']);
  });

  it('offers no quick fix that writes', async () => {
    const uri = fileUri('.env');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = envGuardDiagnostics(uri)[0]!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(Array.isArray(actions));
    assert.deepEqual(actions.filter((a) => a.command?.command.startsWith('envguard.')), []);
  });

  it('writes nothing and calls no vault when asked to move, ignore or allow', async () => {
    const before = { env: readText('.env'), prod: readText('config/prod.env') };
    await vscode.commands.executeCommand('envguard.migrateFile', fileUri('.env'));
    await vscode.commands.executeCommand('envguard.migrateValue', fileUri('.env'), 'SESSION_SECRET');
    await vscode.commands.executeCommand('envguard.migrateWorkspace');
    await vscode.commands.executeCommand('envguard.writeIgnoreFiles');
    await vscode.commands.executeCommand('envguard.allowKey', fileUri('.env'), 'SESSION_SECRET');
    assert.equal(readText('.env'), before.env);
    assert.equal(readText('config/prod.env'), before.prod);
    for (const file of ['.cursorignore', '.aiexclude', '.envguard.json', '.claude']) assert.ok(!existsSync(path.join(workspaceRoot(), file)), file);
    assert.ok(!existsSync(vaultHome()), 'the local vault was not even created');
  });

  it('describes a reference on hover without asking the vault', async () => {
    const text = await hoverOnKey('.env', 'CACHE_TOKEN', 16);
    assert.match(text, /Restricted Mode/);
    assert.ok(!existsSync(vaultHome()));
  });
});
