import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AI_TOOL_IDS } from '../../../src/core/ai-ignore/tools';
import { parseProjectConfig } from '../../../src/core/config/project-config';
import { openLocalVault } from '../../../src/core/vault/local';
import { acceptPickerOf, activateExtension, extensionLog, filesContaining, hoverOnKey, readText, VALUES, waitFor, waitForFlagged, workspaceRoot } from './helpers';

describe('commands', () => {
  before(activateExtension);

  it('EnvGuard: Protect Env Files from AI Tools hides env files from the AI tools picked (all, when none is found or saved)', async () => {
    // The picker lists every tool, all picked (the folder shows no tool's own folder); accepting it is the user's choice.
    await acceptPickerOf('envguard.writeIgnoreFiles');
    const config = readText('.envguard.json');
    assert.match(config, /integration tests' project/, 'the comments of .envguard.json are kept');
    assert.deepEqual((parseProjectConfig(config).aiTools ?? []).length, AI_TOOL_IDS.length, 'the choice is kept in .envguard.json');
    for (const file of ['.cursorignore', '.aiexclude', '.codeiumignore', '.aiderignore']) {
      assert.ok(existsSync(path.join(workspaceRoot(), file)), file);
      assert.match(readText(file), /^\.env$/m, `${file} lists .env`);
    }
    const claude = JSON.parse(readText('.claude/settings.json')) as { permissions: { deny: string[] } };
    assert.ok(claude.permissions.deny.some((rule) => rule.includes('.env')));
    // The workspace settings keep their comments (jsonc edit) and gain Copilot's dotenv switch.
    assert.match(readText('.vscode/settings.json'), /Quicker re-checks/);
    assert.match(readText('.vscode/settings.json'), /"dotenv": false/);
  });

  it('the picker starts from the choice kept in .envguard.json; the files of tools left out stay, untouched', async () => {
    const original = readText('.envguard.json');
    const roo = readText('.rooignore');
    const config = path.join(workspaceRoot(), '.envguard.json');
    writeFileSync(config, original.replace(/\n}\s*$/, ',\n  "aiTools": ["cursor"]\n}\n'));
    try {
      await acceptPickerOf('envguard.writeIgnoreFiles');
      assert.deepEqual(parseProjectConfig(readText('.envguard.json')).aiTools, ['cursor']);
      assert.equal(readText('.rooignore'), roo);
      await waitFor('the log to say .rooignore is left', () => (/\.rooignore: not-chosen/.test(extensionLog()) ? true : undefined));
    } finally {
      writeFileSync(config, original);
    }
  });

  it('EnvGuard: Move Secrets in the Workspace shows the plan in a picker and moves what is picked', async () => {
    await waitForFlagged('.env', ['DATABASE_URL']);
    // The picker lists the plan with every item picked; accepting it is the user's OK.
    await acceptPickerOf('envguard.migrateWorkspace');
    assert.match(readText('.env'), /^DATABASE_URL=envguard:\/\/local\/workspace\/default\/DATABASE_URL$/m);
    const vault = await openLocalVault({ keyStore: process.env.ENVGUARD_KEY_STORE });
    assert.equal((await vault.get('workspace/default/DATABASE_URL')).value, VALUES.DATABASE_URL);
    await waitForFlagged('.env', []);
  });

  // The hover showed `STRIPE\_KEY` (a Markdown escape that shows) and named the secret twice.
  it('describes the reference on hover with its names as they are, the secret named once', async () => {
    const text = await hoverOnKey('.env', 'DATABASE_URL', 20);
    assert.match(text, /`DATABASE_URL` is a reference to the local vault, secret `workspace\/default\/DATABASE_URL`/);
    assert.ok(!text.includes('\\'), `no backslash escape: ${text}`);
    assert.equal(text.split('default/DATABASE').length - 1, 1, `the secret is named once: ${text}`);
    assert.match(text, /In the vault: latest version `[^`]+`, created \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.ok(!text.includes(VALUES.DATABASE_URL));
  });

  it('leaves no moved value anywhere in the workspace', () => {
    for (const [key, value] of Object.entries(VALUES)) {
      if (key === 'PAYMENTS_API_KEY') continue; // allowed as "not a secret" above: it stays
      assert.deepEqual(filesContaining(value), [], key);
    }
  });

  it('EnvGuard: Scan Workspace counts what is left', async () => {
    await vscode.commands.executeCommand('envguard.scanWorkspace');
    await waitFor('no flagged value', () => (vscode.languages.getDiagnostics().every(([, ds]) => ds.every((d) => d.source !== 'EnvGuard')) ? true : undefined));
  });
});
