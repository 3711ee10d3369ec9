import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fake } from '../support/fakes';
import { ProjectRegistry } from '../../../src/core/project/registry';
import { exportLocalVault, importLocalVault, openVaultExport, type VaultExport } from '../../../src/core/vault/local/transfer';
import { loadAge } from '../../../src/core/vault/local/transfer/age-library';
import { passphraseIdentity, passphraseRecipient } from '../../../src/core/vault/local/transfer/passphrase-stanza';
import { assertVaultError, freshHome, openTestVault, readStoreJson, removeTempDirs } from './helpers';

/** A small work factor keeps the tests quick; one test seals at the default. */
const QUICK = 10;
const PASSPHRASE = 'export passphrase for tests';

/**
 * `vault export` / `vault import` below the CLI: a vault sealed in an age file under a passphrase and
 * merged into another vault, version ids and owners kept; real vault folders, real files, the real age library.
 */
describe('local vault: export to an age file and import (transfer/)', function () {
  this.timeout(60_000);
  after(removeTempDirs);

  async function sourceVault() {
    const home = freshHome();
    const vault = await openTestVault(home);
    const registry = await ProjectRegistry.open(home);
    const shop = await registry.register('/work/shop', 'shop');
    const blog = await registry.register('/work/blog', 'blog');
    const tags = (project: string, environment: string) => ({ 'envguard-project': project, 'envguard-environment': environment });
    const v1 = await vault.set('shop/production/DB', fake.password('db-v1'), { owner: shop.id, tags: tags('shop', 'production') });
    const v2 = await vault.set('shop/production/DB', fake.password('db-v2'), { owner: shop.id, tags: tags('shop', 'production') });
    await vault.set('blog/default/TOKEN', fake.githubToken('blog'), { owner: blog.id, tags: tags('blog', 'default'), contentType: 'text/plain' });
    await vault.set('LEGACY', fake.password('legacy'));
    await vault.set('shop/default/GONE', fake.password('gone'), { owner: shop.id });
    await vault.delete('shop/default/GONE');
    return { home, vault, registry, shop, blog, v1, v2 };
  }

  it('round-trips every live secret, every version and its id, into a fresh vault on another machine; projects come along without places', async () => {
    const source = await sourceVault();
    const { sealed, summary } = await exportLocalVault(source.vault, source.registry, PASSPHRASE, QUICK);
    assert.deepEqual(summary.names, ['LEGACY', 'blog/default/TOKEN', 'shop/production/DB']);
    assert.equal(summary.versions, 4);
    assert.deepEqual(summary.scopes.sort(), ['blog/default', 'shop/production', 'unknown/default']);
    const bytes = Buffer.from(sealed);
    assert.ok(bytes.subarray(0, 22).toString() === 'age-encryption.org/v1\n', 'an age file');
    for (const value of [fake.password('db-v1'), fake.password('db-v2'), fake.githubToken('blog'), fake.password('legacy'), 'shop/production/DB']) {
      assert.ok(!bytes.includes(value), 'neither values nor names are readable in the file');
    }

    const home = freshHome();
    const target = await openTestVault(home);
    const registry = await ProjectRegistry.open(home);
    const data = await openVaultExport(sealed, PASSPHRASE, 'backup.age');
    const report = await importLocalVault(target, registry, data);
    assert.deepEqual(report.secrets.map((o) => [o.name, o.result, o.versionsAdded]), [['LEGACY', 'added', 1], ['blog/default/TOKEN', 'added', 1], ['shop/production/DB', 'added', 2]]);
    assert.deepEqual(report.projects.map((p) => [p.name, p.outcome]).sort(), [['blog', 'added'], ['shop', 'added']]);

    assert.equal((await target.get('shop/production/DB')).value, fake.password('db-v2'));
    assert.equal((await target.get('shop/production/DB', source.v1.version)).value, fake.password('db-v1'), 'a reference pinned to a version still resolves');
    const versions = await target.versions('shop/production/DB');
    assert.deepEqual(versions.map((v) => v.version), [source.v2.version, source.v1.version]);
    const token = await target.get('blog/default/TOKEN');
    assert.equal(token.value, fake.githubToken('blog'));
    assert.equal(token.info.contentType, 'text/plain');
    assert.equal(token.info.tags['envguard-project'], 'blog');
    assert.equal(token.info.owner, source.blog.id);
    assert.equal((await target.info('LEGACY'))?.owner, undefined);
    assert.equal(await target.info('shop/default/GONE'), undefined, 'a deleted secret is not exported');
    const reopened = await ProjectRegistry.open(home);
    assert.deepEqual(reopened.byId(source.shop.id), { ...reopened.byId(source.shop.id)!, name: 'shop', places: [] });
    // Ciphertext only on disk, under the new vault's own key.
    const onDisk = fs.readFileSync(path.join(home, 'vault.json'), 'utf8');
    assert.ok(!onDisk.includes(fake.password('db-v2')));
    assert.notEqual(readStoreJson(home).keyId, readStoreJson(source.home).keyId);
  });

  it('importing the same file twice, or into the vault it came from, changes nothing (the store is not even rewritten)', async () => {
    const source = await sourceVault();
    const { sealed } = await exportLocalVault(source.vault, source.registry, PASSPHRASE, QUICK);
    const before = fs.readFileSync(path.join(source.home, 'vault.json'), 'utf8');
    const again = await importLocalVault(source.vault, source.registry, await openVaultExport(sealed, PASSPHRASE, 'backup.age'));
    assert.deepEqual(again.secrets.map((o) => o.result), ['unchanged', 'unchanged', 'unchanged']);
    assert.deepEqual(again.projects.map((p) => p.outcome), ['known', 'known']);
    assert.equal(fs.readFileSync(path.join(source.home, 'vault.json'), 'utf8'), before);
  });

  it('an older backup never makes an older value current; a newer one adds its versions; same-named projects are the same project', async () => {
    const source = await sourceVault();
    const old = await exportLocalVault(source.vault, source.registry, PASSPHRASE, QUICK);
    await source.vault.set('shop/production/DB', fake.password('db-v3'), { owner: source.shop.id });
    const newer = await exportLocalVault(source.vault, source.registry, PASSPHRASE, QUICK);

    const home = freshHome();
    const target = await openTestVault(home);
    const registry = await ProjectRegistry.open(home);
    const local = await registry.register('/elsewhere/shop', 'shop'); // the user's own clone, registered here first
    await importLocalVault(target, registry, await openVaultExport(newer.sealed, PASSPHRASE, 'newer.age'));
    const report = await importLocalVault(target, registry, await openVaultExport(old.sealed, PASSPHRASE, 'old.age'));
    assert.deepEqual(report.secrets.map((o) => o.result), ['unchanged', 'unchanged', 'unchanged']);
    assert.equal((await target.get('shop/production/DB')).value, fake.password('db-v3'));
    assert.equal((await target.info('shop/production/DB'))?.owner, local.id, 'owned by the project of the same name here');
    assert.deepEqual((await ProjectRegistry.open(home)).byId(local.id)?.places, ['/elsewhere/shop'], 'its place kept');
  });

  it('skips a secret deleted here, or owned here by another project, and says why; the rest is imported', async () => {
    const source = await sourceVault();
    const { sealed } = await exportLocalVault(source.vault, source.registry, PASSPHRASE, QUICK);
    const home = freshHome();
    const target = await openTestVault(home);
    const registry = await ProjectRegistry.open(home);
    const other = await registry.register('/work/other', 'other');
    await target.set('blog/default/TOKEN', fake.password('mine'), { owner: other.id });
    await target.set('LEGACY', fake.password('deleted-here'));
    await target.delete('LEGACY');
    const report = await importLocalVault(target, registry, await openVaultExport(sealed, PASSPHRASE, 'backup.age'));
    const byName = Object.fromEntries(report.secrets.map((o) => [o.name, o]));
    assert.equal(byName.LEGACY!.result, 'skipped');
    assert.match(byName.LEGACY!.reason!, /deleted in this vault: recover it/);
    assert.equal(byName['blog/default/TOKEN']!.result, 'skipped');
    assert.match(byName['blog/default/TOKEN']!.reason!, /belongs to a project here, and the file gives it to another project or to none/);
    assert.equal(byName['shop/production/DB']!.result, 'added');
    assert.equal((await target.get('blog/default/TOKEN')).value, fake.password('mine'));
    for (const o of report.secrets) assert.ok(!JSON.stringify(o).includes(fake.password('legacy')));
  });

  /** An export written by hand: the dates, owners and ids each merge case needs. */
  function handmade(versions: { id: string; on: string; value: string }[], owner?: string): VaultExport {
    return {
      exportedOn: '2026-06-10T00:00:00.000Z',
      projects: owner ? [{ id: owner, name: 'shop' }] : [],
      secrets: [{ name: 'shop/default/DB', ...(owner ? { owner } : {}), versions: versions.map((v) => ({ version: v.id, createdOn: v.on, enabled: true, tags: {}, value: v.value })) }],
    };
  }
  const id = (c: string) => c.repeat(32);

  it('merges by date around the current value: older versions go before it, the file\'s current wins only when it is newer', async () => {
    const home = freshHome();
    let now = Date.parse('2026-06-01T00:00:00Z');
    const target = await openTestVault(home, { now: () => new Date(now) });
    const registry = await ProjectRegistry.open(home);
    const first = await target.set('shop/default/DB', fake.password('here-1'));
    now = Date.parse('2026-06-03T00:00:00Z');
    const second = await target.set('shop/default/DB', fake.password('here-2'));
    // The file holds the first version, an older one and one between: none is newer than the current one here.
    const older = await importLocalVault(target, registry, handmade([
      { id: id('1'), on: '2026-05-01T00:00:00.000Z', value: fake.password('file-old') },
      { id: first.version, on: first.createdOn.toISOString(), value: fake.password('here-1') },
      { id: id('2'), on: '2026-06-02T00:00:00.000Z', value: fake.password('file-mid') },
    ]));
    assert.deepEqual(older.secrets.map((o) => [o.result, o.versionsAdded, o.becameCurrent]), [['updated', 2, false]]);
    assert.equal((await target.get('shop/default/DB')).value, fake.password('here-2'), 'the current value stays');
    assert.equal((await target.get('shop/default/DB', id('2'))).value, fake.password('file-mid'), 'the older versions are there, by id');
    assert.equal((await target.versions('shop/default/DB'))[0]!.version, second.version);

    // A newer backup, some days later: its current version becomes current.
    now = Date.parse('2026-06-10T00:00:00Z');
    const newer = await importLocalVault(target, registry, handmade([{ id: id('3'), on: '2026-06-05T00:00:00.000Z', value: fake.password('file-new') }]));
    assert.deepEqual(newer.secrets.map((o) => [o.result, o.becameCurrent]), [['updated', true]]);
    assert.equal((await target.get('shop/default/DB')).value, fake.password('file-new'));
    // Importing the older file again afterwards changes nothing.
    const again = await importLocalVault(target, registry, handmade([{ id: id('1'), on: '2026-05-01T00:00:00.000Z', value: fake.password('file-old') }]));
    assert.deepEqual(again.secrets.map((o) => o.result), ['unchanged']);
    assert.equal((await target.get('shop/default/DB')).value, fake.password('file-new'));
  });

  it('skips a version dated in the future, a version id held with another value, and a change of owner either way', async () => {
    const home = freshHome();
    const target = await openTestVault(home, { now: () => new Date('2026-06-10T00:00:00Z') });
    const registry = await ProjectRegistry.open(home);
    const held = await target.set('shop/default/DB', fake.password('held'));
    const current = (await target.get('shop/default/DB')).value;

    const future = await importLocalVault(target, registry, handmade([{ id: id('4'), on: '2999-01-01T00:00:00.000Z', value: fake.password('planted') }]));
    assert.equal(future.secrets[0]!.result, 'skipped');
    assert.match(future.secrets[0]!.reason!, /version a{0}4{32} is dated 2999-01-01.*in the future/);
    const collision = await importLocalVault(target, registry, handmade([{ id: held.version, on: held.createdOn.toISOString(), value: fake.password('other') }]));
    assert.equal(collision.secrets[0]!.result, 'skipped');
    assert.match(collision.secrets[0]!.reason!, new RegExp(`version ${held.version} is in this vault with another value`));
    // Unowned here, owned in the file: ownership never changes by import (claiming is its own act).
    const owned = await importLocalVault(target, registry, handmade([{ id: id('5'), on: '2026-06-09T00:00:00.000Z', value: fake.password('owned') }], 'p-00000000000000aa'));
    assert.equal(owned.secrets[0]!.result, 'skipped');
    assert.match(owned.secrets[0]!.reason!, /belongs to no project here, and the file gives it to one: claim it/);
    assert.equal((await target.get('shop/default/DB')).value, current);
    assert.equal((await target.versions('shop/default/DB')).length, 1);

    // Owned here, no owner in the file (a legacy export, or one that left an owner out on purpose): skipped too.
    const other = freshHome();
    const vault = await openTestVault(other);
    const otherRegistry = await ProjectRegistry.open(other);
    const shop = await otherRegistry.register('/work/shop', 'shop');
    await vault.set('shop/default/DB', fake.password('shop-own'), { owner: shop.id });
    const ownerless = await importLocalVault(vault, otherRegistry, handmade([{ id: id('6'), on: '2026-06-09T00:00:00.000Z', value: fake.password('ownerless') }]));
    assert.equal(ownerless.secrets[0]!.result, 'skipped');
    assert.match(ownerless.secrets[0]!.reason!, /belongs to a project here, and the file gives it to another project or to none/);
    assert.equal((await vault.get('shop/default/DB')).value, fake.password('shop-own'));
  });

  it('refuses a header it must not open, before any key is derived: several stanzas, a work factor over 2^20, a non-canonical salt, an X25519 recipient', async () => {
    const age = loadAge() as ReturnType<typeof loadAge> & { generateX25519Identity(): Promise<string>; identityToRecipient(i: string): Promise<string> };
    const two = new age.Encrypter();
    two.addRecipient(passphraseRecipient(age, PASSPHRASE, QUICK));
    two.addRecipient(passphraseRecipient(age, 'another', QUICK));
    await assertVaultError(openVaultExport(await two.encrypt('{}'), PASSPHRASE, 'two.age'), 'corrupt', /two\.age cannot be imported: its passphrase stanza is not the only one/);

    const one = new age.Encrypter();
    one.addRecipient(passphraseRecipient(age, PASSPHRASE, QUICK));
    const sealed = Buffer.from(await one.encrypt('{}')).toString('latin1');
    const stanza = /^-> scrypt ([A-Za-z0-9+/]{22}) 10$/m.exec(sealed)!;
    const heavy = Buffer.from(sealed.replace(stanza[0], `-> scrypt ${stanza[1]} 21`), 'latin1');
    await assertVaultError(openVaultExport(heavy, PASSPHRASE, 'heavy.age'), 'corrupt', /heavy\.age cannot be imported: its scrypt work factor \(2\^21\) is above 2\^20/);
    // The last of 22 base64 characters carries 2 bits of padding: set them.
    const last = stanza[1]!.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const odd = alphabet[alphabet.indexOf(last) | 1]!;
    const loose = Buffer.from(sealed.replace(stanza[0], `-> scrypt ${stanza[1]!.slice(0, 21)}${odd === last ? alphabet[alphabet.indexOf(last) | 2]! : odd} 10`), 'latin1');
    await assertVaultError(openVaultExport(loose, PASSPHRASE, 'loose.age'), 'corrupt', /loose\.age cannot be imported: its passphrase stanza is malformed/);

    const keyed = new age.Encrypter();
    keyed.addRecipient(await age.identityToRecipient(await age.generateX25519Identity()) as never);
    await assertVaultError(openVaultExport(await keyed.encrypt('{}'), PASSPHRASE, 'keyed.age'), 'corrupt', /keyed\.age cannot be imported: it is encrypted to age recipients \(keys\), not under a passphrase/);
  });

  it('refuses a wrong passphrase, a changed byte, a file that is not age, and a sealed file that is not an export, each in its own words', async () => {
    const source = await sourceVault();
    const { sealed } = await exportLocalVault(source.vault, source.registry, PASSPHRASE, QUICK);
    await assertVaultError(openVaultExport(sealed, 'not the passphrase', 'backup.age'), 'unauthenticated', /the passphrase does not open backup\.age/);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 5]! ^= 1;
    await assertVaultError(openVaultExport(flipped, PASSPHRASE, 'backup.age'), 'corrupt', /backup\.age is damaged/);
    await assertVaultError(openVaultExport(Buffer.from('KEY=value\n'), PASSPHRASE, 'notes.txt'), 'corrupt', /notes\.txt is not an EnvGuard export/);
    const age = loadAge();
    const encrypter = new age.Encrypter();
    encrypter.addRecipient(passphraseRecipient(age, PASSPHRASE, QUICK));
    const other = await encrypter.encrypt('{"format":"something else"}');
    await assertVaultError(openVaultExport(other, PASSPHRASE, 'other.age'), 'corrupt', /other\.age opened, but it is not an EnvGuard vault export/);
  });

  it('is standard age: the library\'s own passphrase identity opens an export, EnvGuard opens `age -p` output (also armored), at the default work factor', async () => {
    const source = await sourceVault();
    const { sealed } = await exportLocalVault(source.vault, source.registry, PASSPHRASE); // default: 2^18
    assert.match(Buffer.from(sealed).toString('latin1'), /^-> scrypt [A-Za-z0-9+/]{22} 18$/m);
    const age = loadAge() as unknown as { Decrypter: new () => { addPassphrase(p: string): void; decrypt(f: Uint8Array, o: 'text'): Promise<string> }; Encrypter: new () => { setPassphrase(p: string): void; setScryptWorkFactor(n: number): void; encrypt(t: string): Promise<Uint8Array> }; armor: { encode(f: Uint8Array): string } };
    const decrypter = new age.Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    const text = await decrypter.decrypt(sealed, 'text');
    assert.equal((JSON.parse(text) as { secrets: unknown[] }).secrets.length, 3);

    // What the age tool writes (`age -p`, here its library's own scrypt recipient), plain and armored.
    const theirs = new age.Encrypter();
    theirs.setPassphrase(PASSPHRASE);
    theirs.setScryptWorkFactor(QUICK);
    const foreign = await theirs.encrypt(text);
    assert.equal((await openVaultExport(foreign, PASSPHRASE, 'a.age')).secrets.length, 3);
    assert.equal((await openVaultExport(Buffer.from(age.armor.encode(foreign)), PASSPHRASE, 'a.age.asc')).secrets.length, 3);
    // Our identity says "not mine" (null), not an error, for another passphrase, as the library's contract asks.
    const stanzas = await passphraseRecipient(loadAge(), PASSPHRASE, QUICK).wrapFileKey(new Uint8Array(16).fill(7));
    assert.equal(await passphraseIdentity('another passphrase').unwrapFileKey(stanzas), null);
    assert.deepEqual(Buffer.from((await passphraseIdentity(PASSPHRASE).unwrapFileKey(stanzas))!), Buffer.alloc(16, 7));
  });

  it('an empty vault exports an empty file that imports as nothing', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    const registry = await ProjectRegistry.open(home);
    const { sealed, summary } = await exportLocalVault(vault, registry, PASSPHRASE, QUICK);
    assert.deepEqual(summary.names, []);
    const report = await importLocalVault(await openTestVault(freshHome()), await ProjectRegistry.open(freshHome()), await openVaultExport(sealed, PASSPHRASE, 'empty.age'));
    assert.deepEqual(report, { secrets: [], projects: [] });
  });
});
