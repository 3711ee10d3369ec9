import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, fileUri } from './helpers';

describe('activation', () => {
  it('activates in a workspace with env files, without being asked', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // workspaceContains:**/.env activated it at startup; the test does not call activate() first.
    for (let i = 0; i < 100 && !extension.isActive; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(extension.isActive, true);
    await activateExtension();
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
