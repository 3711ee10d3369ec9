import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import * as path from 'node:path';
import { makeProject, runCli } from '../support/cli';

/** `envguard run -- CMD` ends as a shell would when CMD cannot run: 126 not executable, 127 not found. */
describe('envguard run: exit codes of a command that cannot run', function () {
  this.timeout(60_000);

  it('exits 126 for a command that exists but is not executable (a file without x, a folder), 127 for none', async () => {
    const p = makeProject({ '.env': 'PORT=3000\n', 'tool.sh': '#!/bin/sh\necho ran\n', 'bin/.keep': '' });
    try {
      chmodSync(path.join(p.dir, 'tool.sh'), 0o644);
      for (const command of ['./tool.sh', path.join(p.dir, 'tool.sh'), './bin']) {
        const result = await runCli(['run', '--', command], { cwd: p.dir });
        assert.equal(result.code, 126, `${command}: ${result.stderr}`);
        assert.match(result.stderr, /envguard run: permission denied: .* is not executable/);
        assert.doesNotMatch(result.stdout, /ran/);
      }
      // Found on PATH but not executable: a shell says "permission denied" and exits 126 too.
      const onPath = await runCli(['run', '--', 'tool.sh'], { cwd: p.dir, env: { PATH: `${p.dir}:${process.env.PATH ?? ''}` } });
      assert.equal(onPath.code, 126, onPath.stderr);
      const missing = await runCli(['run', '--', './no-such-tool'], { cwd: p.dir });
      assert.equal(missing.code, 127, missing.stderr);
      chmodSync(path.join(p.dir, 'tool.sh'), 0o755);
      const runs = await runCli(['run', '--', './tool.sh'], { cwd: p.dir });
      assert.deepEqual({ code: runs.code, stdout: runs.stdout }, { code: 0, stdout: 'ran\n' });
    } finally {
      p.cleanup();
    }
  });
});
