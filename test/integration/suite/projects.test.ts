import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openLocalVault } from '../../../src/core/vault/local';
import { acceptPickerOf, activateExtension, envGuardDiagnostics, fileUri, filesContaining, hoverOnKey, readText, waitFor, waitForFlagged, workspaceRoot } from './helpers';

const port = Number(process.env.ENVGUARD_TEST_KV_PORT);
const prodVault = `https://shop-prod.vault.azure.net:${port}`;

/** A monorepo's env files, every environment and a nested service; each value is a fake secret of its own. */
const FILES: Record<string, Record<string, string>> = {
  '.env.development': { DATABASE_URL: 'postgres://app:Dv7-Lq2Xm9Zt4@localhost:5432/app', API_TOKEN: 'tok_dev_Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1' },
  '.env.production': { DATABASE_URL: 'postgres://app:Pr4-Wn8Kc3Vb6@prod:5432/app', API_TOKEN: 'tok_prd_Hs1Jd5Fg0AcZq8Wm2Kv9Xp4' },
  'services/api/.env': { DATABASE_URL: 'postgres://api:Ap5-Tz2Qm8Lx1@localhost:5432/api' },
  'services/api/.env.production': { DATABASE_URL: 'postgres://api:Ap9-Kv3Rn6Wy2@prod:5432/api' },
};

function control(action: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'GET', path: `/_control/${action}`, servername: 'localhost', ca: readFileSync(process.env.NODE_EXTRA_CA_CERTS!) }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => resolve(JSON.parse(text) as Record<string, string>));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Projects and environments from VS Code: production mapped to a Key Vault in the user's settings
 * (the test Key Vault server; this host resolves *.vault.azure.net to it since the Azure suite
 * loaded the DNS hook), every other environment to the local vault.
 */
describe('projects and environments', () => {
  before(async () => {
    await activateExtension();
    const config = vscode.workspace.getConfiguration('envguard');
    await config.update('azure.credential', 'standard', vscode.ConfigurationTarget.Global);
    await config.update('vault.environments', { production: prodVault }, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    const config = vscode.workspace.getConfiguration('envguard');
    await config.update('vault.environments', undefined, vscode.ConfigurationTarget.Global);
    await config.update('azure.credential', undefined, vscode.ConfigurationTarget.Global);
  });

  it('diagnostics say which environment a file feeds and where its secrets go', async () => {
    for (const [file, values] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(workspaceRoot(), file)), { recursive: true });
      writeFileSync(path.join(workspaceRoot(), file), `# ${file}\nPORT=3000\n${Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    }
    for (const [file, values] of Object.entries(FILES)) await waitForFlagged(file, Object.keys(values));
    const related = (file: string) => envGuardDiagnostics(fileUri(file))[0]?.relatedInformation?.[0]?.message ?? '';
    await waitFor('related information on .env.production', () => (related('.env.production') !== '' ? true : undefined));
    assert.match(related('.env.production'), new RegExp(`^Environment production of project workspace: its secrets move to Azure Key Vault ${prodVault.replace(/[.]/g, '\\.')}$`));
    assert.match(related('.env.development'), /^Environment development of project workspace: its secrets move to the local vault$/);
  });

  it('Move Secrets in the Workspace moves every environment in one go, each into its own vault, under names that never collide', async () => {
    await acceptPickerOf('envguard.migrateWorkspace');
    assert.match(readText('.env.development'), /^DATABASE_URL=envguard:\/\/local\/workspace\/development\/DATABASE_URL$/m);
    assert.match(readText('services/api/.env'), /^DATABASE_URL=envguard:\/\/local\/workspace\/default\/services\/api\/DATABASE_URL$/m);
    assert.match(readText('.env.production'), new RegExp(`^DATABASE_URL=@Microsoft\\.KeyVault\\(SecretUri=${prodVault.replace(/[.]/g, '\\.')}/secrets/workspace-production-DATABASE-URL\\)$`, 'm'));
    assert.match(readText('services/api/.env.production'), /secrets\/workspace-production-services-api-DATABASE-URL\)$/m);
    const inKeyVault = await control('values?vault=shop-prod');
    assert.equal(inKeyVault['workspace-production-API-TOKEN'], FILES['.env.production']!.API_TOKEN);
    assert.equal(inKeyVault['workspace-production-services-api-DATABASE-URL'], FILES['services/api/.env.production']!.DATABASE_URL);
    const local = await openLocalVault({ keyStore: process.env.ENVGUARD_KEY_STORE });
    assert.equal((await local.get('workspace/development/API_TOKEN')).value, FILES['.env.development']!.API_TOKEN);
    for (const values of Object.values(FILES)) for (const value of Object.values(values)) assert.deepEqual(filesContaining(value), [], 'no value stays on disk');
    for (const file of Object.keys(FILES)) await waitForFlagged(file, []);
  });

  it('Verify References and the hover follow the mapping: each file resolves from its own vault', async () => {
    for (const [file, values] of Object.entries(FILES)) {
      const result = await vscode.commands.executeCommand<{ resolved: number; failed: string[] }>('envguard.verifyReferences', fileUri(file));
      assert.deepEqual(result, { resolved: Object.keys(values).length, failed: [] }, file);
    }
    const hover = await hoverOnKey('.env.production', 'DATABASE_URL', 20);
    assert.match(hover, /Environment `production` of project `workspace`/);
    assert.match(hover, /is a reference to Azure Key Vault shop-prod\S*, secret workspace-production-DATABASE-URL/);
    assert.match(hover, /In the vault: latest version `[0-9a-f]{32}`/);
  });
});
