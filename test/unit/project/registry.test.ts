import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalAccess, ProjectNameTakenError, ProjectRegistry } from '../../../src/core/project';
import { VaultError } from '../../../src/core/vault/types';

describe('the project registry (the user\'s, outside every project)', () => {
  let home: string;
  beforeEach(() => { home = mkdtempSync(path.join(tmpdir(), 'envguard-registry-')); });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('registers a folder once, under a name no other project of this machine has; the file is the user\'s alone', async () => {
    const registry = await ProjectRegistry.open(home);
    const shop = await registry.register('/work/shop', 'shop');
    assert.match(shop.id, /^p-[0-9a-f]{16}$/);
    assert.equal((await registry.register('/work/shop', 'shop')).id, shop.id, 'registering again changes nothing');
    await assert.rejects(registry.register('/work/other', 'shop'), (error: unknown) => error instanceof ProjectNameTakenError && error.holder.id === shop.id && /already used on this machine by \/work\/shop/.test(error.message));
    const renamed = await registry.register('/work/shop', 'store');
    assert.deepEqual([renamed.id, renamed.name], [shop.id, 'store'], 'a rename in .envguard.json keeps the project (and its secrets)');
    const reopened = await ProjectRegistry.open(home);
    assert.equal(reopened.projectAt('/work/shop')?.name, 'store');
    if (process.platform !== 'win32') assert.equal(statSync(path.join(home, 'projects.json')).mode & 0o777, 0o600);
  });

  it('adds a confirmed place, drops places that are gone, and takes the place from any other project', async () => {
    const registry = await ProjectRegistry.open(home);
    const a = await registry.register('/old/a', 'a');
    await registry.register('/new/a', 'b'); // a mistake: /new/a was registered as another project
    const linked = await registry.addPlace(a.id, '/new/a', (place) => place !== '/old/a');
    assert.deepEqual(linked.places, ['/new/a']);
    assert.deepEqual(registry.projectNamed('b')?.places, []);
    assert.equal(registry.projectAt('/new/a')?.id, a.id);
  });

  it('remembers confirmed vaults case-insensitively, and forgets them on request', async () => {
    const registry = await ProjectRegistry.open(home);
    assert.ok(!registry.isVaultConfirmed('https://kv.vault.azure.net'));
    await registry.confirmVault('https://kv.vault.azure.net');
    assert.ok((await ProjectRegistry.open(home)).isVaultConfirmed('https://KV.vault.azure.net'));
    assert.ok(await registry.unconfirmVault('https://kv.vault.azure.net'));
    assert.ok(!(await ProjectRegistry.open(home)).isVaultConfirmed('https://kv.vault.azure.net'));
  });

  it('a damaged registry is reported with what to do, never replaced', async () => {
    writeFileSync(path.join(home, 'projects.json'), '{ "format": "envguard-projects", "projects": [ { "id": 3 } ] }', { mode: 0o600 });
    await assert.rejects(ProjectRegistry.open(home), (error: unknown) => error instanceof VaultError && error.code === 'corrupt' && /projects\.json is damaged \(its "projects" are malformed\); restore it/.test(error.message));
    assert.match(readFileSync(path.join(home, 'projects.json'), 'utf8'), /"id": 3/);
  });
});

describe('who may read a local secret', () => {
  let home: string;
  let places: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'envguard-access-'));
    places = mkdtempSync(path.join(tmpdir(), 'envguard-places-'));
  });
  afterEach(() => { rmSync(home, { recursive: true, force: true }); rmSync(places, { recursive: true, force: true }); });

  it('its owner; a project it is shared with (names or globs); nobody else, whatever name they declare', async () => {
    const registry = await ProjectRegistry.open(home);
    const payments = await registry.register(path.join(places, 'payments'), 'payments');
    await registry.register(path.join(places, 'billing'), 'billing');
    await registry.register(path.join(places, 'crm'), 'crm');
    mkdirSync(path.join(places, 'payments'));
    writeFileSync(path.join(places, 'payments', '.envguard.json'), '{ "project": "payments", "share": { "payments/production/*": ["billing"] } }');
    const access = new LocalAccess(registry);
    assert.equal(await access.check('payments/production/STRIPE', payments.id, { root: path.join(places, 'payments') }), undefined);
    assert.equal(await access.check('payments/production/STRIPE', payments.id, { root: path.join(places, 'billing') }), undefined, 'shared by glob');
    const notShared = await access.check('payments/default/STRIPE', payments.id, { root: path.join(places, 'billing') });
    assert.equal(notShared?.remedy.kind, 'share');
    const crm = await access.check('payments/production/STRIPE', payments.id, { root: path.join(places, 'crm') });
    assert.match(crm?.reason ?? '', /belongs to project payments .*project crm .* may not read it/);
    const impostor = await access.check('payments/production/STRIPE', payments.id, { root: '/tmp/clone', declaredName: 'payments' });
    assert.equal(impostor?.remedy.kind, 'link', 'a copied name is only a hint that the user may confirm');
    const impostorBilling = await access.check('payments/production/STRIPE', payments.id, { root: '/tmp/fake-billing', declaredName: 'billing' });
    assert.equal(impostorBilling?.remedy.kind, 'share', 'declaring the name of a project shared with is not being it');
    const legacy = await access.check('OLD_TOKEN', undefined, { root: path.join(places, 'billing') });
    assert.equal(legacy?.remedy.kind, 'claim');
  });
});
