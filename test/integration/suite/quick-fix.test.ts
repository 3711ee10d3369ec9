import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openLocalVault } from '../../../src/core/vault/local';
import { parseProjectConfig } from '../../../src/core/config/project-config';
import { editOpenDocument } from '../../../src/extension/migration/editor-writer';
import { fake } from '../../unit/support/fakes';
import { activateExtension, envGuardDiagnostics, extensionLog, hoverOnKey, fileUri, filesContaining, flaggedKeys, readText, VALUES, waitFor, waitForFlagged, workspaceRoot } from './helpers';

/** A fake token the race test writes (random-looking, flagged under a TOKEN key). */
const RACE_VALUE = 'Rc7Qv2Lm9Xw4Tz8Hb3Np6Kd1Fs5Gy0Ae';
const RACE_TYPED_VALUE = fake.hex('race-typed', 40);
const HELD_SCHEME = 'envguard-test-held';

/** An in-memory file system whose next write, when asked, waits until released (a slow disk, on cue). */
class HeldWritesFileSystem implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  holdNextWrite = false;
  private releaseWrite: (() => void) | undefined;
  private heldNow!: () => void;
  /** Settles once a held write has begun. */
  readonly held = new Promise<void>((resolve) => { this.heldNow = resolve; });
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  text(file: string): string { return Buffer.from(this.files.get(file) ?? []).toString('utf8'); }
  release(): void { this.releaseWrite?.(); }
  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }
  stat(uri: vscode.Uri): vscode.FileStat {
    const bytes = this.files.get(uri.path);
    if (bytes) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: bytes.length };
    if ([...this.files.keys()].some((f) => f.startsWith(`${uri.path.replace(/\/$/, '')}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(): [string, vscode.FileType][] { return []; }
  createDirectory(): void { /* folders are implied by the files */ }
  readFile(uri: vscode.Uri): Uint8Array {
    const bytes = this.files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return bytes;
  }
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    if (this.holdNextWrite) {
      this.holdNextWrite = false;
      const released = new Promise<void>((resolve) => { this.releaseWrite = resolve; });
      this.heldNow();
      await released;
    }
    this.files.set(uri.path, content);
  }
  delete(uri: vscode.Uri): void { this.files.delete(uri.path); }
  rename(): void { throw vscode.FileSystemError.NoPermissions('not needed here'); }
}
/** What the user types after the migration's edit (no value). */
const TYPED = '# typed after the edit\n';

async function codeActionsAt(uri: vscode.Uri, key: string): Promise<vscode.CodeAction[]> {
  const diagnostic = envGuardDiagnostics(uri).find((d) => d.message.startsWith(`${key} `));
  assert.ok(diagnostic, `${key} is flagged`);
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function run(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.command, 'the quick fix has a command');
  await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
}

describe('quick fixes', () => {
  before(activateExtension);

  it('offers: move this value (preferred), move all in the file, not a secret', async () => {
    await waitForFlagged('.env', ['DATABASE_URL', 'PAYMENTS_API_KEY', 'SESSION_SECRET']);
    const titles = (await codeActionsAt(fileUri('.env'), 'SESSION_SECRET')).map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`);
    assert.deepEqual(titles.filter((t) => t.includes('SESSION_SECRET') || t.includes('Move all')), [
      'Move SESSION_SECRET to the vault (preferred)',
      'Move all 3 secrets in this file to the vault',
      'SESSION_SECRET is not a secret (allow it in .envguard.json)',
      'Ignore SESSION_SECRET on this line (# envguard-ignore)',
    ]);
  });

  it('ignores one line with an inline # envguard-ignore, through the editor (undo brings the finding back)', async () => {
    const uri = fileUri('.env');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await run((await codeActionsAt(uri, 'PAYMENTS_API_KEY')).find((a) => a.title.startsWith('Ignore PAYMENTS_API_KEY')));
    const line = editor.document.getText().split(/\r?\n/).find((l) => l.startsWith('PAYMENTS_API_KEY='));
    assert.ok(line !== undefined && line.endsWith(' # envguard-ignore'), 'the comment follows the value');
    assert.ok(line.includes(VALUES.PAYMENTS_API_KEY), 'the value is unchanged');
    await waitForFlagged('.env', ['DATABASE_URL', 'SESSION_SECRET']);
    await vscode.commands.executeCommand('undo');
    await waitForFlagged('.env', ['DATABASE_URL', 'PAYMENTS_API_KEY', 'SESSION_SECRET']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('moves one value from an open editor into the local vault: file rewritten, vault holds it, no value on disk', async () => {
    const uri = fileUri('.env');
    const before = readText('.env');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await run((await codeActionsAt(uri, 'SESSION_SECRET')).find((a) => a.isPreferred));

    const after = readText('.env');
    assert.equal(after, before.replace(`"${VALUES.SESSION_SECRET}"`, '"envguard://local/workspace/default/SESSION_SECRET"'), 'only the value changed, quotes kept');
    assert.equal(editor.document.isDirty, false, 'the editor saved the edit');
    assert.equal(editor.document.getText(), after);
    const vault = await openLocalVault({ keyStore: process.env.ENVGUARD_KEY_STORE });
    assert.equal((await vault.get('workspace/default/SESSION_SECRET')).value, VALUES.SESSION_SECRET);
    assert.deepEqual(filesContaining(VALUES.SESSION_SECRET), []);
    await waitForFlagged('.env', ['DATABASE_URL', 'PAYMENTS_API_KEY']);

    // The edit went through the editor: undo brings the text back (unsaved), revert returns to disk.
    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.getText().includes(VALUES.SESSION_SECRET));
    assert.equal(editor.document.isDirty, true);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.getText(), after);
    assert.deepEqual(filesContaining(VALUES.SESSION_SECRET), []);
  });

  it('shows the vault, name and version on a reference, never the value', async () => {
    const text = await hoverOnKey('.env', 'SESSION_SECRET', 20);
    assert.match(text, /local vault/);
    assert.match(text, /`workspace\/default\/SESSION_SECRET`/);
    assert.match(text, /latest version `[0-9a-f]{32}`/);
    assert.match(text, /Environment `default` of project `workspace`/);
    assert.match(text, /Belongs to project `workspace`/);
    assert.ok(!text.includes(VALUES.SESSION_SECRET));

    const missing = await hoverOnKey('.env', 'CACHE_TOKEN', 16);
    assert.match(missing, /is a reference to the local vault, secret `CACHE_TOKEN`[^]*The local vault .* has no such secret\./);
  });

  it('moves every secret of a file that is not open, atomically on disk', async () => {
    const uri = fileUri('config/prod.env');
    const before = readText('config/prod.env');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed && vscode.window.visibleTextEditors.some((e) => e.document === d)));
    await vscode.commands.executeCommand('envguard.migrateFile', uri);
    assert.equal(readText('config/prod.env'), before
      .replace(`'${VALUES.SMTP_PASSWORD}'`, "'envguard://local/workspace/prod/SMTP_PASSWORD'")
      .replace(VALUES.WEBHOOK_SIGNING_SECRET, 'envguard://local/workspace/prod/WEBHOOK_SIGNING_SECRET'));
    const vault = await openLocalVault({ keyStore: process.env.ENVGUARD_KEY_STORE });
    assert.equal((await vault.get('workspace/prod/SMTP_PASSWORD')).value, VALUES.SMTP_PASSWORD);
    assert.equal((await vault.get('workspace/prod/WEBHOOK_SIGNING_SECRET')).value, VALUES.WEBHOOK_SIGNING_SECRET);
    const info = await vault.info('workspace/prod/SMTP_PASSWORD');
    assert.deepEqual(info?.tags, { 'envguard-project': 'workspace', 'envguard-environment': 'prod', 'envguard-source-file': 'config/prod.env', 'envguard-source-key': 'SMTP_PASSWORD' });
    assert.ok(info?.owner, 'the secret belongs to the project the migration registered');
    await waitForFlagged('config/prod.env', []);
  });

  it('moves the values of an open file while another save of it wins the race (an auto save): no error, the references saved', async () => {
    const file = path.join(workspaceRoot(), 'race', '.env');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `RACE_API_TOKEN=${RACE_VALUE}\nPORT=3000\n`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    await waitForFlagged('race/.env', ['RACE_API_TOKEN']);
    // The [dotenv] auto save, at its worst moment: the references have just landed in the editor, and
    // something else saves the document before the migration's own save() (which then answers false).
    let racing: Thenable<boolean> | undefined;
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === doc && racing === undefined && doc.getText().includes('envguard://')) racing = doc.save();
    });
    const logBefore = extensionLog().length;
    try {
      await vscode.commands.executeCommand('envguard.migrateFile', doc.uri);
    } finally {
      listener.dispose();
    }
    assert.ok(racing !== undefined, 'the racing save ran');
    await racing;
    const log = extensionLog().slice(logBefore);
    assert.doesNotMatch(log, /could not be saved|was not rewritten/, log);
    assert.match(readFileSync(file, 'utf8'), /^RACE_API_TOKEN=envguard:\/\/local\/workspace\/default\/race\/RACE_API_TOKEN\nPORT=3000\n$/);
    assert.equal(doc.isDirty, false, 'the document is saved');
    assert.deepEqual(filesContaining(RACE_VALUE), []);
  });

  it('the editor writer saves its edit and not what the user typed while the save was writing: the typed text stays unsaved (dirty)', async () => {
    // A file system whose writes wait until the test lets them finish: the user types while the save
    // of the references is writing, so that save answers false (the document is dirty again) and
    // the writer must not save again what was typed since.
    const fs = new HeldWritesFileSystem();
    const registration = vscode.workspace.registerFileSystemProvider(HELD_SCHEME, fs);
    const uri = vscode.Uri.from({ scheme: HELD_SCHEME, path: '/race-typed/.env' });
    const original = `RACE_TYPED_API_TOKEN=${RACE_TYPED_VALUE}\nPORT=3000\n`;
    fs.files.set(uri.path, Buffer.from(original));
    // The project check reads real paths: the same file, on disk in the workspace.
    const onDisk = path.join(workspaceRoot(), 'race-typed', '.env');
    mkdirSync(path.dirname(onDisk), { recursive: true });
    writeFileSync(onDisk, original);
    const reference = 'envguard://local/workspace/default/race-typed/RACE_TYPED_API_TOKEN';
    const edited = original.replace(RACE_TYPED_VALUE, reference);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      const end = doc.positionAt(original.length);
      editor.selection = new vscode.Selection(end, end);
      const start = original.indexOf(RACE_TYPED_VALUE);
      fs.holdNextWrite = true;
      const writing = editOpenDocument(doc, { path: onDisk, project: workspaceRoot(), label: 'race-typed/.env', text: original },
        [{ start, end: start + RACE_TYPED_VALUE.length, text: reference }]);
      await fs.held; // the save is writing the references
      await vscode.commands.executeCommand('type', { text: TYPED });
      await waitFor('the typed text in the document', () => (doc.getText().endsWith(TYPED) ? true : undefined));
      fs.release();
      await writing; // resolves: the references were saved
      assert.equal(fs.text(uri.path), edited, 'the references are saved, and nothing typed after them');
      assert.equal(doc.getText(), `${edited}${TYPED}`);
      // The editor's tab (the extension host's isDirty may call it clean after a save that left it dirty).
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab?.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
      assert.equal(tab.isDirty, true, 'what the user typed stays theirs to save');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      fs.release();
      registration.dispose();
    }
  });

  it('"not a secret" allows the key in .envguard.json, which the CLI reads too', async () => {
    const uri = fileUri('.env');
    await run((await codeActionsAt(uri, 'PAYMENTS_API_KEY')).find((a) => a.title.includes('not a secret')));
    // The project's own file: its comment and name stay, the allowed key joins them.
    assert.match(readText('.envguard.json'), /The integration tests' project/);
    assert.deepEqual(parseProjectConfig(readText('.envguard.json')), { project: 'workspace', allowKeys: ['PAYMENTS_API_KEY'] });
    await waitForFlagged('.env', ['DATABASE_URL']);
    assert.ok(!flaggedKeys(uri).includes('PAYMENTS_API_KEY'));
  });

  it('leaves the other lines byte for byte', () => {
    const text = readText('.env');
    for (const line of ['# Fake credentials for EnvGuard\'s integration tests', 'PORT=3000', 'SMTP_PASSWORD=changeme', 'CACHE_TOKEN=envguard://local/CACHE_TOKEN', `PAYMENTS_API_KEY=${VALUES.PAYMENTS_API_KEY}`]) {
      assert.ok(text.split('\n').includes(line), line);
    }
  });
});
