// The entry VS Code loads as extensionTestsPath: runs the suite named by ENVGUARD_SUITE with mocha
// inside the real extension host and writes the results as JSON for test/integration/run.mjs.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

interface Result { title: string; state: 'passed' | 'failed' | 'pending'; error?: string }

export function run(): Promise<void> {
  // ENVGUARD_TEST_GREP runs the tests whose titles match (while working on one: `ENVGUARD_TEST_GREP=race node test/integration/run.mjs main`).
  const grep = process.env.ENVGUARD_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'envguard-integration', mocha);
  // Required here, after mocha has put describe/it on the global object.
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (process.env.ENVGUARD_SUITE === 'restricted') {
    require('./restricted.test');
  } else {
    require('./activation.test');
    require('./diagnostics.test');
    require('./quick-fix.test');
    require('./commands.test');
    require('./azure.test');
    require('./cloud-vaults.test');
    require('./projects.test');
    require('./debug.test');
    require('./install-cli.test');
    require('./references.test');
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const results: Result[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.ENVGUARD_TEST_RESULTS;
      if (file) writeFileSync(file, JSON.stringify(results));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('pending', (test) => results.push({ title: test.fullTitle(), state: 'pending' }));
    runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }));
  });
}
