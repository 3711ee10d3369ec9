import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, extensionLog, fileUri, flaggedKeys, waitFor } from './helpers';

describe('activation', () => {
  it('activates in a workspace with env files, without being asked', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // workspaceContains:**/.env activated it at startup; the test does not call activate() first.
    for (let i = 0; i < 100 && !extension.isActive; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(extension.isActive, true);
    await activateExtension();
  });

  // The log said "Ready: 0 plaintext secret(s)" while the status bar showed them all: ready settled
  // before the env files nobody had opened were checked.
  it('is ready once every env file is checked, opened or not, and the log says the real count', async () => {
    await activateExtension();
    assert.deepEqual(flaggedKeys(fileUri('config/prod.env')), ['SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']);
    assert.deepEqual(flaggedKeys(fileUri('.env')), ['DATABASE_URL', 'PAYMENTS_API_KEY', 'SESSION_SECRET']);
    const ready = await waitFor('the Ready line in the log', () => extensionLog().split('\n').find((line) => line.includes('Ready:')));
    assert.match(ready, /Ready: 5 plaintext secrets in 2 of 4 env files$/);
  });

  it('registers every palette command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands;
    assert.ok(declared.length >= 8);
    for (const { command } of declared) assert.ok(all.has(command), `${command} is registered`);
  });

  it('opens .env.local and prod.env as the dotenv language', async () => {
    for (const relative of ['.env', '.env.local', 'config/prod.env']) {
      const doc = await vscode.workspace.openTextDocument(fileUri(relative));
      assert.equal(doc.languageId, 'dotenv', relative);
    }
  });
});
