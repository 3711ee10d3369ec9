// The client side of the Azure bench, in a fresh process as `envguard run` is: the bench's own
// process has parsed 10 MB files by then, and its heap's garbage collections are not the vault's.
// Args: port, count, runs. Prints {"parallel":[ms…],"cached":[ms…],"serial":[ms…],"migrate":[ms…]}.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sourcesInto } from '../../support/migration';
import { executeMigration, planMigration } from '../../../src/core/migrate';
import { parseReference, type VaultReference } from '../../../src/core/references';
import { AzureKeyVault, AzureSecretSource } from '../../../src/core/vault/azure';
import { AUTHORITY_HOST_NAME } from '../../servers/keyvault/certs';
import { testClientOptions, testCredential } from '../../servers/keyvault/client-options';
import { TEST_TENANT, type KeyVaultTestServer } from '../../servers/keyvault/server';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const [port, count, runs] = process.argv.slice(2).map(Number) as [number, number, number];
  const server = { port, vaultUrl: (name: string) => `https://${name}.vault.azure.net:${port}`, authorityHost: `https://${AUTHORITY_HOST_NAME}:${port}` };
  const refs = Array.from({ length: count }, (_, i) => parseReference(`@Microsoft.KeyVault(SecretUri=${server.vaultUrl('bench')}/secrets/SECRET-${i})`)) as VaultReference[];
  // As the CLI runs it: the tenant is known (AZURE_TENANT_ID), so the token is fetched during the challenge.
  const fresh = (concurrency?: number): AzureSecretSource => new AzureSecretSource({ credential: () => testCredential(server as KeyVaultTestServer), clientOptions: testClientOptions(), tenantId: TEST_TENANT, ...(concurrency ? { concurrency } : {}) });
  const parallel: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const source = fresh();
    const t = await timed(async () => {
      const results = await source.resolve(refs);
      if (!results.every((r) => r.ok)) throw new Error('a reference did not resolve');
    });
    const c = await timed(() => source.resolve(refs));
    if (i > 0) { parallel.push(t); cached.push(c); }
  }
  const serial: number[] = [];
  for (let i = 0; i < Math.min(3, runs); i++) serial.push(await timed(() => fresh(1).resolve(refs)));
  // A migration of 20 secrets into a new vault each run: each is written, then read back.
  const migrate: number[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'envguard-bench-migrate-'));
  try {
    for (let i = 0; i <= runs; i++) {
      const file = path.join(dir, `run-${i}.env`);
      writeFileSync(file, Array.from({ length: 20 }, (_, k) => `API_TOKEN_${k}=tok_${k}_Zq8Wm2Kv9Xp4Ln7Rt3Yb6Hs1Jd5Fg${i}`).join('\n'));
      const vault = new AzureKeyVault({ vault: server.vaultUrl(`migrate${i}`), credential: testCredential(server as KeyVaultTestServer), clientOptions: testClientOptions() });
      const t = await timed(async () => {
        const plan = await planMigration(await sourcesInto([file], vault, { project: 'bench', label: () => '.env' }));
        const result = await executeMigration(plan);
        if (!result.outcomes.every((o) => o.moved) || result.outcomes.length !== 20) throw new Error('the migration did not move every value');
      });
      if (i > 0) migrate.push(t);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ parallel, cached, serial, migrate })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
