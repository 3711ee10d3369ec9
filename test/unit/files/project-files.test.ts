import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { discoverEnvFiles } from '../../../src/core/files/discover';
import { OutsideProjectError, projectOfNamedFile, realPathInside, writeProjectFile } from '../../../src/core/files/project-files';

const POSIX = process.platform !== 'win32';

/**
 * The project boundary with real symbolic links: a project folder and, beside it, a folder that
 * stands for everything outside (a home folder's `.aws`, another checkout).
 */
(POSIX ? describe : describe.skip)('the project boundary (real symbolic links)', () => {
  let base: string;
  let project: string;
  let outside: string;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(path.join(tmpdir(), 'envguard-links-')));
    project = path.join(base, 'project');
    outside = path.join(base, 'elsewhere');
    mkdirSync(project);
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'credentials'), '[default]\nkey = outside\n');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a linked file that leads outside, naming its real path; the target keeps its bytes', async () => {
    symlinkSync(path.join(outside, 'credentials'), path.join(project, '.env'));
    assert.throws(() => realPathInside(project, path.join(project, '.env'), '.env'), (error: unknown) => {
      assert.ok(error instanceof OutsideProjectError);
      assert.equal(error.realPath, path.join(outside, 'credentials'));
      assert.match(error.message, /^\.env leads outside the project .* to .*elsewhere\/credentials/);
      return true;
    });
    await assert.rejects(writeProjectFile(project, path.join(project, '.env'), 'X=1\n'), OutsideProjectError);
    assert.equal(readFileSync(path.join(outside, 'credentials'), 'utf8'), '[default]\nkey = outside\n');
    assert.ok(lstatSync(path.join(project, '.env')).isSymbolicLink(), 'the link itself is left as it was');
  });

  it('refuses a file under a linked parent folder (.vscode -> elsewhere), also when the file does not exist yet', async () => {
    symlinkSync(outside, path.join(project, '.vscode'));
    await assert.rejects(writeProjectFile(project, path.join(project, '.vscode', 'settings.json'), '{}\n', { createParents: true }), OutsideProjectError);
    assert.deepEqual(readdirSync(outside), ['credentials']);
    // A dangling link is followed to where it points, too.
    symlinkSync(path.join(outside, 'not-yet'), path.join(project, '.claude'));
    await assert.rejects(writeProjectFile(project, path.join(project, '.claude', 'settings.json'), '{}\n', { createParents: true }), OutsideProjectError);
    assert.deepEqual(readdirSync(outside), ['credentials']);
  });

  it('writes through links that stay inside, keeping the link; creates missing folders inside', async () => {
    mkdirSync(path.join(project, 'config'));
    writeFileSync(path.join(project, 'config', 'shared.env'), 'A=1\n');
    symlinkSync(path.join('config', 'shared.env'), path.join(project, '.env'));
    await writeProjectFile(project, path.join(project, '.env'), 'A=2\n');
    assert.ok(lstatSync(path.join(project, '.env')).isSymbolicLink());
    assert.equal(readFileSync(path.join(project, 'config', 'shared.env'), 'utf8'), 'A=2\n');

    await writeProjectFile(project, path.join(project, '.claude', 'settings.json'), '{}\n', { createParents: true });
    assert.equal(readFileSync(path.join(project, '.claude', 'settings.json'), 'utf8'), '{}\n');
  });

  it('accepts a project reached through a link (its real path is the boundary)', async () => {
    const alias = path.join(base, 'alias');
    symlinkSync(project, alias);
    await writeProjectFile(alias, path.join(alias, '.env'), 'A=1\n');
    assert.equal(readFileSync(path.join(project, '.env'), 'utf8'), 'A=1\n');
  });

  it('a file named under the working directory belongs to it; one named elsewhere, to its own folder', () => {
    assert.equal(projectOfNamedFile(project, '.env'), project);
    assert.equal(projectOfNamedFile(project, 'sub/.env'), project);
    assert.equal(projectOfNamedFile(project, '../elsewhere/credentials'), outside);
    // The user can name the real file: it is inside its own folder.
    assert.equal(realPathInside(projectOfNamedFile(project, '../elsewhere/credentials'), path.join(outside, 'credentials')), path.join(outside, 'credentials'));
  });

  it('discovery lists links that stay inside and reports, without listing, those that lead outside', () => {
    writeFileSync(path.join(project, '.env.shared'), 'A=1\n');
    symlinkSync('.env.shared', path.join(project, '.env.local'));
    symlinkSync(path.join(outside, 'credentials'), path.join(project, '.env'));
    mkdirSync(path.join(project, 'app'));
    symlinkSync(path.join(outside, 'credentials'), path.join(project, 'app', 'prod.env'));
    const reported: [string, string][] = [];
    const found = discoverEnvFiles(project, {}, (link, real) => reported.push([link, real]));
    assert.deepEqual(found, [path.join(project, '.env.local'), path.join(project, '.env.shared')]);
    assert.deepEqual(reported.sort(), [
      [path.join(project, '.env'), path.join(outside, 'credentials')],
      [path.join(project, 'app', 'prod.env'), path.join(outside, 'credentials')],
    ]);
  });
});
