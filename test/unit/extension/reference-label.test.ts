import * as assert from 'node:assert/strict';
import { parseReference, type VaultReference } from '../../../src/core/references';
import type { SecretInfo } from '../../../src/core/vault/types';
import { formatAge, labelFromInfo, labelWithoutInfo, vaultLabelOf, versionLabelOf } from '../../../src/extension/references/reference-label';

const NOW = new Date('2026-12-02T12:00:00Z');
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const VERSION = 'a'.repeat(32);
const OLDER = 'b'.repeat(32);

function ref(text: string): VaultReference {
  const parsed = parseReference(text);
  assert.ok(parsed, `${text} parses`);
  return parsed;
}

function info(fields: Partial<SecretInfo> = {}): SecretInfo {
  return { name: 'shop/production/DB_PASSWORD', version: VERSION, versionNumber: 3, createdOn: ago(2 * DAY), enabled: true, tags: {}, ...fields };
}

describe('the label after a reference (extension/references/reference-label)', () => {
  it('ages read at a glance, singular and plural, from seconds to years', () => {
    assert.equal(formatAge(ago(10_000), NOW), 'just now');
    assert.equal(formatAge(new Date(NOW.getTime() + 5000), NOW), 'just now'); // a vault clock a little ahead
    assert.equal(formatAge(ago(MIN), NOW), '1 minute ago');
    assert.equal(formatAge(ago(5 * MIN), NOW), '5 minutes ago');
    assert.equal(formatAge(ago(60 * MIN), NOW), '1 hour ago');
    assert.equal(formatAge(ago(23 * 60 * MIN), NOW), '23 hours ago');
    assert.equal(formatAge(ago(DAY), NOW), '1 day ago');
    assert.equal(formatAge(ago(2 * DAY), NOW), '2 days ago');
    assert.equal(formatAge(ago(13 * DAY), NOW), '13 days ago');
    assert.equal(formatAge(ago(14 * DAY), NOW), '2 weeks ago');
    assert.equal(formatAge(ago(35 * DAY), NOW), '5 weeks ago');
    assert.equal(formatAge(ago(90 * DAY), NOW), '3 months ago');
    assert.equal(formatAge(ago(800 * DAY), NOW), '2 years ago');
  });

  it('a counted version reads "v3"; an opaque id (Key Vault, AWS) is left out', () => {
    assert.equal(versionLabelOf({ version: VERSION, versionNumber: 3 }), 'v3');
    assert.equal(versionLabelOf({ version: '7' }), 'v7'); // HashiCorp KV v2
    assert.equal(versionLabelOf({ version: VERSION }), undefined);
    assert.equal(versionLabelOf({ version: '0' }), undefined);
  });

  it('names each vault short, as the reference does', () => {
    assert.equal(vaultLabelOf(ref('envguard://local/shop/production/DB_PASSWORD')), 'local');
    assert.equal(vaultLabelOf(ref('@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/DB/)')), 'Key Vault myvault');
    assert.equal(vaultLabelOf(ref('ref+awssecrets://app/db?region=eu-west-1')), 'AWS eu-west-1');
    assert.equal(vaultLabelOf(ref('ref+vault://secret/app#password')), 'HashiCorp Vault');
  });

  it('"local · v3 · 2 days ago" for a versionless local reference; "Key Vault myvault · 5 weeks ago" without a counted version', () => {
    assert.deepEqual(labelFromInfo(ref('envguard://local/shop/production/DB_PASSWORD'), info(), NOW), { text: 'local · v3 · 2 days ago', warning: false });
    const kv = ref('@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/DB/)');
    assert.deepEqual(labelFromInfo(kv, info({ versionNumber: undefined, createdOn: ago(35 * DAY) }), NOW), { text: 'Key Vault myvault · 5 weeks ago', warning: false });
  });

  it('a pinned reference says whether it pins the latest version', () => {
    assert.equal(labelFromInfo(ref(`envguard://local/shop/production/DB_PASSWORD@${VERSION}`), info(), NOW).text, 'local · v3 (pinned) · 2 days ago');
    assert.equal(labelFromInfo(ref(`envguard://local/shop/production/DB_PASSWORD@${OLDER}`), info(), NOW).text, 'local · pinned to an older version (latest v3) · 2 days ago');
  });

  it('a missing secret says "not found" in the warning colour; a disabled one says so too', () => {
    assert.deepEqual(labelFromInfo(ref('envguard://local/shop/production/GONE'), undefined, NOW), { text: 'local · not found', warning: true });
    assert.deepEqual(labelFromInfo(ref('envguard://local/shop/production/DB_PASSWORD'), info({ enabled: false }), NOW), { text: 'local · v3 · 2 days ago · disabled', warning: true });
  });

  it('without asking the vault: Restricted Mode shows only what the reference says; otherwise why not', () => {
    const kv = ref('@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/DB/)');
    assert.deepEqual(labelWithoutInfo(kv, 'restricted'), { text: 'Key Vault myvault', warning: false });
    assert.equal(labelWithoutInfo(ref(`envguard://local/shop/production/DB_PASSWORD@${VERSION}`), 'restricted').text, 'local · pinned');
    assert.equal(labelWithoutInfo(kv, 'not-confirmed').text, 'Key Vault myvault · not confirmed');
    assert.equal(labelWithoutInfo(kv, 'not-signed-in').text, 'Key Vault myvault · not signed in');
    assert.equal(labelWithoutInfo(ref('envguard://local/shop/production/DB_PASSWORD'), 'locked').text, 'local · locked');
  });
});
