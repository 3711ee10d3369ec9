import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProjectRegistry } from '../../../src/core/project';
import { activateExtension, fileUri, hoverText, readText, waitForFlagged, workspaceRoot } from './helpers';

/**
 * The extension against the test Key Vault server (started by test/integration/run.mjs in its own
 * process), with the real SDK and the Azure SDK's standard credential chain reading the AZURE_*
 * variables the harness set. Only this suite resolves *.vault.azure.net to loopback: the DNS hook
 * is loaded into this extension host process; the test CA comes from NODE_EXTRA_CA_CERTS.
 */
const port = Number(process.env.ENVGUARD_TEST_KV_PORT);
const vaultUrl = `https://team.vault.azure.net:${port}`;
const SECRETS = { STRIPE_WEBHOOK_SECRET: 'whsec_9Kq2Lm7Xv4Tp8Rz3Wn6Yb1Hc5Jd0Fg2', REDIS_PASSWORD: 'Rd7-Qm2Vx9Lp4Tz8-Kw3' };
const ENV = `# payments\nSTRIPE_WEBHOOK_SECRET=${SECRETS.STRIPE_WEBHOOK_SECRET}\nREDIS_PASSWORD='${SECRETS.REDIS_PASSWORD}'\nREDIS_HOST=localhost\n`;

function control(method: 'GET' | 'POST', action: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: `/_control/${action}`, servername: 'localhost', ca: readFileSync(process.env.NODE_EXTRA_CA_CERTS!) }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('Azure Key Vault from VS Code', () => {
  before(async () => {
    assert.ok(port > 0, 'the harness started the test Key Vault server');
    require(process.env.ENVGUARD_TEST_DNS_HOOK!); // eslint-disable-line @typescript-eslint/no-require-imports
    await activateExtension();
    const config = vscode.workspace.getConfiguration('envguard');
    await config.update('azure.credential', 'standard', vscode.ConfigurationTarget.Global);
    // As "EnvGuard: Choose Vault…" leaves it: the vault in the workspace settings, confirmed by the user in EnvGuard's registry.
    await (await ProjectRegistry.open(process.env.ENVGUARD_HOME!)).confirmVault(vaultUrl);
    await config.update('azure.vault', vaultUrl, vscode.ConfigurationTarget.Workspace);
    await config.update('vault.provider', 'azure-keyvault', vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    const config = vscode.workspace.getConfiguration('envguard');
    await config.update('vault.provider', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('azure.vault', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('azure.credential', undefined, vscode.ConfigurationTarget.Global);
  });

  function writeEnv(relative: string): vscode.Uri {
    const file = path.join(workspaceRoot(), relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, ENV);
    return fileUri(relative);
  }

  it('a vault failure leaves the file unchanged and says why; nothing is lost', async () => {
    const uri = writeEnv('payments/.env');
    await waitForFlagged('payments/.env', ['REDIS_PASSWORD', 'STRIPE_WEBHOOK_SECRET']);
    await control('POST', 'fail', { fault: { status: 503 }, count: 1000, after: 2 });
    try {
      await vscode.commands.executeCommand('envguard.migrateFile', uri);
    } finally {
      await control('POST', 'clear-faults');
    }
    assert.equal(readText('payments/.env'), ENV);
  });

  it('moves a file\'s secrets into Key Vault with App Service references, and the vault holds them', async () => {
    const uri = fileUri('payments/.env');
    await vscode.commands.executeCommand('envguard.migrateFile', uri);
    assert.equal(readText('payments/.env'), [
      '# payments',
      `STRIPE_WEBHOOK_SECRET=@Microsoft.KeyVault(SecretUri=${vaultUrl}/secrets/workspace-default-payments-STRIPE-WEBHOOK-SECRET)`,
      `REDIS_PASSWORD='@Microsoft.KeyVault(SecretUri=${vaultUrl}/secrets/workspace-default-payments-REDIS-PASSWORD)'`,
      'REDIS_HOST=localhost',
      '',
    ].join('\n'));
    const values = await control('GET', 'values?vault=team') as Record<string, string>;
    assert.equal(values['workspace-default-payments-STRIPE-WEBHOOK-SECRET'], SECRETS.STRIPE_WEBHOOK_SECRET);
    assert.equal(values['workspace-default-payments-REDIS-PASSWORD'], SECRETS.REDIS_PASSWORD);
    await waitForFlagged('payments/.env', []);
  });

  it('resolves the references back from Key Vault (Verify References), and names a broken one', async () => {
    const ok = await vscode.commands.executeCommand<{ resolved: number; failed: string[] }>('envguard.verifyReferences', fileUri('payments/.env'));
    assert.deepEqual(ok, { resolved: 2, failed: [] });
    writeFileSync(path.join(workspaceRoot(), 'payments/.env.broken'), `API_KEY=@Microsoft.KeyVault(SecretUri=${vaultUrl}/secrets/NO-SUCH-SECRET)\nLEAK=@Microsoft.KeyVault(SecretUri=https://collector.example.net/secrets/X)\n`);
    const broken = await vscode.commands.executeCommand<{ resolved: number; failed: string[] }>('envguard.verifyReferences', fileUri('payments/.env.broken'));
    assert.equal(broken.resolved, 0);
    assert.equal(broken.failed.length, 2);
    assert.match(broken.failed.join('\n'), /API_KEY .*has no secret named NO-SUCH-SECRET/);
    assert.match(broken.failed.join('\n'), /LEAK .*collector\.example\.net is not a Key Vault host/);
  });

  it('shows the Key Vault secret\'s version on hover, never its value', async () => {
    const uri = fileUri('payments/.env');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 40));
    const text = hoverText(hovers);
    assert.match(text, /Azure Key Vault team/);
    assert.match(text, /latest version `[0-9a-f]{32}`/);
    assert.ok(!text.includes(SECRETS.STRIPE_WEBHOOK_SECRET));
  });
});
