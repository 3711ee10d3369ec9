import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, filesContaining, fileUri, hoverText, readText, waitFor, waitForFlagged, workspaceRoot } from './helpers';

/**
 * The extension against the test AWS Secrets Manager and HashiCorp Vault servers (started by
 * test/integration/run.mjs in processes of their own), reached as a user's machine reaches them: the
 * AWS_* and VAULT_* variables of the host's environment, the test CA from NODE_EXTRA_CA_CERTS (AWS)
 * and VAULT_CACERT, and the AWS endpoint allowed in the user's settings (a VPC endpoint). Each vault
 * is chosen as *Choose Vault…* leaves it, a file migrated with *Move to Vault*, its references
 * verified, and a debug launch receives the values.
 */
describe('AWS Secrets Manager and HashiCorp Vault from VS Code', () => {
  const awsPort = Number(process.env.ENVGUARD_TEST_AWS_PORT);
  const SECRETS = { ORDERS_API_TOKEN: 'tok_7Wq2Lm9Xv4Tp8Rz3Wn6Yb1Hc5Jd', ORDERS_DB_PASSWORD: 'Pg4-Vx9Lq2Tz7-Mw8', LEDGER_SIGNING_KEY: 'lsk_3Rt8Yw2Qp6Zn9Xc4Vb7Nm1Kd', LEDGER_DB_PASSWORD: 'Lg8-Qm3Vx2Lp7Tz9-Kw4' };
  const config = () => vscode.workspace.getConfiguration('envguard');

  before(async () => {
    assert.ok(awsPort > 0 && process.env.VAULT_ADDR, 'the harness started both servers');
    await activateExtension();
    // A user setting, as for a VPC endpoint: the workspace could not set it.
    await config().update('aws.allowedHosts', [`127.0.0.1:${awsPort}`], vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('vault.provider', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('aws.allowedHosts', undefined, vscode.ConfigurationTarget.Global);
  });

  function writeEnv(relative: string, text: string): vscode.Uri {
    const file = path.join(workspaceRoot(), relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return fileUri(relative);
  }

  it('moves a file into AWS Secrets Manager (one JSON secret for the environment) with vals references that Verify References resolves', async () => {
    await config().update('vault.provider', 'aws-secrets-manager', vscode.ConfigurationTarget.Workspace);
    const uri = writeEnv('orders/.env', `ORDERS_API_TOKEN=${SECRETS.ORDERS_API_TOKEN}\nORDERS_DB_PASSWORD=${SECRETS.ORDERS_DB_PASSWORD}\nORDERS_PORT=8080\n`);
    await waitForFlagged('orders/.env', ['ORDERS_API_TOKEN', 'ORDERS_DB_PASSWORD']);
    await vscode.commands.executeCommand('envguard.migrateFile', uri);
    const region = process.env.AWS_REGION!;
    assert.equal(readText('orders/.env'), [
      `ORDERS_API_TOKEN='ref+awssecrets://workspace/default/orders?region=${region}#/ORDERS_API_TOKEN'`,
      `ORDERS_DB_PASSWORD='ref+awssecrets://workspace/default/orders?region=${region}#/ORDERS_DB_PASSWORD'`,
      'ORDERS_PORT=8080', '',
    ].join('\n'));
    await waitForFlagged('orders/.env', []);
    assert.deepEqual(await vscode.commands.executeCommand('envguard.verifyReferences', uri), { resolved: 2, failed: [] });
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 30)));
    assert.match(hover, /AWS Secrets Manager secret workspace\/default\/orders/);
    // The vault the migration opened answers the hover: the version and its date, never the value.
    assert.match(hover, /latest version `[0-9a-f-]{32,64}`, created \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.ok(!hover.includes(SECRETS.ORDERS_API_TOKEN));
  });

  it('moves a file into HashiCorp Vault (one KV path for the environment), verified the same way', async () => {
    await config().update('vault.provider', 'hashicorp-vault', vscode.ConfigurationTarget.Workspace);
    const uri = writeEnv('ledger/.env', `LEDGER_SIGNING_KEY=${SECRETS.LEDGER_SIGNING_KEY}\nLEDGER_DB_PASSWORD=${SECRETS.LEDGER_DB_PASSWORD}\n`);
    await waitForFlagged('ledger/.env', ['LEDGER_DB_PASSWORD', 'LEDGER_SIGNING_KEY']);
    await vscode.commands.executeCommand('envguard.migrateFile', uri);
    assert.equal(readText('ledger/.env'), [
      'LEDGER_SIGNING_KEY=\'ref+vault://secret/envguard/workspace/default/ledger#/LEDGER_SIGNING_KEY\'',
      'LEDGER_DB_PASSWORD=\'ref+vault://secret/envguard/workspace/default/ledger#/LEDGER_DB_PASSWORD\'', '',
    ].join('\n'));
    assert.deepEqual(await vscode.commands.executeCommand('envguard.verifyReferences', uri), { resolved: 2, failed: [] });
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 30)));
    assert.match(hover, /HashiCorp Vault/);
    assert.match(hover, /latest version `1`, created \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.ok(!hover.includes(SECRETS.LEDGER_SIGNING_KEY));
  });

  it('a debug launch receives the values from both vaults; no value touches the workspace', async () => {
    const out = path.join(workspaceRoot(), '..', 'cloud-debug-out.json');
    const keys = Object.keys(SECRETS).join(',');
    const envFile = `${readText('orders/.env')}${readText('ledger/.env')}`;
    writeEnv('cloud/.env', envFile);
    const folder = vscode.workspace.workspaceFolders![0]!;
    const ended = new Promise<void>((resolve) => { const sub = vscode.debug.onDidTerminateDebugSession(() => { sub.dispose(); resolve(); }); });
    assert.equal(await vscode.debug.startDebugging(folder, {
      type: 'node', request: 'launch', name: 'Node: cloud vaults', program: '${workspaceFolder}/print-env.js', console: 'internalConsole',
      envFile: '${workspaceFolder}/cloud/.env', env: { ENVGUARD_PRINT_OUT: out, ENVGUARD_PRINT_KEYS: keys },
    }), true);
    await waitFor('the program to write its environment', () => (existsSync(out) ? true : undefined), 60_000);
    await ended;
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), SECRETS);
    for (const value of Object.values(SECRETS)) assert.deepEqual(filesContaining(value), []);
    assert.equal(readText('cloud/.env'), envFile, 'the env file still holds only references');
  });
});
