import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readReleaseLog } from '../../../src/core/gate/release-log';
import { openLocalVault } from '../../../src/core/vault/local';
import { clearPendingClipboard, copyForAWhile } from '../../../src/extension/references/clipboard';
import { fake } from '../../unit/support/fakes';
import { activateExtension, EXTENSION_ID, extensionLog, fileUri, hoverOnKey, hoverText, readText, waitFor, waitForFlagged, workspaceRoot } from './helpers';

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

/** What the release log (the local vault's, shared with the CLI) holds about reveals of `name`. */
async function revealsOf(name: string): Promise<number> {
  const vault = await openLocalVault({ keyStore: process.env.ENVGUARD_KEY_STORE });
  const { records } = await readReleaseLog(vault.home, await vault.derivedKey('release log'));
  return records.filter((r) => r.requester?.purpose === 'reveal' && r.names?.some((n) => n === name || n.endsWith(`/${name}`))).length;
}

async function latestVersion(name: string): Promise<string | undefined> {
  const vault = await openLocalVault({ keyStore: process.env.ENVGUARD_KEY_STORE });
  return (await vault.info(name))?.version;
}

/**
 * Runs Set New Value or Reveal and returns what the command returned. A refusal comes before any
 * password box or dialog; should a password box open instead, it is closed (the command then stores
 * nothing) so that the test fails on its assertions rather than hanging.
 */
async function runRefusable(command: string, ...args: unknown[]): Promise<{ result: unknown; boxClosed: boolean }> {
  let done = false;
  let boxClosed = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => { done = true; });
  for (let waited = 0; !done; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    if (!done && waited > 20_000) {
      boxClosed = true;
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  }
  return { result: await running, boxClosed };
}

/**
 * Reveal and Set New Value refuse before asking anything: a secret of another project (or of no
 * registered project), a file outside the workspace folder, a document not shown in an editor. Any
 * extension or agent tool can run these commands with any URI. The positive paths (password boxes,
 * the approval dialog) are driven by the gate session.
 */
describe('Reveal and Set New Value: refusals', function () {
  this.timeout(180_000);
  const SECRET = 'workspace/default/refusal/REFUSAL_API_TOKEN';
  const REFERENCE = `envguard://local/${SECRET}`;
  const BORROWED = `BORROWED_TOKEN=${REFERENCE}\n`;
  let outside: string;

  before(async () => {
    await activateExtension();
    const root = workspaceRoot();
    mkdirSync(path.join(root, 'refusal'), { recursive: true });
    writeFileSync(path.join(root, 'refusal', '.env'), `REFUSAL_API_TOKEN=${fake.hex('refusal-own', 40)}\n`);
    await waitForFlagged('refusal/.env', ['REFUSAL_API_TOKEN']);
    await vscode.commands.executeCommand('envguard.migrateFile', fileUri('refusal/.env'));
    assert.equal(readText('refusal/.env'), `REFUSAL_API_TOKEN=${REFERENCE}\n`);
    // A registered project of its own (its first migration registers it), whose file borrows the secret.
    mkdirSync(path.join(root, 'other'), { recursive: true });
    writeFileSync(path.join(root, 'other', '.envguard.json'), '{ "project": "other" }\n');
    writeFileSync(path.join(root, 'other', '.env'), `OTHER_API_TOKEN=${fake.hex('refusal-other', 40)}\n${BORROWED}`);
    await waitFor('other/ to be a project of its own', async () => (/project `other`/.test(await hoverOnKey('other/.env', 'BORROWED_TOKEN', 20)) ? true : undefined), 30_000);
    await waitForFlagged('other/.env', ['OTHER_API_TOKEN']);
    await vscode.commands.executeCommand('envguard.migrateFile', fileUri('other/.env'));
    assert.match(readText('other/.env'), /^OTHER_API_TOKEN=envguard:\/\/local\/other\//);
    // A project folder never registered (a cloned repository's, say).
    mkdirSync(path.join(root, 'unregistered'), { recursive: true });
    writeFileSync(path.join(root, 'unregistered', '.envguard.json'), '{ "project": "unregistered" }\n');
    writeFileSync(path.join(root, 'unregistered', '.env'), BORROWED);
    await waitFor('unregistered/ to be a project of its own', async () => (/project `unregistered`/.test(await hoverOnKey('unregistered/.env', 'BORROWED_TOKEN', 20)) ? true : undefined), 30_000);
    // Beside the workspace folder, not in it.
    outside = path.join(path.dirname(root), 'outside-workspace', '.env');
    mkdirSync(path.dirname(outside), { recursive: true });
    writeFileSync(outside, BORROWED);
    writeFileSync(path.join(root, 'refusal', 'hidden.env'), BORROWED);
  });

  for (const folder of ['other', 'unregistered']) {
    it(`Set New Value on ${folder}/.env's reference to the workspace project's secret: refused before any password box, no new version`, async () => {
      const before = await latestVersion(SECRET);
      assert.ok(before);
      const uri = fileUri(`${folder}/.env`);
      await vscode.window.showTextDocument(uri);
      const logBefore = extensionLog().length;
      const { result, boxClosed } = await runRefusable('envguard.setSecretValue', uri, folder === 'other' ? 1 : 0);
      assert.equal(boxClosed, false, 'no password box was opened');
      assert.equal(result, undefined);
      assert.match(extensionLog().slice(logBefore), /BORROWED_TOKEN \(.*\): secret workspace\/default\/refusal\/REFUSAL_API_TOKEN belongs to another project than this file's/);
      assert.equal(await latestVersion(SECRET), before, 'the vault has no new version');
    });
  }

  it('Reveal and Set New Value on a visible file outside the workspace folder: refused, nothing released, no new version', async () => {
    const uri = vscode.Uri.file(outside);
    await vscode.window.showTextDocument(uri);
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === outside), 'the file is shown');
    const [reveals, version] = [await revealsOf(SECRET), await latestVersion(SECRET)];
    for (const command of ['envguard.setSecretValue', 'envguard.revealSecret']) {
      const { result, boxClosed } = await runRefusable(command, uri, 0);
      assert.equal(boxClosed, false, `${command}: no password box`);
      assert.equal(result, undefined, `${command} refused`);
    }
    // The same with the palette (no arguments: the active editor's cursor line).
    assert.equal((await runRefusable('envguard.revealSecret')).result, undefined);
    assert.equal(await revealsOf(SECRET), reveals, 'nothing was released');
    assert.equal(await latestVersion(SECRET), version, 'no new version');
  });

  it('Reveal and Set New Value on a workspace document that is open but not shown in an editor: refused, nothing released, no new version', async () => {
    const uri = fileUri('refusal/hidden.env');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(fileUri('refusal/.env'));
    assert.ok(!doc.isClosed && !vscode.window.visibleTextEditors.some((e) => e.document === doc), 'open, and not shown');
    const [reveals, version] = [await revealsOf(SECRET), await latestVersion(SECRET)];
    for (const command of ['envguard.setSecretValue', 'envguard.revealSecret']) {
      for (const target of [uri, uri.toString()]) { // a code action passes the URI, a hover link its text
        const { result, boxClosed } = await runRefusable(command, target, 0);
        assert.equal(boxClosed, false, `${command}: no password box`);
        assert.equal(result, undefined, `${command} refused`);
      }
    }
    assert.equal(await revealsOf(SECRET), reveals, 'nothing was released');
    assert.equal(await latestVersion(SECRET), version, 'no new version');
  });
});

