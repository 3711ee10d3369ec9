/**
 * The CLI's tests (test/unit/cli) again on each other Node the CLI supports, from npm: the bundle
 * dist/cli.js runs on that Node (ENVGUARD_TEST_NODE, read by test/unit/support/cli.ts), while mocha
 * stays on this one. Only the CLI's tests: the rest of the suite is Node-independent library code
 * the CLI bundles, and running it all again would double CI's time. Run after `npm run build`.
 *   node --import tsx test/tools/cli-on-nodes.ts [22|24]…
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeFromNpm, type NodeVersion } from '../support/node-from-npm';

const REPO = path.resolve(__dirname, '../..');
const VERSIONS: readonly NodeVersion[] = [22, 24];

const asked = process.argv.slice(2).map(Number);
const unknown = asked.filter((v) => !VERSIONS.includes(v as NodeVersion));
if (unknown.length > 0) {
  console.error(`cli-on-nodes: no Node ${unknown.join(', ')} here; choose among ${VERSIONS.join(', ')}`);
  process.exit(2);
}

// The suite's own options (package.json "mocha"), with the spec narrowed to the CLI's tests: a spec on
// the command line would be added to the configured one, not replace it, hence --no-package.
const mocha = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { mocha: { require: string[]; extension: string[]; timeout: number; reporter: string } }).mocha;
const options = [...mocha.require.flatMap((r) => ['--require', r]), ...mocha.extension.flatMap((e) => ['--extension', e]), '--timeout', String(mocha.timeout), '--reporter', mocha.reporter];

let failed = false;
for (const version of asked.length > 0 ? (asked as NodeVersion[]) : VERSIONS) {
  const node = nodeFromNpm(version);
  const actual = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\nThe CLI's tests with dist/cli.js on Node ${actual} (${path.relative(REPO, node)})`);
  const result = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), '--no-package', ...options, 'test/unit/cli/*.test.ts'], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, ENVGUARD_TEST_NODE: node },
  });
  if (result.status !== 0) {
    console.error(`The CLI's tests failed on Node ${actual} (exit ${result.status ?? result.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
