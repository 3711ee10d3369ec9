import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, extensionLog, fileUri, hoverText, readText, waitFor, waitForFlagged, workspaceRoot } from './helpers';

/** A fake secret of this suite's own file (no vendor shape). */
const REFUI_TOKEN = 'Rf7-Kq2Wm9Xv4-Lt8Zp3-reference-ui';
const FILE = 'refui/.env';
const UNCONFIRMED = 'https://refui-collector.vault.azure.net';

interface ShownLabel { line: number; key: string; text: string; warning: boolean }

function shownLabels(uri: vscode.Uri): Promise<ShownLabel[]> {
  return Promise.resolve(vscode.commands.executeCommand<ShownLabel[]>('envguard.internal.referenceLabels', uri));
}

/**
 * The reference UI (issue 16): labels after references (vault, version, age) from the vault's
 * metadata, the two actions on a reference line (lightbulb and hover links). Reveal and Set New
 * Value themselves need a human at a modal and a password box: the gate session drives them.
 */
describe('references in the editor: labels, lightbulb and hover links', function () {
  this.timeout(120_000);
  let uri: vscode.Uri;

  before(async () => {
    await activateExtension();
    mkdirSync(path.join(workspaceRoot(), 'refui'), { recursive: true });
    writeFileSync(path.join(workspaceRoot(), FILE), [
      `REFUI_TOKEN=${REFUI_TOKEN}`,
      'REFUI_MISSING=envguard://local/workspace/default/refui/NO_SUCH_SECRET',
      `REFUI_FOREIGN=@Microsoft.KeyVault(SecretUri=${UNCONFIRMED}/secrets/COLLECTED)`,
      'PORT=3000', '',
    ].join('\n'));
    uri = fileUri(FILE);
    await waitForFlagged(FILE, ['REFUI_TOKEN']);
    await vscode.commands.executeCommand('envguard.migrateFile', uri);
    assert.match(readText(FILE), /^REFUI_TOKEN=envguard:\/\/local\/workspace\/default\/refui\/REFUI_TOKEN$/m);
  });

  it('a migrated file, once visible, reads at a glance: "local · v1 · just now", "not found" in the warning colour, an unconfirmed vault not asked', async () => {
    await vscode.window.showTextDocument(uri);
    const labels = await waitFor('three labels in refui/.env', async () => {
      const shown = await shownLabels(uri);
      return shown.length === 3 && shown.every((l) => !/locked|unavailable/.test(l.text)) ? shown : undefined;
    }, 30_000);
    const byKey = Object.fromEntries(labels.map((l) => [l.key, l]));
    assert.equal(byKey.REFUI_TOKEN?.line, 0);
    assert.match(byKey.REFUI_TOKEN?.text ?? '', /^local · v1 · (just now|\d+ minutes? ago)$/); // no timing assumed on a busy machine
    assert.equal(byKey.REFUI_TOKEN?.warning, false);
    assert.deepEqual(byKey.REFUI_MISSING, { line: 1, key: 'REFUI_MISSING', text: 'local · not found', warning: true });
    // A vault a cloned repository names gets no call: the label says why it shows nothing more.
    assert.deepEqual(byKey.REFUI_FOREIGN, { line: 2, key: 'REFUI_FOREIGN', text: 'Key Vault refui-collector · not confirmed', warning: false });
    assert.ok(!JSON.stringify(labels).includes(REFUI_TOKEN));
  });

  it('envguard.decorations.references: false removes the labels; true brings them back', async () => {
    const config = vscode.workspace.getConfiguration('envguard');
    await config.update('decorations.references', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('no labels', async () => ((await shownLabels(uri)).length === 0 ? true : undefined));
    } finally {
      await config.update('decorations.references', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the labels again', async () => ((await shownLabels(uri)).length === 3 ? true : undefined));
  });

  it('the lightbulb on a reference line offers Reveal and Set New Value (with the file and line); none on a plain line', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 14, 0, 14));
    const ours = actions.filter((a) => a.command?.command?.startsWith('envguard.'));
    assert.deepEqual(ours.map((a) => a.title), ['Reveal REFUI_TOKEN\'s value…', 'Set a new value of REFUI_TOKEN…']);
    assert.deepEqual(ours.map((a) => a.command?.command), ['envguard.revealSecret', 'envguard.setSecretValue']);
    assert.equal((ours[0]!.command!.arguments![0] as vscode.Uri).toString(), uri.toString());
    assert.equal(ours[0]!.command!.arguments![1], 0);
    const plain = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(3, 2, 3, 2));
    assert.equal(plain.filter((a) => a.command?.command?.startsWith('envguard.reveal')).length, 0);
  });

  it('the hover links to both commands for this line, and never holds the value', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 20));
    const text = hoverText(hovers);
    const args = encodeURIComponent(JSON.stringify([uri.toString(), 0]));
    assert.ok(text.includes(`command:envguard.revealSecret?${args}`), text);
    assert.ok(text.includes(`command:envguard.setSecretValue?${args}`), text);
    assert.ok(!text.includes(REFUI_TOKEN));
    assert.ok(!extensionLog().includes(REFUI_TOKEN));
  });
});
