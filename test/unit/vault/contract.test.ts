/**
 * One contract every vault keeps, run against each provider as EnvGuard uses it: the local vault
 * (an automation vault on disk), Azure Key Vault, AWS Secrets Manager (both layouts) and HashiCorp
 * Vault, the cloud ones with their real clients against the faithful test servers. What migration,
 * resolution and hovers rely on: a name composed from project, environment and key is valid and
 * round-trips through a reference; a write reads back exactly (Unicode, newlines, quotes); a second
 * write is a new version read as the latest; info and list carry no value; a missing secret is
 * 'not-found'; an oversized value is refused without being quoted.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseReference } from '../../../src/core/references';
import { openLocalVault } from '../../../src/core/vault/local';
import { VaultError, type VaultProvider } from '../../../src/core/vault/types';
import { openTestKeyVault, useKeyVaultServer } from '../azure/helpers';
import { openTestProvider, useAwsServer } from './aws/helpers';
import { openVault } from './hashicorp/helpers';
import { useVaultServer } from '../servers/support/vault';

const VALUE = 'pässwörd "quoted" \'single\' #hash $dollar\nsecond line\ttab 🔑';
const NEXT = 'rotated-Zq8Wm2Kv9Xp4Ln7Rt3';

function contract(name: string, open: () => Promise<VaultProvider>): void {
  describe(`vault contract: ${name}`, function () {
    this.timeout(60_000);

    it('a composed name is valid, its reference parses back to it, and a write reads back exactly', async () => {
      const vault = await open();
      const secret = vault.names.compose(['shop', 'production', 'DB_PASSWORD']);
      assert.ok(vault.names.isValid(secret), `${secret} is valid in ${vault.displayName}`);
      const reference = parseReference(vault.formatReference(secret));
      assert.ok(reference, 'the reference text is a reference');
      assert.equal(vault.ownsReference(reference)?.name, secret);
      await vault.set(secret, VALUE, { tags: { 'envguard-project': 'shop', 'envguard-environment': 'production' } });
      assert.equal((await vault.get(secret)).value, VALUE);
    });

    it('a second write is a new version, read as the latest; info and list hold no value', async () => {
      const vault = await open();
      const secret = vault.names.compose(['shop', 'staging', 'API_TOKEN']);
      const first = await vault.set(secret, VALUE);
      const second = await vault.set(secret, NEXT);
      if (vault.versioned) assert.notEqual(second.version, first.version);
      assert.equal((await vault.get(secret)).value, NEXT);
      const info = await vault.info(secret);
      assert.ok(info, 'info of a stored secret');
      assert.ok(!JSON.stringify(info).includes(NEXT) && !JSON.stringify(info).includes('rotated'), 'info carries no value');
      const listed = await vault.list();
      assert.ok(listed.some((i) => vault.names.same(i.name, secret) || i.name === secret.split('#')[0]), `${secret} is listed`);
      assert.ok(!JSON.stringify(listed).includes(NEXT), 'the list carries no value');
    });

    it('a missing secret is not-found; an oversized value is refused without being quoted', async () => {
      const vault = await open();
      const missing = vault.names.compose(['shop', 'production', 'NO_SUCH_KEY']);
      await assert.rejects(vault.get(missing), (error: unknown) => error instanceof VaultError && error.code === 'not-found');
      const huge = `${'Hq7Lm2xVr9z'.repeat(Math.ceil((vault.maxValueBytes + 10) / 11))}`;
      await assert.rejects(vault.set(vault.names.compose(['shop', 'production', 'HUGE']), huge), (error: unknown) => error instanceof VaultError && error.code === 'too-large' && !error.message.includes('Hq7Lm2xVr9z'));
    });
  });
}

describe('every vault keeps the same contract', () => {
  let home: string;
  before(() => { home = mkdtempSync(path.join(tmpdir(), 'envguard-contract-')); });
  after(() => rmSync(home, { recursive: true, force: true }));
  contract('the local vault', () => openLocalVault({ keyStore: 'automation', home: path.join(home, 'local') }));

  const keyVault = useKeyVaultServer();
  contract('Azure Key Vault', () => Promise.resolve(openTestKeyVault(keyVault.server)));

  const aws = useAwsServer();
  contract('AWS Secrets Manager, one JSON secret per environment', () => Promise.resolve(openTestProvider(aws.server)));
  contract('AWS Secrets Manager, one secret per key', () => Promise.resolve(openTestProvider(aws.server, { layout: 'secret-per-key' })));

  const vault = useVaultServer();
  contract('HashiCorp Vault (KV v2)', () => openVault(vault.server));
});
