import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, envGuardDiagnostics, flaggedKeys, hoverOnKey, fileUri, readText, waitForFlagged, workspaceRoot } from './helpers';

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

  // The workspace is run.mjs's hostile repository (prepareHostileRepository). On the code before the
  // fix, the host froze while checking hostile/.env and this session never finished.
  describe('a hostile repository', () => {
    it('uses no pattern of the workspace: neither .envguard.json\'s nor the workspace settings\'', async () => {
      await waitForFlagged('.env', ['DATABASE_URL', 'PAYMENTS_API_KEY', 'SESSION_SECRET']);
      const flagged = flaggedKeys(fileUri('.env'));
      assert.ok(!flagged.includes('NODE_ENV') && !flagged.includes('PORT'), `flagged: ${flagged.join(', ')}`);
    });

    it('cannot stall the host, and the file\'s other diagnostics appear: the malformed reference and the plaintext password', async () => {
      await waitForFlagged('hostile/.env', ['API_PASSWORD', 'BROKEN']);
      const uri = fileUri('hostile/.env');
      const broken = envGuardDiagnostics(uri).find((d) => d.message.startsWith('BROKEN '));
      assert.ok(broken);
      assert.equal(typeof broken.code === 'object' ? broken.code.value : broken.code, 'malformed-reference');
      assert.match(broken.message, /^BROKEN is a malformed Azure Key Vault \(App Service\) reference \(the secret name in its SecretUri has an invalid %-escape\)/);
      // Typing more of the hostile value re-checks the open document; the host still answers round trips.
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 4), 'a'.repeat(2000))));
      await waitForFlagged('hostile/.env', ['API_PASSWORD', 'BROKEN']);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 10));
      assert.ok(Array.isArray(hovers));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, broken.range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(Array.isArray(actions));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
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
    const before = { env: readText('.env'), prod: readText('config/prod.env'), config: readText('.envguard.json') };
    await vscode.commands.executeCommand('envguard.migrateFile', fileUri('.env'));
    await vscode.commands.executeCommand('envguard.migrateValue', fileUri('.env'), 'SESSION_SECRET');
    await vscode.commands.executeCommand('envguard.migrateWorkspace');
    await vscode.commands.executeCommand('envguard.writeIgnoreFiles');
    await vscode.commands.executeCommand('envguard.allowKey', fileUri('.env'), 'SESSION_SECRET');
    assert.equal(readText('.env'), before.env);
    assert.equal(readText('config/prod.env'), before.prod);
    assert.equal(readText('.envguard.json'), before.config);
    for (const file of ['.cursorignore', '.aiexclude', '.claude']) assert.ok(!existsSync(path.join(workspaceRoot(), file)), file);
    assert.ok(!existsSync(vaultHome()), 'the local vault was not even created');
  });

  it('describes a reference on hover without asking the vault', async () => {
    const text = await hoverOnKey('.env', 'CACHE_TOKEN', 16);
    assert.match(text, /Restricted Mode/);
    assert.ok(!existsSync(vaultHome()));
  });
});
