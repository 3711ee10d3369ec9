import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fake } from '../support/fakes';
import { allFiles, freshHome, counterFile, keyFile, openTestVault, removeTempDirs, storeFile } from './helpers';

const posixOnly = process.platform === 'win32' ? it.skip : it;

/** Every encoding in which a value could leak: as written, and as base64 of its UTF-8. */
function leakForms(value: string): Buffer[] {
  return [Buffer.from(value, 'utf8'), Buffer.from(Buffer.from(value, 'utf8').toString('base64'), 'utf8')];
}

describe('local vault at rest', () => {
  after(removeTempDirs);

  it('never writes a value to disk, not even in a temp file', async () => {
    const home = freshHome();
    const vault = await openTestVault(home);
    const values = [fake.githubToken('at-rest'), fake.awsSecretAccessKey('at-rest'), fake.privateKey('at-rest'), fake.password('at-rest')];
    for (const [index, value] of values.entries()) await vault.set(`SECRET_${index}`, value);
    await vault.set('SECRET_0', fake.stripeSecret('at-rest-v2'));
    values.push(fake.stripeSecret('at-rest-v2'));
    await vault.delete('SECRET_3');
    // A value a failed write refused must not linger either.
    await assert.rejects(vault.set('TOO_LARGE', `${fake.hex('big', 64)}${'z'.repeat(1024 * 1024)}`));

    const files = allFiles(home);
    assert.ok(files.length >= 2, files.join(', '));
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const value of [...values, fake.hex('big', 64)]) {
        for (const form of leakForms(value)) assert.equal(bytes.indexOf(form), -1, `${file} contains a value`);
      }
    }
    assert.deepEqual(files.sort(), [keyFile(home), storeFile(home), counterFile(home)].sort(), 'no temp files or locks left behind');
  });

  posixOnly('keeps the folder 0700 and its files 0600, whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const home = freshHome();
      const vault = await openTestVault(home);
      await vault.set('MODE', fake.password('mode'));
      await vault.set('MODE', fake.password('mode2'));
      assert.equal(fs.statSync(home).mode & 0o777, 0o700);
      assert.equal(fs.statSync(storeFile(home)).mode & 0o777, 0o600);
      assert.equal(fs.statSync(keyFile(home)).mode & 0o777, 0o600);
    } finally {
      process.umask(previous);
    }
  });
});