/**
 * Reveal's Copy: the value leaves the clipboard after the delay, or at once when the window goes
 * (deactivate), but only while the clipboard still holds it. The dialog's Copy button needs a human
 * (the gate session clicks it); here the clearing itself, on VS Code's real clipboard.
 */
describe('Reveal\'s Copy: the clipboard cleared', function () {
  this.timeout(60_000);
  const COPIED = fake.hex('clipboard-copied', 40);
  const OTHER = 'something the user copied since';

  it('on deactivation, a copied value still on the clipboard is cleared at once', async () => {
    const { cleared } = await copyForAWhile(COPIED, 600_000);
    assert.equal(await vscode.env.clipboard.readText(), COPIED);
    await clearPendingClipboard();
    assert.equal(await cleared, true);
    assert.equal(await vscode.env.clipboard.readText(), '');
  });

  it('on deactivation, what the user copied since is left alone', async () => {
    const { cleared } = await copyForAWhile(COPIED, 600_000);
    await vscode.env.clipboard.writeText(OTHER);
    await clearPendingClipboard();
    assert.equal(await cleared, false);
    assert.equal(await vscode.env.clipboard.readText(), OTHER);
  });

  it('after the delay, once: a second deactivation has nothing left to clear', async () => {
    const { cleared } = await copyForAWhile(COPIED, 200);
    assert.equal(await cleared, true); // however long the timer takes on a busy machine
    assert.equal(await vscode.env.clipboard.readText(), '');
    await vscode.env.clipboard.writeText(OTHER);
    await clearPendingClipboard();
    assert.equal(await vscode.env.clipboard.readText(), OTHER);
  });

  it('the extension\'s deactivate is the one that clears (VS Code awaits what it returns)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // The module the host loaded (Node's module cache): its deactivate, with nothing pending, settles.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.join(extension.extensionPath, 'dist', 'extension.js')) as { deactivate: () => unknown };
    const returned = loaded.deactivate();
    assert.ok(returned instanceof Promise, 'deactivate returns the clearing to wait for');
    await returned;
  });
});
