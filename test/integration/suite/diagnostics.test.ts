import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, envGuardDiagnostics, fileUri, flaggedKeys, readText, VALUES, waitFor, waitForFlagged, workspaceRoot } from './helpers';

describe('diagnostics', () => {
  before(activateExtension);

  it('flags the secrets of files that are not open, and only those', async () => {
    await waitForFlagged('.env', ['DATABASE_URL', 'PAYMENTS_API_KEY', 'SESSION_SECRET']);
    await waitForFlagged('config/prod.env', ['SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']);
    // A template, a file without secrets, a dependency folder and a virtualenv: nothing.
    for (const relative of ['.env.example', '.env.local', 'node_modules/some-lib/.env', '.venv/.env']) {
      assert.deepEqual(flaggedKeys(fileUri(relative)), [], relative);
    }
  });

  it('leaves PORT, a placeholder and a reference alone', () => {
    const keys = flaggedKeys(fileUri('.env'));
    for (const key of ['PORT', 'NODE_ENV', 'SMTP_PASSWORD', 'CACHE_TOKEN']) assert.ok(!keys.includes(key), key);
  });

  it('underlines the value, names key and rule, and never shows the value', () => {
    const diagnostics = envGuardDiagnostics(fileUri('.env'));
    const url = diagnostics.find((d) => d.message.startsWith('DATABASE_URL'));
    assert.ok(url);
    assert.deepEqual([url.range.start.line, url.range.start.character, url.range.end.character], [3, 13, 13 + VALUES.DATABASE_URL.length]);
    assert.equal(url.severity, vscode.DiagnosticSeverity.Warning);
    // The code links to the rule's entry on the rules page (codeDescription); the message no longer repeats it.
    assert.ok(typeof url.code === 'object' && url.code !== null);
    assert.equal(url.code.value, 'url-credentials');
    assert.equal(url.code.target.toString(), 'https://github.com/envguard/envguard/blob/main/docs/rules.md#url-credentials');
    assert.ok(!url.message.includes('url-credentials'), url.message);
    for (const d of diagnostics) {
      for (const value of Object.values(VALUES)) assert.ok(!d.message.includes(value), 'no value in a message');
      assert.ok(!d.message.includes('Xk9fQ2mVt7LpR4sZ'), 'not even the password part of the URL');
    }
  });

  it('re-checks as the user types, and again after undo; env files are saved as they change', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('.env.local'));
    const before = doc.getText();
    // The workspace turns auto save off (desktop's default); EnvGuard's [dotenv] default wins for
    // env files, so VS Code never keeps a backup copy of an unsaved one (see the UI session).
    assert.equal(vscode.workspace.getConfiguration('files', { uri: doc.uri, languageId: 'dotenv' }).get('autoSave'), 'afterDelay');
    assert.equal(vscode.workspace.getConfiguration('files', doc.uri).get('autoSave'), 'off');
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'GITHUB_TOKEN=ghp_R2x9LmQ7vT4pZk8Wn3Yb6Hc1Jd5Fg0AsE2rT\n'));
    await waitForFlagged('.env.local', ['GITHUB_TOKEN']);
    await vscode.commands.executeCommand('undo');
    await waitForFlagged('.env.local', []);
    await waitFor('the undone edit to be saved', () => (doc.isDirty ? undefined : true));
    assert.equal(readText('.env.local'), before);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('follows env files created, changed and deleted on disk', async () => {
    // A file changed in place, in a folder that existed at start.
    const file = path.join(workspaceRoot(), 'config', 'staging.env');
    writeFileSync(file, 'API_TOKEN=Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac\n');
    await waitForFlagged('config/staging.env', ['API_TOKEN']);
    writeFileSync(file, 'API_TOKEN=changeme\n');
    await waitForFlagged('config/staging.env', []);
    writeFileSync(file, 'API_TOKEN=Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac\n');
    await waitForFlagged('config/staging.env', ['API_TOKEN']);
    rmSync(file);
    await waitForFlagged('config/staging.env', []);
    // A folder that arrives with its env file (mkdir -p, checkout), and leaves with it (rm -r).
    const dir = path.join(workspaceRoot(), 'services', 'api');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '.env'), 'API_TOKEN=Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg0Ac\n');
    await waitForFlagged('services/api/.env', ['API_TOKEN']);
    rmSync(path.join(workspaceRoot(), 'services'), { recursive: true });
    await waitForFlagged('services/api/.env', []);
  });

  it('takes its severity from the settings', async () => {
    const config = vscode.workspace.getConfiguration('envguard');
    await config.update('diagnostics.severity', 'error', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('error severity', () => (envGuardDiagnostics(fileUri('.env')).every((d) => d.severity === vscode.DiagnosticSeverity.Error) ? true : undefined));
    } finally {
      await config.update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('warning severity again', () => (envGuardDiagnostics(fileUri('.env')).every((d) => d.severity === vscode.DiagnosticSeverity.Warning) ? true : undefined));
  });

  it('honours envguard.files.exclude', async () => {
    const config = vscode.workspace.getConfiguration('envguard');
    await config.update('files.exclude', ['config/**'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitForFlagged('config/prod.env', []);
    } finally {
      await config.update('files.exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForFlagged('config/prod.env', ['SMTP_PASSWORD', 'WEBHOOK_SIGNING_SECRET']);
  });

  it('reports a binary env file with one warning saying why, instead of reading it', async () => {
    writeFileSync(path.join(workspaceRoot(), 'broken.env'), Buffer.from([0x41, 0x3d, 0x00, 0x01, 0x02]));
    try {
      const d = await waitFor('a diagnostic on broken.env', () => envGuardDiagnostics(fileUri('broken.env'))[0]);
      assert.match(d.message, /broken\.env looks binary \(a NUL byte at offset 2\)/);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(envGuardDiagnostics(fileUri('broken.env')).length, 1);
    } finally {
      rmSync(path.join(workspaceRoot(), 'broken.env'));
    }
  });
  it('does not check a linked env file that leads out of the folder; one linked inside is checked', async () => {
    const root = workspaceRoot();
    const outside = path.join(path.dirname(root), 'outside-credentials.env');
    writeFileSync(outside, 'GITHUB_TOKEN=ghp_R2x9LmQ7vT4pZk8Wn3Yb6Hc1Jd5Fg0AsE2rT\n');
    writeFileSync(path.join(root, 'config', 'shared.env'), 'GITHUB_TOKEN=ghp_R2x9LmQ7vT4pZk8Wn3Yb6Hc1Jd5Fg0AsE2rT\n');
    await waitForFlagged('config/shared.env', ['GITHUB_TOKEN']);
    // The link that leads out arrives first; once the one inside (decided after more steps) is
    // flagged, the first has been decided too.
    symlinkSync(outside, path.join(root, '.env.linked-out'));
    symlinkSync(path.join('config', 'shared.env'), path.join(root, '.env.linked-in'));
    try {
      await waitForFlagged('.env.linked-in', ['GITHUB_TOKEN']);
      assert.deepEqual(flaggedKeys(fileUri('.env.linked-out')), []);
    } finally {
      for (const file of ['.env.linked-out', '.env.linked-in', 'config/shared.env']) rmSync(path.join(root, file));
      rmSync(outside);
    }
    await waitForFlagged('.env.linked-in', []);
    await waitForFlagged('config/shared.env', []);
  });

  it('reads a UTF-16LE env file (as PowerShell writes it) that is not open, and notes an encrypted one', async () => {
    // UTF-16LE with a BOM and CRLF; the password is assembled here, not written as a literal.
    const password = ['Wq7', 'zX2!', 'pL9', 'rT4v'].join('');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`API_PASSWORD=${password}\r\nDB_PASSWORD=${password}\r\n`, 'utf16le')]);
    writeFileSync(path.join(workspaceRoot(), 'windows.env'), utf16);
    writeFileSync(path.join(workspaceRoot(), 'sealed.env'), '-----BEGIN PGP MESSAGE-----\n\nhQEMA1oAkf8AAAAA\n-----END PGP MESSAGE-----\n');
    try {
      await waitForFlagged('windows.env', ['API_PASSWORD', 'DB_PASSWORD']);
      // Underlined where the editor shows the values: the byte order mark takes no column.
      const ranges = envGuardDiagnostics(fileUri('windows.env')).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]);
      assert.deepEqual(ranges, [[0, 13, 13 + password.length], [1, 12, 12 + password.length]]);
      for (const d of envGuardDiagnostics(fileUri('windows.env'))) assert.ok(!d.message.includes(password));
      const sealed = await waitFor('a diagnostic on sealed.env', () => envGuardDiagnostics(fileUri('sealed.env'))[0]);
      assert.match(sealed.message, /sealed\.env is encrypted \(gpg \(armored\)\)/);
      assert.equal(sealed.severity, vscode.DiagnosticSeverity.Information);
    } finally {
      rmSync(path.join(workspaceRoot(), 'windows.env'));
      rmSync(path.join(workspaceRoot(), 'sealed.env'));
    }
  });
});
