import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, filesContaining, readText, VALUES, waitFor, workspaceRoot } from './helpers';

/**
 * F5 with references: the Node.js debugger (VS Code's built-in js-debug) and the Python debugger
 * (the real debugpy adapter, see test/integration/debugpy-extension) launch a program whose
 * env file holds only references, one to the local vault (moved there by the quick-fix tests) and
 * one to the test Key Vault (moved there by the Azure tests); the program writes what it received.
 */
describe('debug launch', () => {
  before(async () => {
    await activateExtension();
    // Key Vault references resolve with the standard chain (the AZURE_* variables the harness set).
    await vscode.workspace.getConfiguration('envguard').update('azure.credential', 'standard', vscode.ConfigurationTarget.Global);
  });
  after(() => vscode.workspace.getConfiguration('envguard').update('azure.credential', undefined, vscode.ConfigurationTarget.Global));
  const port = Number(process.env.ENVGUARD_TEST_KV_PORT);

  const WEBHOOK_SECRET = 'whsec_9Kq2Lm7Xv4Tp8Rz3Wn6Yb1Hc5Jd0Fg2';

  /**
   * Starts a launch.json configuration by name and returns what its program wrote (to `outName`
   * beside the workspace) once the session ended; then checks that no value is in the workspace.
   */
  async function launchAndRead(configuration: string, outName: string): Promise<Record<string, string | null>> {
    const out = path.join(workspaceRoot(), '..', outName);
    const folder = vscode.workspace.workspaceFolders![0]!;
    const ended = new Promise<void>((resolve) => { const sub = vscode.debug.onDidTerminateDebugSession(() => { sub.dispose(); resolve(); }); });
    assert.equal(await vscode.debug.startDebugging(folder, configuration), true);
    await waitFor(`"${configuration}" to write its environment`, () => (existsSync(out) ? true : undefined), 60_000);
    await ended;
    assert.deepEqual(filesContaining(VALUES.SESSION_SECRET), []);
    assert.deepEqual(filesContaining(WEBHOOK_SECRET), []);
    return JSON.parse(readFileSync(out, 'utf8')) as Record<string, string | null>;
  }

  it('the Node.js debugger, started from launch.json, receives every secret from the local vault and Key Vault; no value touches the workspace', async () => {
    const envFile = `SESSION_SECRET=envguard://local/workspace/default/SESSION_SECRET\nSTRIPE_WEBHOOK_SECRET=@Microsoft.KeyVault(SecretUri=https://team.vault.azure.net:${port}/secrets/workspace-default-payments-STRIPE-WEBHOOK-SECRET)\nPORT=3000\nMODE=file\n`;
    mkdirSync(path.join(workspaceRoot(), 'launch'), { recursive: true });
    writeFileSync(path.join(workspaceRoot(), 'launch', '.env'), envFile);
    const received = await launchAndRead('Node: print env', 'node-debug-out.json');
    assert.deepEqual(received, { SESSION_SECRET: VALUES.SESSION_SECRET, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, PORT: '3000', MODE: 'explicit' });
    assert.equal(readText('launch/.env'), envFile, 'the env file still holds only references');
  });

  it('the Python debugger (debugpy), started from launch.json, receives them from the workspace .env it reads by default; explicit env wins', async () => {
    // No envFile: the Python extension reads ${workspaceFolder}/.env, so EnvGuard does too.
    const original = readText('.env');
    const envFile = `# references only\nSESSION_SECRET=envguard://local/workspace/default/SESSION_SECRET\nSTRIPE_WEBHOOK_SECRET="@Microsoft.KeyVault(SecretUri=https://team.vault.azure.net:${port}/secrets/workspace-default-payments-STRIPE-WEBHOOK-SECRET)"\nPORT=3000\nMODE=file\n`;
    writeFileSync(path.join(workspaceRoot(), '.env'), envFile);
    try {
      const received = await launchAndRead('Python: print env', 'python-debug-out.json');
      assert.deepEqual(received, { SESSION_SECRET: VALUES.SESSION_SECRET, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, PORT: '3000', MODE: 'explicit' });
      assert.equal(readText('.env'), envFile, 'the env file still holds only references');
    } finally {
      writeFileSync(path.join(workspaceRoot(), '.env'), original);
    }
  });
});

describe('tasks and terminals with secrets', () => {
  before(async () => {
    await activateExtension();
    await vscode.workspace.getConfiguration('envguard').update('debug.envFiles', ['launch/.env'], vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('envguard').update('azure.credential', 'standard', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('envguard').update('debug.envFiles', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('envguard').update('azure.credential', undefined, vscode.ConfigurationTarget.Global);
  });
  const expected = { SESSION_SECRET: VALUES.SESSION_SECRET, STRIPE_WEBHOOK_SECRET: 'whsec_9Kq2Lm7Xv4Tp8Rz3Wn6Yb1Hc5Jd0Fg2', PORT: '3000' };

  it('EnvGuard: Run Command with Secrets runs a task whose process gets the resolved values', async () => {
    const out = path.join(workspaceRoot(), '..', 'task-out.json');
    const execution = await vscode.commands.executeCommand<vscode.TaskExecution | undefined>('envguard.runTask', `node print-env.js ${out} SESSION_SECRET,STRIPE_WEBHOOK_SECRET,PORT`);
    assert.ok(execution, 'the task started');
    await waitFor('the task to write its environment', () => (existsSync(out) ? true : undefined), 60_000);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), expected);
    assert.deepEqual(filesContaining(VALUES.SESSION_SECRET), []);
  });

  it('EnvGuard: Open Terminal with Secrets opens a marked terminal whose processes get them', async () => {
    const out = path.join(workspaceRoot(), '..', 'terminal-out.json');
    const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>('envguard.openTerminal');
    assert.ok(terminal);
    assert.match(terminal.name, /^EnvGuard secrets/);
    terminal.sendText(`node print-env.js ${out} SESSION_SECRET,STRIPE_WEBHOOK_SECRET,PORT`);
    await waitFor('the terminal command to write its environment', () => (existsSync(out) ? true : undefined), 60_000);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), expected);
    terminal.dispose();
  });
});
