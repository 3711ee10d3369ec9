import assert from 'node:assert/strict';
import { useColor } from '../../../src/cli/io';
import { makeProject, runCli } from '../support/cli';
import { fake } from '../support/fakes';

/** NO_COLOR (no-color.org) and FORCE_COLOR, honoured wherever the CLI colours its output. */
describe('envguard colours: NO_COLOR and FORCE_COLOR', function () {
  this.timeout(60_000);
  const ESC = '\x1b[';

  it('colours a scan report into a pipe only with FORCE_COLOR, which wins over NO_COLOR as in Node', async () => {
    const p = makeProject({ '.env': `GITHUB_TOKEN=${fake.githubToken('color')}\n` });
    try {
      const cases: [NodeJS.ProcessEnv, boolean][] = [
        [{}, false], [{ FORCE_COLOR: '1' }, true], [{ FORCE_COLOR: '' }, true], [{ FORCE_COLOR: '0' }, false],
        [{ FORCE_COLOR: 'false' }, false], [{ NO_COLOR: '1' }, false], [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true],
      ];
      for (const [env, coloured] of cases) {
        const result = await runCli(['scan'], { cwd: p.dir, env });
        assert.equal(result.code, 1, result.stderr);
        assert.equal(result.stdout.includes(ESC), coloured, JSON.stringify(env));
      }
      // JSON and SARIF are never coloured.
      const json = await runCli(['scan', '--format', 'json'], { cwd: p.dir, env: { FORCE_COLOR: '1' } });
      assert.ok(!json.stdout.includes(ESC));
    } finally {
      p.cleanup();
    }
  });

  it('at a terminal colours unless NO_COLOR is set and not empty', () => {
    assert.equal(useColor({ isTTY: true, env: {} }), true);
    assert.equal(useColor({ isTTY: true, env: { NO_COLOR: '1' } }), false);
    assert.equal(useColor({ isTTY: true, env: { NO_COLOR: '' } }), true);
    assert.equal(useColor({ isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }), true);
    assert.equal(useColor({ isTTY: true, env: { FORCE_COLOR: '0' } }), false);
    assert.equal(useColor({ isTTY: false, env: {} }), false);
  });
});
